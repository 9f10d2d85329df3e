"""How the identity cross-check (:mod:`clerkapp.core.identity`) compares a typed name with the
registered one: carefully normalised, never over-normalised."""

from __future__ import annotations

import unicodedata

# Middle-dot variants typed in minority names (买买提·艾力): all read as U+00B7.
_DOTS = str.maketrans(dict.fromkeys("•‧・⋅∙.．", "·"))


def normalise_person_name(name: str) -> str:
    """A person's name as compared: width-folded (NFKC: full-width letters and spaces), without
    whitespace, every middle-dot variant as ``·``. Nothing else: no traditional/simplified or
    variant-character folding (the registered form is the legal one)."""
    text = unicodedata.normalize("NFKC", name).translate(_DOTS)
    return "".join(text.split())


def normalise_business_name(name: str) -> str:
    """A registered company name as compared: exactly, except that ASCII brackets are read as
    the full-width ones the register uses (金华市某某（集团）有限公司)."""
    return name.strip().replace("(", "（").replace(")", "）")


def same_person_name(typed: str, registered: str) -> bool:
    """Whether a typed person's name is the registered one (see :func:`normalise_person_name`)."""
    return normalise_person_name(typed) == normalise_person_name(registered)


def same_business_name(typed: str, registered: str) -> bool:
    """Whether a typed company name is the registered one (see
    :func:`normalise_business_name`)."""
    return normalise_business_name(typed) == normalise_business_name(registered)
