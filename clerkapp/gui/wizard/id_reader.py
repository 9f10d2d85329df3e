"""Resident ID card readers (身份证阅读器).

Real counters have a USB reader (GA 467 compliant, read through the vendor's SDK, usually a
C library such as ``termb.dll`` / ``libtermb.so`` or a local HTTP service). The wizard knows only
the :class:`IdCardReader` interface:

- ``request_read()`` asks the reader to read the card on it; it must return at once (a real driver
  does the blocking SDK call on a worker, e.g. with :func:`clerkapp.gui.ops.run_op`);
- the reader answers with ``card_read(IdCardData)`` on the GUI thread, or with
  ``read_failed(str)`` carrying a Chinese message for the clerk ("未放置身份证", "阅读器未连接");
- ``available`` says whether a device is attached (the 读卡 button is disabled otherwise).

A real driver subclasses :class:`IdCardReader`, maps the SDK's fields to :class:`IdCardData` and
never logs the card's contents. In training mode :class:`SimulatedIdCardReader` "reads" the card
of a demo subject the trainer picks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal


@dataclass(frozen=True)
class IdCardData:
    """What the chip of a resident ID card holds (the photo is left out: not needed here)."""

    name: str
    id_number: str
    sex: str = ""  # 男 / 女
    birth: str = ""  # ISO date
    address: str = ""
    issuer: str = ""  # 签发机关
    valid_until: str = ""  # ISO date or "长期"
    label: str = ""  # training only: what the demo subject is for (shown in the picker)


class IdCardReader(QObject):
    """The interface every reader implements (see the module docstring)."""

    card_read = Signal(object)  # IdCardData
    read_failed = Signal(str)

    @property
    def available(self) -> bool:
        """Whether a reader is attached and can read."""
        return False

    @property
    def simulated(self) -> bool:
        """True for the training reader (the wizard then shows the demo-subject picker)."""
        return False

    def request_read(self) -> None:
        """Start reading the card on the reader; answer with a signal, never block."""
        self.read_failed.emit(self.tr("未连接身份证阅读器"))


class SimulatedIdCardReader(IdCardReader):
    """Training reader: "reads" the card of the chosen demo subject, asynchronously like a real
    one (the answer arrives from the event loop, not inside ``request_read``)."""

    def __init__(self, cards: list[IdCardData], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cards = list(cards)
        self.selected = 0

    @property
    def available(self) -> bool:
        """Available whenever there is a demo card to read."""
        return bool(self._cards)

    @property
    def simulated(self) -> bool:
        """Always: this is the training reader."""
        return True

    @property
    def cards(self) -> list[IdCardData]:
        """The demo subjects' cards, in the training sheet's order."""
        return list(self._cards)

    def select(self, index: int) -> None:
        """Which demo card is "on the reader"."""
        self.selected = index

    def request_read(self) -> None:
        """Answer with the selected card on the next turn of the event loop."""
        if not self._cards:
            self.read_failed.emit(self.tr("没有可读的演示身份证"))
            return
        card = self._cards[self.selected]
        QTimer.singleShot(0, self, lambda: self.card_read.emit(card))


def demo_cards(today: date) -> list[IdCardData]:
    """The training sheet's demo people as ID cards (training mode only: the sandbox's fixed
    demo subjects, so a trainee can "read" a card without a reader). Sex and birth come from
    the number itself; the address from the demo records when they are available."""
    from clerkapp.core.idnumber import validate_id_number
    from clerkapp.sandbox.demo import DEMO_SUBJECTS

    people: dict[str, dict[str, object]] = {}
    try:
        from clerkapp.sandbox.demo_records import demo_records

        people = {str(p["id_number"]): p for p in demo_records(today).get("people", [])}
    except (ImportError, KeyError, TypeError):  # addresses are a nicety of the training card
        people = {}
    cards = []
    for subject in DEMO_SUBJECTS:
        person = people.get(subject.subject, {})
        # The deceased's card is on the reader too: the family hands it in for the related
        # person (关系人) of a survivor allowance or an inheritance.
        if subject.kind != "person":
            continue
        number = validate_id_number(subject.subject, today=today)
        cards.append(
            IdCardData(
                name=subject.name,
                id_number=subject.subject,
                sex=number.sex.label_zh,
                birth=number.birth.isoformat(),
                address=str(person.get("household_address", "")),
                issuer=f"金华市公安局（{number.region_name}）",
                valid_until="长期",
                label=subject.scenario,
            )
        )
    return cards
