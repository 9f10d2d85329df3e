"""`clerkapp catalogue validate` / `import` on the act fields, run as a process: every problem as
`file: location: field: message`; an older /1 file is still accepted."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_catalogue_cli import canonical, cli, write


def test_validate_lists_each_act_field_problem(clerkapp_home: Path, tmp_path: Path) -> None:
    data = canonical()
    del data["matters"][0]["procedure"]
    data["matters"][1]["procedure"] = "subsidy"
    data["matters"][2]["basis_article"] = "Art. 5"
    data["matters"][3]["public_code"] = "资质 01"
    path = write(tmp_path / "kinds.json", data)
    out = cli("validate", str(path), home=clerkapp_home)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert f"{path}: matters[0]: procedure: 缺少必填字段" in lines
    assert any(
        line.startswith(f"{path}: matters[1]: procedure: ") and "subsidy" in line for line in lines
    )
    assert any(line.startswith(f"{path}: matters[2]: basis_article: ") for line in lines)
    assert any(line.startswith(f"{path}: matters[3]: public_code: ") for line in lines)
    assert len(lines) == 4, lines


def test_a_format_1_file_without_kinds_validates_and_imports(
    clerkapp_home: Path, tmp_path: Path
) -> None:
    data = canonical("2026.12.5")
    data["format"] = "clerkapp-catalogue/1"
    for matter in data["matters"]:
        for key in ("procedure", "grant_scope", "validity", "basis_article", "public_code"):
            matter.pop(key, None)
    path = write(tmp_path / "old.json", data)
    out = cli("validate", str(path), home=clerkapp_home)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "校验通过" in out.stdout
    imported = cli("import", str(path), home=clerkapp_home)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "2026.12.5" in imported.stdout
