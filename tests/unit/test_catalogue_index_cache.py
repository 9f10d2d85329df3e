"""The catalogue's search index kept between starts (``<data dir>/cache/catalogue-index.bin``):
read back while the catalogue is unchanged, built again when it changed or the cache is bad."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clerkapp.core.search import CatalogueIndex
from clerkapp.infra import catalogue_io
from clerkapp.infra.catalogue_io import (
    catalogue_index,
    import_catalogue,
    index_cache_path,
    load_catalogue,
    load_indexed,
)

CANONICAL = catalogue_io.bundled_path().with_name("canonical.json")
QUERIES = ["公共租赁", "ggzl", "gong gong zu lin", "社保", "zm", "证明", "hunyinzhuangkuang", "s"]


def hits(index: CatalogueIndex) -> list[object]:
    return [index.search(q, limit=30, kinds=kinds) for q in QUERIES
            for kinds in (("matter", "proof"), ("proof",))]  # fmt: skip


def canonical(version: str, **renamed: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CANONICAL.read_text(encoding="utf-8"))
    data["version"] = version
    for matter in data["matters"]:
        if matter["code"] in renamed:
            matter["name"] = renamed[matter["code"]]
            matter.pop("pinyin", None)
    return data


def test_the_index_is_kept_and_read_back_while_the_catalogue_is_unchanged() -> None:
    path = index_cache_path()
    assert not path.exists()
    catalogue, first = load_indexed()
    assert path.exists()
    written = path.stat().st_mtime_ns, path.read_bytes()
    again_catalogue, again = load_indexed()
    assert (path.stat().st_mtime_ns, path.read_bytes()) == written  # read, not rebuilt
    built = CatalogueIndex.build(catalogue)
    assert hits(first) == hits(again) == hits(built)
    assert len(again) == len(built) == len(again_catalogue.matters) + len(again_catalogue.proofs)
    # a catalogue given as such (no file): keyed by its names, read back the same way
    by_names = catalogue_index(load_catalogue())
    assert hits(by_names) == hits(built)
    assert hits(catalogue_index(load_catalogue())) == hits(built)


def test_a_changed_catalogue_gets_a_new_index(tmp_path: Path) -> None:
    load_indexed()
    source = tmp_path / "new.json"
    new = canonical("2099.1.0", **{"zjj.public_rental": "保障性租赁住房申请"})
    source.write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    import_catalogue(source)
    catalogue, index = load_indexed()
    assert catalogue.version == "2099.1.0"
    assert [h.code for h in index.search("保障性租赁")] == ["zjj.public_rental"]
    assert index.search("公共租赁住房申请") == []  # nothing of the old catalogue's index
    assert hits(index) == hits(CatalogueIndex.build(catalogue))


def test_a_broken_or_foreign_cache_only_costs_the_build() -> None:
    catalogue, _ = load_indexed()
    expected = hits(CatalogueIndex.build(catalogue))
    path = index_cache_path()
    for junk in [b"", b"\x00not marshal", path.read_bytes()[:1000]]:
        path.write_bytes(junk)
        _, index = load_indexed()
        assert hits(index) == expected
        assert path.read_bytes() != junk  # written again, whole
    import marshal

    # readable, but of another layout (an older version): built again
    path.write_bytes(marshal.dumps((marshal.loads(path.read_bytes())[0], ("old", "layout"))))
    _, index = load_indexed()
    assert hits(index) == expected


def test_each_user_of_the_index_has_its_own_typing_history() -> None:
    catalogue, index = load_indexed()
    other = index.fork()
    fresh = CatalogueIndex.build(catalogue)
    for n in range(1, len("gonggongzulin") + 1):
        index.search("gonggongzulin"[:n])
    for query in ["zhu", "zhuf", "zhufang"]:  # typed elsewhere: no narrowing from the first
        assert other.search(query) == fresh.search(query)


def test_a_file_changed_after_its_index_was_kept_is_checked_in_full() -> None:
    import pytest

    from clerkapp.infra.catalogue_io import CatalogueFileError, installed_path

    installed = installed_path()
    installed.parent.mkdir(parents=True, exist_ok=True)
    good = json.dumps(canonical("2099.2.0"), ensure_ascii=False)
    installed.write_text(good, encoding="utf-8")
    catalogue, _ = load_indexed()  # kept for these bytes
    assert catalogue.version == "2099.2.0"
    # a duplicate key: plain JSON would take the last one; the bounded reader refuses it
    installed.write_text(good.replace('{"format"', '{"format": "x", "format"', 1), encoding="utf-8")
    with pytest.raises(CatalogueFileError) as err:
        load_indexed()
    assert "字段重复出现" in err.value.user_message
    installed.write_text(good, encoding="utf-8")  # and back: read as before, nothing lost
    assert load_indexed()[0] == catalogue
