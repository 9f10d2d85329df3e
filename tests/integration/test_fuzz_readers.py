"""Bad input never crashes (issue 11, part 5): every reading command, fed the nasty corpus and
generated catalogues, holiday files and datasets, answers with exit 0 or 1 and ``file: location:
field: message`` — never a traceback, never the CLI's last-resort guard, never a hang.

Bounded in time: the corpus (~480 runs) and hypothesis' examples run in-process through
``clerkapp.cli.main(argv)``; a few real processes check stderr for a traceback. The commands
are listed in tests/fuzz_inputs.py (COMMANDS), to be extended with every new reading command.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_inputs import (
    COMMANDS,
    GUARD_MARKER,
    NASTY,
    Command,
    Maker,
    Outcome,
    catalogue_base,
    holidays_base,
    mutate,
    place_input,
    run_in_process,
    run_subprocess,
)

_FUZZ = settings(
    max_examples=40,
    deadline=None,  # the machine is shared: the bound is max_examples, not one example's time
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples on every run: CI is reproducible
    database=None,
)


def _run(command: Command, make: Maker, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        home = scratch / "home"
        home.mkdir()
        monkeypatch.setenv("CLERKAPP_HOME", str(home))
        argv = place_input(command, make, home, scratch)
        started = time.monotonic()
        outcome = run_in_process(argv, command.stdin)
        assert time.monotonic() - started < 30, f"{command.name} took too long"
        return outcome


def _check(outcome: Outcome, command: Command, what: str) -> None:
    assert not outcome.bad(command.codes), (
        f"{what} | {command.name}: exit {outcome.code} {outcome.crash}\n{outcome.stderr[-800:]}"
    )


def _family(name: str) -> list[Command]:
    return [c for c in COMMANDS if c.family == name]


@pytest.mark.parametrize("name", sorted(NASTY))
def test_the_nasty_corpus_through_every_reading_command(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for command in COMMANDS:
        outcome = _run(command, NASTY[name], monkeypatch)
        _check(outcome, command, name)
        if command.place == "arg" and command.family != "output":
            # none of them is a usable file: refused, with the file and where
            assert outcome.code == 1, f"{name} | {command.name} accepted"
            assert "input.json: " in outcome.stdout + outcome.stderr


@given(seed=st.integers(0, 2**32 - 1))
@_FUZZ
def test_generated_catalogues(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = mutate(_CATALOGUE, random.Random(seed))
    for command in _family("catalogue"):
        _check(_run(command, _bytes(data), monkeypatch), command, f"catalogue seed {seed}")


@given(seed=st.integers(0, 2**32 - 1))
@_FUZZ
def test_generated_holiday_files(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = mutate(_HOLIDAYS, random.Random(seed))
    for command in _family("holidays"):
        _check(_run(command, _bytes(data), monkeypatch), command, f"holidays seed {seed}")


@given(seed=st.integers(0, 2**32 - 1), settings_too=st.booleans())
@_FUZZ
def test_generated_dataset_lines_and_settings(
    seed: int, settings_too: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    row = {"id_number": "110101199003077777", "name": "x", "marital_status": "married"}
    line = mutate([row, row], rng)[1:-1].replace(b"}, {", b"}\n{")
    for command in _family("dataset"):
        _check(_run(command, _bytes(line), monkeypatch), command, f"dataset seed {seed}")
    if settings_too:
        data = mutate({"platform_url": "", "office_zone": "Asia/Shanghai"}, rng)
        for command in _family("settings"):
            _check(_run(command, _bytes(data), monkeypatch), command, f"settings seed {seed}")


_CATALOGUE = catalogue_base()
_HOLIDAYS = holidays_base()


def _bytes(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


@pytest.mark.parametrize(
    ("argv", "nasty"),
    [
        (("catalogue", "validate", "{path}"), "fifo"),
        (("catalogue", "import", "{path}"), "int-5000-digits"),
        (("calendar", "check", "{path}"), "dev-zero"),
        (("calendar", "check", "{path}"), "lone-surrogate-escape"),
        (("platform", "check-dataset", "{path}"), "deep-array-100k"),
    ],
)
def test_real_processes_print_no_traceback(
    argv: tuple[str, ...], nasty: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    target = tmp_path / "input.json"
    named = target.name
    if argv[1] == "check-dataset":
        from tests.fuzz_inputs import write_dataset

        target = tmp_path / "dataset"
        write_dataset(target)
        (target / "manifest.json").unlink()
        NASTY[nasty](target / "manifest.json")
        named = "manifest.json"
    else:
        NASTY[nasty](target)
    started = time.monotonic()
    outcome = run_subprocess([a.replace("{path}", str(target)) for a in argv], home, timeout=60)
    assert outcome.code == 1 and not outcome.bad(), outcome.stderr
    assert time.monotonic() - started < 30  # a FIFO or /dev/zero is refused at once
    said = outcome.stdout + outcome.stderr
    assert f"{named}: " in said and "Traceback" not in said


def test_the_guard_turns_a_bug_into_one_line_and_logs_no_data(
    monkeypatch: pytest.MonkeyPatch, clerkapp_home: Path
) -> None:
    """The last resort, tested on purpose (the fuzz tests above fail when it is reached)."""
    import clerkapp.cli.catalogue as catalogue_cli

    def broken(_: object) -> int:
        raise RuntimeError("张三 110101199003077777")  # a bug quoting personal data

    monkeypatch.setattr(catalogue_cli, "_stats", broken)
    outcome = run_in_process(["catalogue", "stats"])
    assert outcome.code == 2 and outcome.crash == ""
    [line] = outcome.stderr.strip().splitlines()
    assert line.startswith(GUARD_MARKER) and "RuntimeError" in line
    assert "110101199003077777" not in line and "Traceback" not in line
    log = (clerkapp_home / "logs" / "clerkapp.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log and "broken" in log  # the frames, for the developer
    assert "110101199003077777" not in log and "张三" not in log
    assert os.environ["CLERKAPP_HOME"] == str(clerkapp_home)


def test_a_file_name_that_is_not_utf8_is_printed_without_breaking_the_output(
    tmp_path: Path,
) -> None:
    path = tmp_path / os.fsdecode(b"\xff\xfe.json")
    path.write_bytes(b'{"format": 1}')
    for argv in (["catalogue", "validate", str(path)], ["calendar", "check", str(path)]):
        outcome = run_in_process(argv)  # strict UTF-8 streams: a raw surrogate would fail
        assert outcome.code == 1 and not outcome.bad(), outcome.crash
        assert "\\udcff\\udcfe.json: " in outcome.stdout


_REGULAR = sorted(set(NASTY) - {"fifo", "directory", "dev-zero", "dangling-symlink"})


@pytest.mark.parametrize("name", _REGULAR)
def test_the_sandbox_refuses_a_nasty_dataset_or_workstation_list_in_words(
    name: str, tmp_path: Path
) -> None:
    """`platform serve --data DIR` loads these before it listens (the loaders it calls, here:
    a serving process would not stop on a good file); a ClerkAppError is what it prints."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.sandbox.config import SandboxSettings
    from clerkapp.sandbox.state import load_or_generate
    from tests.fuzz_inputs import write_dataset

    stations = tmp_path / "stations"
    stations.mkdir()
    NASTY[name](stations / "workstations.json")
    with pytest.raises(ClerkAppError) as caught:
        SandboxSettings(data_dir=stations)
    assert "workstations.json" in caught.value.user_message
    dataset = tmp_path / "dataset"
    write_dataset(dataset)
    (dataset / "manifest.json").unlink()
    NASTY[name](dataset / "manifest.json")
    with pytest.raises(ClerkAppError) as refused:
        load_or_generate(SandboxSettings(data_dir=dataset))
    assert "manifest.json: " in refused.value.user_message
