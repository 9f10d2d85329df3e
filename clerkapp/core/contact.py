"""How to reach the applicant of a case (issue 9, "Contact and delivery"): a phone number, an
optional postal address and the 送达方式 (how the decision reaches them: 窗口领取, 邮寄,
短信通知).

A phone is a mainland mobile number (``1[3-9]`` and 9 more digits) or a landline with its area
code (``0`` + 2–3 digits, then 7–8 digits: ``0579-82345678``); it is kept normalised (spaces and
dashes out; a landline as ``area-number``). Screens the public sees and paper show it masked
(``138****5678``), see :func:`mask_phone`. Every error is a
:class:`~clerkapp.errors.ValidationError` with a precise Chinese ``user_message`` for the field.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError

#: The longest postal address kept (characters).
ADDRESS_MAX = 200

_MOBILE = re.compile(r"1[3-9]\d{9}")
_AREA_CODES = re.compile(r"0(10|2\d|[3-9]\d{2})")  # 010, 02x, then 0xxx


class Delivery(StrEnum):
    """送达方式: how the decision reaches the applicant."""

    COUNTER = "counter"  # 窗口领取
    MAIL = "mail"  # 邮寄
    SMS = "sms"  # 短信通知

    @property
    def label_zh(self) -> str:
        """The way in the clerk's words."""
        return _DELIVERY_LABELS[self]


_DELIVERY_LABELS = {
    Delivery.COUNTER: QT_TRANSLATE_NOOP("Contact", "窗口领取"),
    Delivery.MAIL: QT_TRANSLATE_NOOP("Contact", "邮寄"),
    Delivery.SMS: QT_TRANSLATE_NOOP("Contact", "短信通知"),
}


def _invalid(message: str) -> ValidationError:
    return ValidationError(f"phone: {message}", user_message=message)


def normalize_phone(text: str) -> str:
    """The phone number ``text`` normalised (``13812345678`` / ``0579-82345678``), or ``""``
    for an empty field; a :class:`ValidationError` saying precisely what is wrong otherwise."""
    raw = text.strip().replace(" ", "").replace("　", "")
    if raw.startswith("+86"):
        raw = raw[3:].lstrip("-")
    if not raw:
        return ""
    if not re.fullmatch(r"[0-9-]+", raw) or not raw.isascii():
        raise _invalid(QT_TRANSLATE_NOOP("Contact", "电话号码只能包含数字和“-”"))
    digits = raw.replace("-", "")
    if digits.startswith("1"):
        if len(digits) != 11:
            raise _invalid(
                QT_TRANSLATE_NOOP("Contact", "手机号码应为11位数字，现为{length}位").format(
                    length=len(digits)
                )
            )
        if not _MOBILE.fullmatch(digits):
            raise _invalid(QT_TRANSLATE_NOOP("Contact", "手机号码第2位应为3至9，请核对"))
        return digits
    if digits.startswith("0"):
        if "-" in raw:
            area, _, number = raw.partition("-")
            if "-" in number:
                raise _invalid(
                    QT_TRANSLATE_NOOP("Contact", "固定电话格式应为“区号-号码”，如 0579-82345678")
                )
        else:
            found = _AREA_CODES.match(digits)
            area = found.group(0) if found else digits[:4]
            number = digits[len(area) :]
        if not _AREA_CODES.fullmatch(area):
            raise _invalid(
                QT_TRANSLATE_NOOP("Contact", "固定电话的区号应为3至4位、以0开头，如 0579")
            )
        if not (7 <= len(number) <= 8):
            raise _invalid(QT_TRANSLATE_NOOP("Contact", "固定电话号码（区号后）应为7至8位数字"))
        return f"{area}-{number}"
    raise _invalid(
        QT_TRANSLATE_NOOP("Contact", "请填写11位手机号码，或带区号的固定电话（如 0579-82345678）")
    )


def is_mobile(phone: str) -> bool:
    """Whether a normalised phone is a mobile number (one that can receive an SMS)."""
    return bool(_MOBILE.fullmatch(phone))


def mask_phone(phone: str) -> str:
    """A phone as the public may see it: ``138****5678``, ``0579-****5678``; ``""`` stays
    ``""``."""
    if not phone:
        return ""
    if is_mobile(phone):
        return f"{phone[:3]}****{phone[-4:]}"
    area, _, number = phone.partition("-")
    if not number:
        return "*" * max(0, len(phone) - 4) + phone[-4:]
    return f"{area}-{'*' * (len(number) - 4)}{number[-4:]}"


@dataclass(frozen=True)
class Contact:
    """The applicant's contact of one case: normalised phone (may be empty), address (may be
    empty) and 送达方式. Build with :func:`check_contact`."""

    phone: str = ""
    address: str = ""
    delivery: Delivery = Delivery.COUNTER

    @property
    def masked_phone(self) -> str:
        """The phone masked for screens the public sees and for paper."""
        return mask_phone(self.phone)

    @property
    def notifies(self) -> bool:
        """Whether the applicant asked for SMS notices and a mobile number is known."""
        return self.delivery is Delivery.SMS and is_mobile(self.phone)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON form (kept in the case JSON)."""
        return {"phone": self.phone, "address": self.address, "delivery": self.delivery.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Contact:
        """Inverse of :meth:`to_dict`; ``None`` (a case from before issue 9) gives no contact."""
        if not data:
            return cls()
        return cls(
            phone=str(data.get("phone") or ""),
            address=str(data.get("address") or ""),
            delivery=Delivery(data.get("delivery") or Delivery.COUNTER.value),
        )


class ContactError(ValidationError):
    """A contact field is wrong; ``field`` names it (``phone``, ``address``) for the GUI to
    show the message next to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"contact {field}: {message}", user_message=message)
        self.field = field


def check_contact(phone: str, address: str, delivery: Delivery | str) -> Contact:
    """The contact of a case, checked: a valid phone (or none), an address of at most
    :data:`ADDRESS_MAX` characters; 短信通知 needs a mobile number, 邮寄 an address. Raises
    :class:`ContactError` naming the field."""
    way = Delivery(delivery)
    try:
        number = normalize_phone(phone)
    except ValidationError as exc:
        raise ContactError("phone", exc.user_message or str(exc)) from None
    place = " ".join(address.split())
    if len(place) > ADDRESS_MAX:
        raise ContactError(
            "address",
            QT_TRANSLATE_NOOP("Contact", "地址不能超过{address_max}个字，现为{length}个字").format(
                address_max=ADDRESS_MAX, length=len(place)
            ),
        )
    if way is Delivery.SMS and not number:
        raise ContactError("phone", QT_TRANSLATE_NOOP("Contact", "选择短信通知须填写手机号码"))
    if way is Delivery.SMS and not is_mobile(number):
        raise ContactError(
            "phone", QT_TRANSLATE_NOOP("Contact", "短信通知须填写手机号码，固定电话收不到短信")
        )
    if way is Delivery.MAIL and not place:
        raise ContactError("address", QT_TRANSLATE_NOOP("Contact", "选择邮寄送达须填写邮寄地址"))
    return Contact(number, place, way)


def download_check(token: str, digits: str) -> str:
    """The keyed hash under which the platform checks the last four characters the applicant
    types to download a decision from the progress page (``digits``: of the ID number or credit
    code, or of the phone): HMAC-SHA-256 keyed with the case's progress token, so the digits
    never travel or rest in clear and a hash is worth nothing for another case."""
    typed = digits.strip().upper()
    return hmac.new(token.encode(), f"last4:{typed}".encode(), hashlib.sha256).hexdigest()


def download_checks(token: str, number: str, phone: str = "") -> list[str]:
    """The hashes that open a case's decision download: the last four of the applicant's
    number, and of the phone when one is known."""
    checks = [download_check(token, number[-4:])]
    if phone:
        checks.append(download_check(token, phone[-4:]))
    return checks
