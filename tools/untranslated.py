"""How many user-visible strings are still untranslated in ``--lang en`` (the goal: zero).

Copies ``resources/i18n/*_en.ts`` to a temporary folder, refreshes the copies from the code with
``tools/update_translations.sh`` (so strings added since the last refresh count too) and counts,
per file, the messages without a finished English translation. ``--list`` prints them.
The repository's files are not touched.

Usage: python tools/untranslated.py [--list]   (from the repository root; exit 1 if any)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message of ``ts`` without a finished translation."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                found.append((name, message.findtext("source") or ""))
    return found


def refreshed_counts() -> dict[str, list[tuple[str, str]]]:
    """The untranslated messages of each translation file, refreshed from the code."""
    with tempfile.TemporaryDirectory(prefix="clerkapp-i18n-") as tmp:
        for ts in sorted((ROOT / "resources" / "i18n").glob("*_en.ts")):
            shutil.copy(ts, tmp)
        env = {**os.environ, "I18N_DIR": tmp, "PYTHON": sys.executable}
        subprocess.run(
            ["bash", str(ROOT / "tools" / "update_translations.sh")],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        return {ts.name: untranslated(ts) for ts in sorted(Path(tmp).glob("*_en.ts"))}


def main(argv: list[str]) -> int:
    counts = refreshed_counts()
    total = 0
    for name, missing in counts.items():
        total += len(missing)
        print(f"{name}: {len(missing)} untranslated")
        if "--list" in argv:
            for context, source in missing:
                print(f"  [{context}] {source}")
    print(f"total: {total} untranslated user-visible strings")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
