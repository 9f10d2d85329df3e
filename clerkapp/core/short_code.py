"""Short codes (查询码): what a person types from a receipt to find a case's progress page.

Crockford base32 (no I, L, O or U: nothing to misread), printed in groups of four
(``K7QM-DA8F-X2Q9``). A code is 12 characters, 60 random bits: with a million cases registered,
a guess hits one with probability 10⁶ / 2⁶⁰ ≈ 8.7·10⁻¹³, so even the sandbox's full unthrottled
speed (~840 lookups/s) finds one in about 43 years on average; the platform's per-client limit
(10/min) makes that some 220,000 years per client (docs/platform-api.md "Web rules"). Receipts
printed before this release carry 8-character (40-bit) codes; they keep resolving.
"""

from __future__ import annotations

import re
import unicodedata

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Characters of a new code (5 bits each: 60 bits).
CODE_LENGTH = 12
#: Characters of the codes printed before codes were lengthened (40 bits); still read.
LEGACY_CODE_LENGTH = 8
#: Random bytes a new code is made from (the first 60 of their 64 bits are used).
CODE_BYTES = 8
GROUP = 4
#: Letters people may type for the digits they look like (the alphabet has no I, L or O).
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc]")


def code_from(data: bytes, length: int = CODE_LENGTH) -> str:
    """A ``length``-character Crockford base32 code from the leading bits of ``data``
    (``data`` must hold at least ``5 * length`` bits)."""
    bits = 5 * length
    if len(data) * 8 < bits:
        raise ValueError(f"{len(data)} bytes are fewer than the {bits} bits of the code")
    number = int.from_bytes(data, "big") >> (len(data) * 8 - bits)
    return "".join(CROCKFORD[(number >> shift) & 31] for shift in range(bits - 5, -1, -5))


def grouped(code: str) -> str:
    """A code as printed and shown: groups of four joined by dashes (``K7QM-DA8F-X2Q9``); a code
    already grouped, or of another length, is grouped the same way."""
    bare = code.replace("-", "").replace(" ", "")
    return "-".join(bare[i : i + GROUP] for i in range(0, len(bare), GROUP))


def normalized(code: str) -> str:
    """A code as people type it from paper, made comparable: case, spaces, dashes and
    full-width characters do not matter, and O, I and L are read as 0, 1 and 1."""
    text = unicodedata.normalize("NFKC", code)
    return _SEPARATORS.sub("", text).upper().translate(_LOOKALIKES)
