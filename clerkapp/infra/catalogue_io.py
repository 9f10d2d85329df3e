"""Catalogue files on disk: read and validate one, install (import) one atomically into the data
directory, and load the catalogue the workstation uses — the installed one, unless the bundled
``resources/catalogue/jinhua.json`` is newer (an updated app brings a newer catalogue than the
one IT imported earlier: the newer one wins, without anyone having to import it again)."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from clerkapp.core.bounded_json import InputError, parse_json
from clerkapp.core.catalogue import Catalogue, version_key
from clerkapp.core.catalogue_parse import ParseResult, Problem, parse_catalogue
from clerkapp.core.catalogue_schema import render_problems
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import CatalogueError
from clerkapp.infra.bounded_read import CATALOGUE, display_path, read_head, read_json
from clerkapp.infra.file_modes import private_dir
from clerkapp.infra.paths import data_dir, resources_dir

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
    source = display_path(path)
    try:
        data = read_json(path, CATALOGUE)
    except InputError as exc:
        raise CatalogueFileError(source, [_problem(exc)]) from None
    return data, parse_catalogue(data, schema=_schema() if full else None)


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


def write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` so that readers see the old file or the new one, never half."""
    private_dir(target.parent)  # mkstemp creates the file 0600 already
    fd, tmp = tempfile.mkstemp(prefix=".catalogue-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
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
