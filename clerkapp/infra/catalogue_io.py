"""Catalogue files on disk: read and validate one, install (import) one atomically into the data
directory, and load the catalogue the workstation uses — the installed one, unless the bundled
``resources/catalogue/jinhua.json`` is newer (an updated app brings a newer catalogue than the
one IT imported earlier: the newer one wins, without anyone having to import it again)."""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.core.bounded_json import InputError, decode_utf8, parse_json
from clerkapp.core.catalogue import Catalogue, version_key
from clerkapp.core.catalogue_parse import ParseResult, Problem, parse_catalogue
from clerkapp.core.catalogue_schema import render_problems
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import CatalogueError
from clerkapp.infra.bounded_read import (
    CATALOGUE,
    display_path,
    read_bytes,
    read_head,
    read_json,
)
from clerkapp.infra.file_modes import private_dir
from clerkapp.infra.paths import data_dir, resources_dir

if TYPE_CHECKING:
    from clerkapp.core.search import CatalogueIndex

log = logging.getLogger(__name__)

BUNDLED_NAME = "jinhua.json"
#: The version key as written at the top of a catalogue file (peeked without parsing it all).
_VERSION_FIELD = re.compile(rb'"version"\s*:\s*"([^"\\]{1,40})"')


class CatalogueFileError(CatalogueError):
    """A catalogue file with problems; ``problems`` lists every one, ``source`` names the file."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        listed = render_problems(problems, source)
        super().__init__(
            f"{source}: {len(problems)} problem(s)",
            user_message=QT_TRANSLATE_NOOP(
                "CatalogueFile", "目录文件有 {count} 个问题：\n{listed}"
            ).format(count=len(problems), listed=listed),
        )


class CatalogueAlreadyInstalled(CatalogueError):
    """The same catalogue version is installed already: nothing to do (not a failure)."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the version installed and where."""

    version: str
    path: Path
    previous_version: str | None


def schema_path() -> Path:
    """The JSON Schema of the catalogue file format."""
    return resources_dir() / "catalogue" / "schema.json"


def bundled_path() -> Path:
    """The catalogue shipped with the application."""
    return resources_dir() / "catalogue" / BUNDLED_NAME


def installed_path() -> Path:
    """Where an imported catalogue is kept (``data_dir()/catalogue/current.json``)."""
    return data_dir() / "catalogue" / "current.json"


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = read_json(schema_path(), CATALOGUE)
    return schema


def decode(text: str, source: str) -> object:
    """Decode JSON within the catalogue's limits, reporting a problem with its line and column."""
    try:
        return parse_json(text, CATALOGUE.json)
    except InputError as exc:
        raise CatalogueFileError(source, [_problem(exc)]) from None


def _problem(exc: InputError) -> Problem:
    return Problem(exc.location, exc.field, exc.message)


def check_file(path: Path, *, full: bool = True) -> tuple[object, ParseResult]:
    """Read (bounded: see :mod:`clerkapp.infra.bounded_read`), decode and validate a catalogue
    file (``full``: with the JSON Schema pass too). Returns the decoded data and the result;
    raises :class:`CatalogueFileError` only when the file cannot be read or decoded."""
    data, result, _ = _checked(path, full=full)
    return data, result


def _checked(path: Path, *, full: bool) -> tuple[object, ParseResult, str]:
    """:func:`check_file`, and the SHA-256 of the bytes read."""
    source = display_path(path)
    try:
        raw = read_bytes(path, CATALOGUE)
        text, offset = decode_utf8(raw)
        data = parse_json(text, CATALOGUE.json, offset)
    except InputError as exc:
        raise CatalogueFileError(source, [_problem(exc)]) from None
    result = parse_catalogue(data, schema=_schema() if full else None)
    return data, result, hashlib.sha256(raw).hexdigest()


def read_catalogue(path: Path, *, full: bool = True) -> Catalogue:
    """The catalogue in ``path``; :class:`CatalogueFileError` with every problem otherwise."""
    _, result = check_file(path, full=full)
    if result.catalogue is None:
        raise CatalogueFileError(display_path(path), result.problems)
    return result.catalogue


def installed_version() -> str | None:
    """Version of the installed catalogue, or None when none is installed (or it is unreadable)."""
    path = installed_path()
    if not path.exists():
        return None
    try:
        data = read_json(path, CATALOGUE)
    except InputError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def import_catalogue(path: Path) -> ImportResult:
    """Validate ``path`` fully, then install it atomically (temporary file + ``os.replace``), with
    the reading (pinyin) of every name filled in. Refuses a version older than the installed one
    (:class:`CatalogueError`) and leaves an equal one alone (:class:`CatalogueAlreadyInstalled`);
    the installed file is untouched by any failure."""
    data, result = check_file(path, full=True)
    if result.catalogue is None or not isinstance(data, dict):
        raise CatalogueFileError(display_path(path), result.problems)
    version = result.catalogue.version
    previous = installed_version()
    if previous is not None:
        if version_key(version) < version_key(previous):
            raise CatalogueError(
                f"version {version} is older than installed {previous}",
                user_message=QT_TRANSLATE_NOOP(
                    "CatalogueFile", "目录版本 {version} 早于已安装的版本 {previous}，拒绝导入"
                ).format(version=version, previous=previous),
            )
        if version_key(version) == version_key(previous):
            raise CatalogueAlreadyInstalled(
                f"version {version} is already installed",
                user_message=(
                    QT_TRANSLATE_NOOP(
                        "CatalogueFile",
                        "目录版本 {version} 已经安装，无需重复导入（内容如有变化，请提高版本号）",
                    ).format(version=version)
                ),
            )
    add_readings(data)
    target = installed_path()
    write_atomic(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return ImportResult(version, target, previous)


def add_readings(data: dict[str, Any]) -> None:
    """Fill in the ``pinyin`` of every department, matter and proof that lacks one."""
    from clerkapp.core.search import reading_of

    for key in ("departments", "matters", "proofs"):
        for entry in data.get(key, []):
            if isinstance(entry, dict) and not entry.get("pinyin"):
                entry["pinyin"] = reading_of(entry["name"])


def write_atomic(target: Path, text: str | bytes) -> None:
    """Write ``text`` to ``target`` so that readers see the old file or the new one, never half."""
    private_dir(target.parent)  # mkstemp creates the file 0600 already
    fd, tmp = tempfile.mkstemp(prefix=".catalogue-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def peek_version(path: Path) -> str | None:
    """The version a catalogue file declares, read from its first kilobytes (the generator and
    ``catalogue import`` write it first); None when it cannot be read there."""
    try:
        head = read_head(path, 4096)
    except InputError:
        return None
    match = _VERSION_FIELD.search(head)
    return match.group(1).decode("utf-8", "replace") if match else None


def active_path() -> Path:
    """The catalogue file the workstation uses: the installed one if present, unless the
    bundled one is newer; the bundled one when none is installed. An installed file whose
    version cannot be read stays active, so its problem is reported rather than hidden."""
    installed, bundled = installed_path(), bundled_path()
    if not installed.exists():
        return bundled
    mine, shipped = peek_version(installed), peek_version(bundled)
    if mine is not None and shipped is not None:
        try:
            newer = version_key(shipped) > version_key(mine)
        except ValueError:
            newer = False
        if newer:
            log.info("bundled catalogue %s is newer than installed %s: using it", shipped, mine)
            return bundled
    return installed


def load_catalogue() -> Catalogue:
    """The catalogue the workstation uses. Installed and bundled files were validated in full
    when imported or built, so start-up skips the (slow) schema pass; the code checks still run."""
    return read_catalogue(active_path(), full=False)


def index_cache_path() -> Path:
    """The search index of the catalogue last loaded, kept between starts
    (``data_dir()/cache/catalogue-index.bin``): building it costs more than reading it back."""
    return data_dir() / "cache" / "catalogue-index.bin"


def catalogue_index(catalogue: Catalogue) -> CatalogueIndex:
    """The search index of ``catalogue``: read back from :func:`index_cache_path` when it was
    built by this version of the index from the same names (a digest of all the index holds),
    built and kept there otherwise."""
    return _index(catalogue, None, _stored_index())


def load_indexed() -> tuple[Catalogue, CatalogueIndex]:
    """The catalogue the workstation uses (as :func:`load_catalogue` reads it) and its search
    index, kept in :func:`index_cache_path` for this very file (the SHA-256 of its bytes). A
    file whose index is kept passed every check of the JSON reader when it was kept: only the
    catalogue's own checks run again."""
    from clerkapp import __version__
    from clerkapp.core.search import CatalogueIndex

    path = active_path()
    name = display_path(path)
    try:
        raw = read_bytes(path, CATALOGUE)
        text, offset = decode_utf8(raw)
        source = f"{__version__}:file:{hashlib.sha256(raw).hexdigest()}"
        stored = _stored_index()
        data = _UNREAD
        if CatalogueIndex.fits(stored, source):
            try:
                data = json.loads(text)  # the same bytes as checked before: no need to again
            except (ValueError, RecursionError):
                data = _UNREAD  # then it was not: the bounded reader says what is wrong
        if data is _UNREAD:
            data = parse_json(text, CATALOGUE.json, offset)
    except InputError as exc:
        raise CatalogueFileError(name, [_problem(exc)]) from None
    result = parse_catalogue(data)
    if result.catalogue is None:
        raise CatalogueFileError(name, result.problems)
    return result.catalogue, _index(result.catalogue, source, stored)


_UNREAD = object()


def _stored_index() -> object:
    """What :func:`index_cache_path` holds (None when nothing readable)."""
    try:
        return marshal.loads(index_cache_path().read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.warning("catalogue index cache unreadable (%s): building the index", type(exc).__name__)
        return None


def _index(catalogue: Catalogue, source: str | None, stored: object) -> CatalogueIndex:
    """The index from ``stored`` when it fits, else built and kept (a cache that cannot be
    written is logged: it only costs the build next time)."""
    from clerkapp.core.search import CatalogueIndex

    index, keep = CatalogueIndex.cached(catalogue, stored, source)
    if keep is not None:
        try:
            write_atomic(index_cache_path(), marshal.dumps(keep))  # type: ignore[arg-type]
        except (OSError, ValueError) as exc:
            log.warning("catalogue index cache not written: %s", exc)
    return index
