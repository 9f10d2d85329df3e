"""Nasty inputs and the commands that read them, for the bad-input fuzz test
(tests/integration/test_fuzz_readers.py, issue 11 part 5).

Three families of file — catalogues, holiday override files, trainers' datasets — plus
``settings.json``; each family is fed to every command that reads it. Inputs are a fixed corpus
of nasty files (made at test time: a FIFO or ``/dev/zero`` cannot be committed) and mutations of
a valid file drawn from a seed, so the fuzz test (hypothesis) and the counting script below make
the same inputs.

Extend :data:`COMMANDS` when a command that reads one of these files is added.

Counting, e.g. against another checkout (each run in its own process, with a time and memory
limit, so a hang or a /dev/zero read is counted rather than suffered):
``PYTHONPATH=/path/to/checkout python tests/fuzz_inputs.py --mutations 300``.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_BASE = ROOT / "resources" / "catalogue" / "canonical.json"
HOLIDAYS_BASE = ROOT / "resources" / "calendar" / "example-holidays.json"
#: Printed by the CLI's last-resort guard (clerkapp.cli); its presence fails the fuzz test.
GUARD_MARKER = "内部错误"

Maker = Callable[[Path], None]


def _bytes(data: bytes) -> Maker:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _json(value: Any) -> Maker:
    return _bytes(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside.json").write_text("{}", encoding="utf-8")


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere" / "missing.json")


_BIG: list[Path] = []


def _big(path: Path) -> None:
    # 50 MB: over every JSON file's size limit but a dataset table's; written once, then linked
    if not _BIG:
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="clerkapp-fuzz-"))
        atexit.register(shutil.rmtree, folder, True)
        _BIG.append(folder / "50mb.json")
        with _BIG[0].open("wb") as handle:
            handle.write(b"[" + b" " * (50 * 1024 * 1024) + b"]")
    try:
        os.link(_BIG[0], path)
    except OSError:  # another file system
        path.write_bytes(_BIG[0].read_bytes())


#: The fixed corpus: name → how to make it at a path (any family).
NASTY: dict[str, Maker] = {
    "empty": _bytes(b""),
    "whitespace": _bytes(b" \n\t "),
    "deep-array-100k": _bytes(b"[" * 100_000 + b"]" * 100_000),
    "deep-object-100k": _bytes(b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
    "deep-unclosed": _bytes(b"[" * 100_000),
    "int-5000-digits": _bytes(b'{"version": ' + b"9" * 5000 + b"}"),
    "neg-int-5000": _bytes(b"[-" + b"7" * 5000 + b"]"),
    "float-5000-digits": _bytes(b"[0." + b"1" * 5000 + b"]"),
    "float-overflow": _bytes(b'{"format": 1e99999}'),
    "nan": _bytes(b"[NaN, Infinity, -Infinity]"),
    "lone-surrogate-escape": _bytes(b'{"format": "\\ud800", "years": {"\\udfff": 1}}'),
    "lone-surrogate-bytes": _bytes(b'{"format": "\xed\xa0\x80"}'),
    "invalid-utf8": _bytes(b'{"comment": "\xff\xfe\xfd"}'),
    "truncated-utf8": _bytes(b'{"comment": "\xe5\x9b'),
    "gbk": _bytes('{"comment": "国务院办公厅"}'.encode("gbk")),
    "utf16-bom": _bytes('{"format": "x"}'.encode("utf-16")),
    "utf8-bom-only": _bytes(b"\xef\xbb\xbf"),
    "double-bom": _bytes(b"\xef\xbb\xbf\xef\xbb\xbf{}"),
    "nul-byte": _bytes(b'{"a": "\x00"}'),
    "nul-escape": _bytes(b'{"a": "\\u0000"}'),
    "nul-only": _bytes(b"\x00" * 4096),
    "duplicate-keys": _bytes(b'{"format": "a", "format": "b", "years": {}, "years": {}}'),
    "not-json": _bytes(b"{ not json"),
    "trailing-garbage": _bytes(b"{} {}"),
    "top-array": _json([]),
    "top-string": _json("中文"),
    "top-number": _json(1),
    "top-null": _json(None),
    "top-true": _json(True),
    "wrong-types": _json(
        {"format": 1, "version": [], "years": [], "matters": {}, "proofs": "x", "as_of": 5}
    ),
    "huge-string": _bytes(b'["' + b"a" * (5 * 1024 * 1024) + b'"]'),
    "many-elements": _bytes(b"[" + b"0," * 3_000_000 + b"0]"),
    "fifo": _fifo,
    "directory": _directory,
    "dev-zero": _dev_zero,
    "dangling-symlink": _dangling,
    "50mb": _big,
}


# -- mutations of a valid file -----------------------------------------------------------------


#: Raw JSON put in place of a value after serialising (what json.dumps cannot write).
RAW = [
    b"1" + b"0" * 5000,
    b"-" + b"9" * 4400,
    b"1e400",
    b"0." + b"5" * 3000,
    b'"\\ud800"',
    b'"a\\udc00b"',
    b'"\\u0000"',
    b"[" * 5000 + b"]" * 5000,
    b'{"a":' * 3000 + b"1" + b"}" * 3000,
    b"NaN",
    b"-Infinity",
]


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    if rng.random() < 0.15:
        return f"__RAW_{rng.randrange(len(RAW))}__"
    choice = rng.randrange(12 if depth < 3 else 9)
    scalars: list[Any] = [
        None,
        True,
        False,
        rng.randint(-(10**6), 10**6),
        rng.choice([0, -1, 2**63, 10**30, 1.5, -0.0, 1e308]),
        "",
        rng.choice(["2027", "２０２７", "2027-02-30", "x" * rng.randrange(200), "😀", "\u2028"]),
        "".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(12))),
        rng.choice(["2026-01-01", "110101199003077777", "person", "data_query", "pledge"]),
    ]
    if choice < len(scalars):
        return scalars[choice]
    if choice == 9:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["code", "name", "method", "years", "holidays", "workdays", "2027", "id_number", "x"]
    return {rng.choice(keys): _random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def _containers(value: Any, out: list[Any]) -> list[Any]:
    if isinstance(value, dict | list):
        out.append(value)
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            _containers(child, out)
    return out


def mutate(base: Any, rng: random.Random) -> bytes:
    """A valid document ``base`` changed in one to four random places: a value replaced by
    another of any type (now and then a raw nasty one from :data:`RAW`), a key dropped or
    added; then, sometimes, a few bytes corrupted."""
    doc = json.loads(json.dumps(base))
    for _ in range(rng.randint(1, 4)):
        target = rng.choice(_containers(doc, []))
        action = rng.randrange(3)
        if isinstance(target, dict):
            keys = list(target)
            if action == 0 and keys:
                del target[rng.choice(keys)]
            elif action == 1 or not keys:
                target[rng.choice(["extra", "2027", "２０２７", "format", "years"])] = (
                    _random_value(rng)
                )
            else:
                target[rng.choice(keys)] = _random_value(rng)
        elif target:
            index = rng.randrange(len(target))
            if action == 0:
                del target[index]
            else:
                target[index] = _random_value(rng)
        else:
            target.append(_random_value(rng))
    data = json.dumps(doc, ensure_ascii=rng.random() < 0.3).encode("utf-8")
    for n, raw in enumerate(RAW):
        data = data.replace(f'"__RAW_{n}__"'.encode(), raw)
    if rng.random() < 0.25:
        buffer = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        data = bytes(buffer)
    return data


def catalogue_base() -> Any:
    return json.loads(CATALOGUE_BASE.read_text(encoding="utf-8"))


def holidays_base() -> Any:
    base = json.loads(HOLIDAYS_BASE.read_text(encoding="utf-8"))
    year = base["years"]["2026"]
    base["years"]["2027"] = {
        "source": "x",
        "holidays": [d.replace("2026", "2027") for d in year["holidays"]],
        "workdays": [],
    }
    return base


def write_dataset(directory: Path) -> None:
    """A small valid trainer's dataset in ``directory``."""
    from clerkapp.sandbox.dataset import write_dataset as write
    from clerkapp.sandbox.synth import generate

    write(generate(20, 7, with_demo=False), directory)


# -- where an input goes, and the commands ----------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A reading command: the family of file it reads, where the input is put (``arg``: a
    path given on the command line, or a file name in the data directory / dataset), and its
    arguments (``{path}`` replaced by the input's path)."""

    family: str
    place: str
    argv: tuple[str, ...]
    stdin: str = ""
    codes: tuple[int, ...] = (0, 1)  # the exit codes that are answers, not failures

    @property
    def name(self) -> str:
        return f"{' '.join(self.argv)} <{self.place}>"


COMMANDS: list[Command] = [
    Command("catalogue", "arg", ("catalogue", "validate", "{path}")),
    Command("catalogue", "arg", ("catalogue", "import", "{path}")),
    Command("catalogue", "catalogue/current.json", ("catalogue", "search", "公共")),
    Command("catalogue", "catalogue/current.json", ("catalogue", "stats", "--json")),
    Command("holidays", "arg", ("calendar", "check", "{path}")),
    Command("holidays", "calendar/holidays.json", ("calendar", "check")),
    Command("holidays", "calendar/holidays.json", ("calendar", "add-days", "2027-01-29", "10")),
    Command("dataset", "manifest.json", ("platform", "check-dataset", "{dir}")),
    Command("dataset", "people.jsonl", ("platform", "check-dataset", "{dir}")),
    Command("dataset", "marriages.jsonl", ("platform", "check-dataset", "{dir}")),
    # writes, into whatever the corpus put at --out (a FIFO, /dev/zero, a dangling link…)
    Command("output", "arg", ("platform", "dataset", "--out", "{path}", "--people", "3")),
    # exit 2: no store to check (documented); the file read is settings.json's office zone
    Command("settings", "settings.json", ("audit", "verify"), codes=(0, 1, 2)),
    Command("settings", "settings.json", ("platform", "training")),
    Command("settings", "settings.json", ("clerks", "list", "--json")),
    # no store yet: nothing to send (0); the platform's state decides the rest (3: offline)
    Command("settings", "settings.json", ("sync", "--once", "--json"), codes=(0, 1, 3)),
    # any file given as a store: refused in words (1), never migrated or written
    Command("catalogue", "arg", ("audit", "verify", "--db", "{path}"), codes=(0, 1)),
    Command(
        "settings",
        "settings.json",
        (
            "platform",
            "configure",
            "--url",
            "https://p.example",
            "--workstation",
            "W1",
            "--secret-stdin",
        ),
        stdin="s3cret\n",
    ),
]


def place_input(command: Command, make: Maker, home: Path, scratch: Path) -> list[str]:
    """Put the input where ``command`` reads it; the command's argv."""
    if command.place == "arg":
        path = scratch / "input.json"
        make(path)
        return [a.replace("{path}", str(path)) for a in command.argv]
    if command.family == "dataset":
        directory = scratch / "dataset"
        write_dataset(directory)
        target = directory / command.place
        target.unlink()
        make(target)
        return [a.replace("{dir}", str(directory)) for a in command.argv]
    target = home / command.place
    target.parent.mkdir(parents=True, exist_ok=True)
    make(target)
    return list(command.argv)


@dataclass
class Outcome:
    """What one command did with one input."""

    code: int
    stdout: str
    stderr: str
    crash: str = ""  # the exception that escaped, or why the process failed

    def bad(self, codes: tuple[int, ...] = (0, 1)) -> bool:
        """A traceback, the guard's message, or an exit code not in ``codes``."""
        return (
            bool(self.crash)
            or "Traceback" in self.stderr
            or GUARD_MARKER in self.stderr
            or self.code not in codes
        )


def run_in_process(argv: list[str], stdin: str = "") -> Outcome:
    """``clerkapp.cli.main(argv)`` with strict UTF-8 standard streams (a lone surrogate printed
    fails as it would on a terminal)."""
    from clerkapp.cli import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    crash = ""
    # A command may set up logging to this run's (redirected) streams and data directory: what
    # it adds goes with the run, so the next run does not log into a closed stream.
    loggers = [logging.getLogger(), logging.getLogger("clerkapp")]
    handlers_before = [list(logger.handlers) for logger in loggers]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:  # the thing this harness exists to find
        code, crash = -1, f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        sys.stdin = old_stdin
        for logger, before in zip(loggers, handlers_before, strict=True):
            for handler in [h for h in logger.handlers if h not in before]:
                logger.removeHandler(handler)
                handler.close()
    return Outcome(code, _text(out), _text(err), crash)


def _text(stream: io.TextIOWrapper) -> str:
    with contextlib.suppress(ValueError, UnicodeError):
        stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "replace")


def run_subprocess(argv: list[str], home: Path, stdin: str = "", timeout: float = 20) -> Outcome:
    """``python -m clerkapp argv`` in its own process (memory capped at 1.5 GB)."""

    def limit() -> None:
        import resource

        cap = 3 * 1024**3 // 2
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "CLERKAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "clerkapp", *argv],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=limit,  # a test harness: no threads started yet
        )
    except subprocess.TimeoutExpired:
        return Outcome(-1, "", "", crash=f"hung (> {timeout} s)")
    crash = "Traceback" if "Traceback" in done.stderr else ""
    return Outcome(done.returncode, done.stdout, done.stderr, crash)


def inputs(mutations: int, seed: int = 0) -> Iterator[tuple[str, str, Maker]]:
    """(family or "*", name, maker): the corpus for every family, then ``mutations`` mutated
    files per family."""
    for name, make in NASTY.items():
        yield "*", name, make
    rng = random.Random(seed)
    bases = {"catalogue": catalogue_base(), "holidays": holidays_base()}
    for family, base in bases.items():
        for n in range(mutations):
            yield family, f"{family}-mutation-{n}", _bytes(mutate(base, rng))
    for n in range(mutations // 4):
        row = {"id_number": "110101199003077777", "name": "x"}
        yield "dataset", f"dataset-mutation-{n}", _bytes(mutate([row], rng)[1:-1])


def _count(mutations: int, limit_commands: str) -> None:  # pragma: no cover (a tool)
    import tempfile

    total = bad = 0
    per_command: dict[str, int] = {}
    for family, name, make in inputs(mutations):
        for command in COMMANDS:
            if family not in ("*", command.family) or limit_commands not in command.name:
                continue
            with tempfile.TemporaryDirectory() as scratch_dir:
                scratch = Path(scratch_dir)
                home = scratch / "home"
                home.mkdir()
                argv = place_input(command, make, home, scratch)
                outcome = run_subprocess(argv, home, command.stdin)
            total += 1
            if outcome.bad(command.codes):
                bad += 1
                per_command[command.name] = per_command.get(command.name, 0) + 1
                last = (outcome.stderr.strip().splitlines() or [outcome.crash])[-1]
                print(f"BAD {name} | {command.name} | {outcome.code} | {last[:150]}", flush=True)
    print(json.dumps({"runs": total, "bad": bad, "per_command": per_command}, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--mutations", type=int, default=50)
    parser.add_argument("--only", default="", help="only commands whose name contains this")
    options = parser.parse_args()
    _count(options.mutations, options.only)
