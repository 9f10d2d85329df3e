"""Chinese text never goes missing: rare characters of names print through the fallback fonts
and come back out of the PDF; a character no font has is refused by name; fonts load once."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from clerkapp.errors import DocumentError
from clerkapp.infra.documents import DocumentKind, build_pdf, check_text
from clerkapp.infra.documents.fonts import FALLBACK_EXT_A, FALLBACK_EXT_B, PRIMARY, fonts, markup
from tests.integration.documents_cases import approved_case, catalogue, data_for, pdf_text

REPO = Path(__file__).resolve().parents[2]

# 䶮 (U+4DAE, Ext A) and 𠇔 (U+201D4, Ext B) happen to be in the primary font (UMing has part of
# Ext A/B); 㐀 (U+3400) and 𠮷 (U+20BB7, the 吉 of many family names) are only in the fallbacks.
RARE_NAME = "王䶮𠇔㐀𠮷"


def _embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_each_character_goes_to_the_first_font_that_has_it() -> None:
    loaded = fonts()
    assert loaded.font_for("李") == PRIMARY
    assert loaded.font_for("䶮") == PRIMARY
    assert loaded.font_for("𠇔") == PRIMARY
    assert loaded.font_for("㐀") == FALLBACK_EXT_A
    assert loaded.font_for("𠮷") == FALLBACK_EXT_B
    assert markup("王㐀<&>𠮷") == (
        f'王<font name="{FALLBACK_EXT_A}">㐀</font>&lt;&amp;&gt;'
        f'<font name="{FALLBACK_EXT_B}">𠮷</font>'
    )


def test_a_name_with_extension_a_and_b_characters_prints_and_extracts() -> None:
    case = approved_case(catalogue(), name=RARE_NAME)
    data = data_for(case, DocumentKind.DECISION, seq=7)
    pdf = build_pdf(data)
    text = pdf_text(pdf)
    assert RARE_NAME in text
    for char in RARE_NAME:
        assert char in text
    embedded = _embedded_fonts(pdf)
    assert any("UMing" in name for name in embedded)
    assert any("HanaMinA" in name for name in embedded)
    assert any("HanaMinB" in name for name in embedded)


@pytest.mark.parametrize(
    ("name", "char", "code"),
    [("刘\U0002b7fc", "\U0002b7fc", "U+2B7FC"), ("张\ue000", "\ue000", "U+E000")],
)
def test_a_character_no_font_has_is_refused_naming_it(name: str, char: str, code: str) -> None:
    case = approved_case(catalogue(), name=name)
    data = data_for(case, DocumentKind.DECISION, seq=8)
    with pytest.raises(DocumentError) as caught:
        build_pdf(data)
    assert caught.value.user_message == f"无法打印：字符 “{char}”（{code}）没有可用字体"
    with pytest.raises(DocumentError):
        check_text(name)


_LOAD_FROM_THREADS = """
import json, threading
from clerkapp.infra.documents import fonts as f
barrier = threading.Barrier(8)
seen = []
def worker():
    barrier.wait()
    seen.append(id(f.fonts()))
threads = [threading.Thread(target=worker) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"distinct": len(set(seen)), "load_s": f.fonts().load_seconds,
                  "again": f.warm_up()}))
"""


def test_fonts_load_once_even_when_eight_threads_ask_at_once() -> None:
    # A fresh interpreter: in this one the fonts are already loaded.
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_FROM_THREADS],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["distinct"] == 1
    assert result["load_s"] > 0
    assert result["again"] == 0.0  # warm_up after loading costs nothing
