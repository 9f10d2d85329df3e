"""Build the fonts shipped in ``resources/fonts/`` from Debian's font packages.

Why: ReportLab embeds TrueType (glyf) fonts only, and the repository must stay small. The
primary font is the "AR PL UMing CN" face of ``uming.ttc`` (Ming/Song style, the official look),
extracted from the collection without its embedded bitmaps. The fallbacks are Hanazono Mincho
subset to the characters UMing lacks: HanaMinA → CJK Unified Ideographs and Extension A,
HanaMinB → Extension B. Both licences allow modification (see resources/fonts/README.md).

Usage (needs fontTools, a dev/tool dependency only)::

    python tools/subset_fonts.py [--src-arphic DIR] [--src-hanazono DIR] [--out resources/fonts]
"""

from __future__ import annotations

import argparse
import gzip
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

_BITMAP_AND_LAYOUT = [
    "BDF ",
    "EBDT",
    "EBLC",
    "FFTM",
    "VORG",
    "GPOS",
    "GSUB",
    "GDEF",
    "BASE",
    "prop",
]


def _options() -> subset.Options:
    opts = subset.Options()
    opts.layout_features = []  # ReportLab does no shaping; layout tables are dead weight
    opts.drop_tables += _BITMAP_AND_LAYOUT
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False  # PDFs are printed at 600+ dpi and viewed scaled
    return opts


MODIFICATION_NOTICE = (
    "Modified for ClerkApp on 2026-11-27 by tools/subset_fonts.py: subset to the characters "
    "listed in resources/fonts/README.md, embedded bitmaps, layout tables and hinting removed."
)


def add_notice(font: TTFont) -> None:
    """The notice the Arphic Public License §2a asks for in each modified file (name ID 10)."""
    font["name"].setName(MODIFICATION_NOTICE, 10, 3, 1, 0x409)
    font["name"].setName(MODIFICATION_NOTICE, 10, 1, 0, 0)


def _subset(font: TTFont, unicodes: list[int], out: Path) -> None:
    subsetter = subset.Subsetter(_options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    add_notice(font)
    font.save(str(out))
    print(f"{out.name}: {len(unicodes)} characters, {out.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    """Write the three font files and copy their licence texts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src-arphic", default="/usr/share/fonts/truetype/arphic")
    parser.add_argument("--src-hanazono", default="/usr/share/fonts/truetype/hanazono")
    parser.add_argument("--out", default="resources/fonts")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    uming = TTCollection(str(Path(args.src_arphic) / "uming.ttc")).fonts[0]  # AR PL UMing CN
    primary = set(uming.getBestCmap())
    _subset(uming, sorted(primary), out / "UMingCN.ttf")

    hana_a = TTFont(str(Path(args.src_hanazono) / "HanaMinA.ttf"))
    wanted_a = [cp for cp in hana_a.getBestCmap() if 0x3400 <= cp <= 0x9FFF and cp not in primary]
    _subset(hana_a, wanted_a, out / "HanaMinA-ExtA.ttf")

    hana_b = TTFont(str(Path(args.src_hanazono) / "HanaMinB.ttf"))
    wanted_b = [cp for cp in hana_b.getBestCmap() if 0x20000 <= cp <= 0x2A6DF and cp not in primary]
    _subset(hana_b, wanted_b, out / "HanaMinB-ExtB.ttf")

    copy_licences(out)


def copy_licences(out: Path) -> None:
    """Copy the fonts' licence texts next to them (Debian keeps the Arphic one gzipped)."""
    with gzip.open("/usr/share/doc/fonts-arphic-uming/license/english/ARPHICPL.TXT.gz") as src:
        (out / "LICENSE-ArphicPL.txt").write_bytes(src.read())
    shutil.copy("/usr/share/doc/fonts-hanazono/copyright", out / "LICENSE-Hanazono.txt")


if __name__ == "__main__":
    main()
