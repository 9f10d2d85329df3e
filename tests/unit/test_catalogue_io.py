"""Catalogue files on disk: reading, atomic import with versions, and which catalogue is used."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from clerkapp.errors import CatalogueError
from clerkapp.infra import catalogue_io
from clerkapp.infra.catalogue_io import (
    CatalogueAlreadyInstalled,
    CatalogueFileError,
    import_catalogue,
    installed_path,
    load_catalogue,
    read_catalogue,
)

CANONICAL = catalogue_io.bundled_path().with_name("canonical.json")


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def canonical(version: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CANONICAL.read_text(encoding="utf-8"))
    data["version"] = version
    return data


def test_invalid_json_reports_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "clerkapp-catalogue/1",\n  "version": ,\n}', encoding="utf-8")
    with pytest.raises(CatalogueFileError) as err:
        read_catalogue(bad)
    (problem,) = err.value.problems
    assert problem.location == "第 3 行第 14 列（字节 51）"  # and the byte offset
    assert "JSON" in problem.message and str(bad) in err.value.user_message


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(CatalogueFileError, match="problem"):
        read_catalogue(tmp_path / "missing.json")
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"source": "é"}'.encode("latin-1"))
    with pytest.raises(CatalogueFileError) as err:
        read_catalogue(latin)
    assert "UTF-8" in err.value.problems[0].message


def test_read_catalogue_collects_every_problem(tmp_path: Path) -> None:
    data = canonical("1.0")
    del data["matters"][0]["name"]
    data["proofs"][0]["method"] = "fax"
    with pytest.raises(CatalogueFileError) as err:
        read_catalogue(write(tmp_path / "c.json", data))
    assert len(err.value.problems) == 2
    assert isinstance(err.value, CatalogueError)


def test_without_an_installed_catalogue_the_bundled_one_is_used() -> None:
    assert not installed_path().exists()
    assert catalogue_io.active_path() == catalogue_io.bundled_path()
    cat = load_catalogue()
    assert len(cat.proofs) >= 2700 and "zjj.public_rental" in cat.matters


def test_a_newer_bundled_catalogue_replaces_an_older_installed_one(tmp_path: Path) -> None:
    """After an app update the bundled catalogue may be newer than the one IT imported."""
    bundled = catalogue_io.peek_version(catalogue_io.bundled_path())
    assert bundled is not None
    import_catalogue(write(tmp_path / "old.json", canonical("2026.1.1")))
    assert catalogue_io.active_path() == catalogue_io.bundled_path()
    assert load_catalogue().version == bundled
    assert len(load_catalogue().proofs) >= 2700
    # a newer installed one (imported by IT after the update) wins over the bundled one
    import_catalogue(write(tmp_path / "new.json", canonical("2099.1.1")))
    assert catalogue_io.active_path() == installed_path()
    assert load_catalogue().version == "2099.1.1"


def test_peek_version_reads_the_files_head_only(tmp_path: Path) -> None:
    assert catalogue_io.peek_version(CANONICAL) == "2026.12.0"
    late = tmp_path / "late.json"
    late.write_text('{"source": "' + "x" * 5000 + '", "version": "2026.1.1"}', encoding="utf-8")
    assert catalogue_io.peek_version(late) is None  # not in the head: unknown, not guessed
    assert catalogue_io.peek_version(tmp_path / "missing.json") is None


def test_an_unreadable_installed_catalogue_stays_active_so_its_problem_is_told() -> None:
    installed_path().parent.mkdir(parents=True, exist_ok=True)
    installed_path().write_text('{"version": "1.0", "matters": [', encoding="utf-8")
    assert catalogue_io.active_path() == catalogue_io.bundled_path()  # older than bundled
    installed_path().write_text('{"matters": [', encoding="utf-8")
    assert catalogue_io.active_path() == installed_path()
    with pytest.raises(CatalogueFileError):
        load_catalogue()


def test_import_installs_atomically_and_keeps_the_version(tmp_path: Path) -> None:
    result = import_catalogue(write(tmp_path / "v1.json", canonical("2026.12.1")))
    assert result.version == "2026.12.1" and result.previous_version is None
    assert result.path == installed_path()
    installed = json.loads(installed_path().read_text(encoding="utf-8"))
    assert installed["version"] == "2026.12.1"
    # readings were added on import, so start-up never needs pypinyin
    assert all(m["pinyin"] for m in installed["matters"])
    assert load_catalogue().version == "2026.12.1"
    assert len(load_catalogue().matters) == 12
    # no temporary file is left behind
    assert os.listdir(installed_path().parent) == ["current.json"]
    newer = import_catalogue(write(tmp_path / "v2.json", canonical("2026.12.10")))
    assert (newer.version, newer.previous_version) == ("2026.12.10", "2026.12.1")


def test_import_refuses_older_and_equal_versions_and_changes_nothing(tmp_path: Path) -> None:
    import_catalogue(write(tmp_path / "v.json", canonical("2026.12.10")))
    before = installed_path().read_bytes()
    with pytest.raises(CatalogueError) as older:
        import_catalogue(write(tmp_path / "old.json", canonical("2026.12.9")))
    assert "早于" in older.value.user_message
    with pytest.raises(CatalogueAlreadyInstalled) as same:
        import_catalogue(write(tmp_path / "same.json", canonical("2026.12.10")))
    assert "已经安装" in same.value.user_message
    broken = canonical("2027.1.1")
    broken["matters"][0]["proofs"].append("no.such.proof")
    with pytest.raises(CatalogueFileError):
        import_catalogue(write(tmp_path / "broken.json", broken))
    assert installed_path().read_bytes() == before
    assert os.listdir(installed_path().parent) == ["current.json"]


def test_a_failed_write_leaves_the_installed_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_catalogue(write(tmp_path / "v.json", canonical("1.0")))
    before = installed_path().read_bytes()

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(catalogue_io.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        import_catalogue(write(tmp_path / "v2.json", canonical("2.0")))
    assert installed_path().read_bytes() == before
    assert os.listdir(installed_path().parent) == ["current.json"]
