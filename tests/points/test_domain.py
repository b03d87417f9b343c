"""The pure rules: canonical JSON, the chained hash, receipt numbers and check values, quantities."""

import pytest

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.points.hashing import GENESIS, canonical_json, entry_hash
from villagedesk.domain.points.receipt import (
    ScannedQr,
    check_value,
    parse_qr,
    parse_qr_text,
    parse_receipt_number,
    qr_text,
    receipt_number,
)
from villagedesk.domain.points.rules import parse_positive_int, validate_rule

ENTRY = {"id": "e1", "origin": "n1", "seq": 1, "village_id": "v", "household_id": "h", "resident_id": "r",
         "delta": 10, "kind": "award", "reason": "河道清理", "source_type": "activity", "source_id": "a",
         "reverses_id": None, "operator_id": "u", "operator_name": "张三", "at": "2026-11-30T09:00:00+08:00"}


def test_canonical_json_is_the_same_whatever_the_key_order_and_keeps_chinese():
    shuffled = dict(reversed(list(ENTRY.items())))
    assert canonical_json(ENTRY) == canonical_json(shuffled)
    assert "河道清理" in canonical_json(ENTRY) and ", " not in canonical_json(ENTRY)


def test_the_hash_covers_the_amount_and_the_previous_hash():
    h = entry_hash(GENESIS, ENTRY)
    assert len(h) == 64 and h == entry_hash(GENESIS, dict(ENTRY))
    assert entry_hash(GENESIS, {**ENTRY, "delta": 100}) != h
    assert entry_hash("1" * 64, ENTRY) != h
    assert entry_hash(GENESIS, {**ENTRY, "hlc": "x"}) == h  # sync metadata is not part of the entry


def test_receipt_numbers_and_qr_text():
    assert receipt_number(2026, 123) == "2026-000123"
    assert parse_receipt_number("2026-000123") == (2026, 123)
    assert parse_receipt_number("2026-123") is None
    check = check_value("510903104201", "2026-000123", "2026-11-30T09:00:00+08:00", "h", 150, 20,
                        [("大米", 1, 100), ("面粉", 1, 50)])
    assert len(check) == 16
    assert check != check_value("510903104201", "2026-000123", "2026-11-30T09:00:00+08:00", "h", 150, 120,
                                [("大米", 1, 100), ("面粉", 1, 50)])
    assert parse_qr_text(qr_text("2026-000123", check)) == ("2026-000123", check)
    assert parse_qr_text("http://example.com") is None
    keyed = qr_text("2026-A-000123", check, "0badc0de", "f" * 16, village="510903104201")
    assert keyed == f"VDR2|510903104201|2026-A-000123|{check}|0badc0de|{'f' * 16}"
    assert parse_qr(keyed) == ScannedQr("2026-A-000123", check, "0badc0de", "f" * 16, "510903104201")
    old = f"VDR2|2026-000123|{check}|0badc0de|{'f' * 16}"  # printed before the QR named the village
    assert parse_qr(old) == ScannedQr("2026-000123", check, "0badc0de", "f" * 16)
    assert parse_qr(f"VDR2|5109|2026-000123|{check}|0badc0de|{'f' * 16}") is None  # not a division code


@pytest.mark.parametrize("value,reason", [(0, "应大于 0"), (-3, "应大于 0"), ("-1", "应大于 0"),
                                          (1.5, "不是整数"), ("两袋", "不是整数"), ("", "不能为空")])
def test_zero_negative_and_fractional_quantities_are_refused_naming_the_field(value, reason):
    with pytest.raises(ValidationError) as exc:
        parse_positive_int(value, "数量")
    assert exc.value.field == "数量" and reason in exc.value.message


def test_a_rule_needs_a_name_a_kind_and_positive_points():
    assert validate_rule(" 河道 清理 ", "earn", "10", "2026-01-01").points == 10
    for args, field in ((("", "earn", 5, "2026-01-01"), "名称"), (("x", "bonus", 5, "2026-01-01"), "类别"),
                        (("x", "earn", 0, "2026-01-01"), "分值"), (("x", "earn", 5, "2026-13-01"), "生效日期")):
        with pytest.raises(ValidationError) as exc:
            validate_rule(*args)
        assert exc.value.field == field
