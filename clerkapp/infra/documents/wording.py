"""The words of a matter's acts: document titles, decision sentences and labels.

Minimal version (licence wording for every matter); the full version takes them from the
matter's procedure kind (行政许可 / 行政给付 / …) and replaces this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerkapp.core.catalogue import Matter


@dataclass(frozen=True)
class ActWording:
    """How the documents of one matter name its acts."""

    decision_title: str
    refusal_title: str
    grant_sentence: str
    refusal_sentence: str
    decision_label: str
    refusal_label: str


_LICENCE = ActWording(
    decision_title="准予行政许可决定书",
    refusal_title="不予行政许可决定书",
    grant_sentence="本机关决定准予行政许可。",
    refusal_sentence="本机关决定不予行政许可。",
    decision_label="准予许可",
    refusal_label="不予许可",
)


def act_wording(matter: Matter) -> ActWording:
    """The wording of ``matter``'s acts."""
    del matter  # every matter is worded as a licence until the procedure kinds are used
    return _LICENCE
