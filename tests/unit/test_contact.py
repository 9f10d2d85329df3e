"""Issue 9 (contact and delivery): the phone, address and 送达方式 of a case — validated with a
precise message naming the field, masked for the public, kept with the case."""

from __future__ import annotations

import pytest

from clerkapp.app.notifications import notification_text
from clerkapp.core.case import Case
from clerkapp.core.contact import (
    Contact,
    ContactError,
    Delivery,
    check_contact,
    mask_phone,
    normalize_phone,
)
from clerkapp.errors import ValidationError
from tests.unit.test_case import HOUSING, open_case


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("13812345678", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("0579-82345678", "0579-82345678"),
        ("057982345678", "0579-82345678"),
        ("010-12345678", "010-12345678"),
        ("02112345678", "021-12345678"),
        ("0571-8765432", "0571-8765432"),
        ("", ""),
    ],
)
def test_valid_phones_are_normalised(typed: str, kept: str) -> None:
    assert normalize_phone(typed) == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1381234567", "手机号码应为11位数字，现为10位"),
        ("138123456789", "手机号码应为11位数字，现为12位"),
        ("12812345678", "手机号码第2位应为3至9"),
        ("138l2345678", "电话号码只能包含数字和“-”"),
        ("１３８１２３４５６７８", "电话号码只能包含数字和“-”"),
        ("0579-823456", "固定电话号码（区号后）应为7至8位数字"),
        ("05-82345678", "固定电话的区号应为3至4位"),
        ("0579-8234-5678", "固定电话格式应为“区号-号码”"),
        ("82345678", "带区号的固定电话"),
    ],
)
def test_bad_phones_say_precisely_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_phone(typed)
    assert message in (info.value.user_message or "")


def test_masking_keeps_only_what_the_public_may_see() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0579-82345678") == "0579-****5678"
    assert mask_phone("") == ""
    assert Contact("13812345678").masked_phone == "138****5678"


def test_delivery_needs_what_it_uses() -> None:
    with pytest.raises(ContactError) as info:
        check_contact("", "", Delivery.SMS)
    assert info.value.field == "phone" and "短信通知须填写手机号码" in info.value.user_message
    with pytest.raises(ContactError) as info:
        check_contact("0579-82345678", "", "sms")
    assert info.value.field == "phone" and "固定电话收不到短信" in info.value.user_message
    with pytest.raises(ContactError) as info:
        check_contact("13812345678", "  ", Delivery.MAIL)
    assert info.value.field == "address" and "邮寄地址" in info.value.user_message
    with pytest.raises(ContactError) as info:
        check_contact("", "路" * 201, Delivery.COUNTER)
    assert info.value.field == "address"
    with pytest.raises(ContactError) as info:
        check_contact("1381234567", "", Delivery.COUNTER)
    assert info.value.field == "phone" and "11位" in info.value.user_message
    mailed = check_contact("13812345678", " 金华市  婺城区 人民路1号 ", "mail")
    assert mailed == Contact("13812345678", "金华市 婺城区 人民路1号", Delivery.MAIL)
    assert not mailed.notifies and check_contact("13812345678", "", "sms").notifies
    assert Delivery.SMS.label_zh == "短信通知" and Delivery.COUNTER.label_zh == "窗口领取"


def test_contact_round_trips_with_the_case_and_stays_out_of_repr() -> None:
    case = open_case(HOUSING)
    assert case.contact == Contact()  # 窗口领取, no phone
    case.contact = Contact("13812345678", "人民路1号", Delivery.SMS)
    data = case.to_dict()
    assert data["contact"] == {"phone": "13812345678", "address": "人民路1号", "delivery": "sms"}
    assert Case.from_dict(data) == case
    assert "13812345678" not in repr(case)
    del data["contact"]  # a case stored before issue 9
    assert Case.from_dict(data).contact == Contact()


def test_notification_text_names_no_number_and_masks_the_name() -> None:
    case = open_case(HOUSING)
    text = notification_text(case, "accepted", "金华市民中心")
    assert text.startswith(f"【金华市民中心】{case.applicant_name[0]}*您好")
    assert case.applicant_name not in text and case.applicant_id not in text
    assert "已受理" in text and case.short_code[:4] in text
