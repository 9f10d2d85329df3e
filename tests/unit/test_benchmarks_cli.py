"""`python -m benchmarks`: names are checked before anything runs."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import main


def test_unknown_benchmark_is_an_error_not_an_empty_green_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["catalogue_serch"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "catalogue_serch" in err and "catalogue_search" in err


def test_help_lists_the_benchmarks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "python -m benchmarks" in out
    assert {"catalogue_search", "store", "platform"} <= set(out.split())
