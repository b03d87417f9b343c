"""The redemption receipt (兑换凭证): its number per village per year, check value and printable content."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field

from villagedesk.domain.points.hashing import canonical_json

QR_PREFIX = "VDR2"  # VDR2|village code|number|check value|key id|tag: the tag is keyed (HMAC), so a forger cannot make one
# Receipts printed before the village code was added read VDR2|number|check value|key id|tag; they still verify.
OLD_QR_PREFIX = "VDR1"  # VDR1|number|check value: printed before the QR was keyed; its check value anyone can compute
_NUMBER = re.compile(r"^(\d{4})-(?:([A-Z]{1,3})-)?(\d{6})$")


def receipt_number(year: int, seq: int, series: str = "") -> str:
    """2026-000123: the year, then the sequence of that village in that year, gap-free from 1.

    A database restored from a backup (or copied to another PC) is a new node with its own series
    letter, 2026-A-000001, so no number already printed is issued a second time."""
    return f"{year:04d}-{series}-{seq:06d}" if series else f"{year:04d}-{seq:06d}"


def parse_receipt_number(text: str) -> tuple[int, int] | None:
    m = _NUMBER.match((text or "").strip())
    return (int(m[1]), int(m[3])) if m else None


@dataclass(frozen=True)
class ReceiptItem:
    name: str
    unit: str
    quantity: int
    points_price: int
    points: int
    value_yuan: float


@dataclass(frozen=True)
class Receipt:
    """Everything a printed receipt shows; built by the service from stored records."""

    village_code: str
    village_name: str
    township_name: str
    number: str
    at: str  # ISO time of the redemption
    household_label: str
    household_id: str
    resident_name: str
    items: tuple[ReceiptItem, ...]
    total_points: int
    balance_before: int
    balance_after: int
    operator_name: str
    check_value: str
    voided_at: str | None = None
    void_reason: str = ""
    reprint_at: str | None = None  # set on a reprint (补打)
    notes: tuple[str, ...] = field(default_factory=tuple)
    qr_key: tuple[str, str] | None = None  # (key id, tag) from this installation's receipt key

    @property
    def qr_text(self) -> str:
        kid, tag = self.qr_key or ("", "")
        return qr_text(self.number, self.check_value, kid, tag, village=self.village_code)

    @property
    def when(self) -> str:
        return display_time(self.at)


def check_value(village_code: str, number: str, at: str, household_id: str, total_points: int,
                balance_after: int, items: list[tuple[str, int, int]]) -> str:
    """16 hex digits of sha256 over the receipt's fields: a receipt altered by hand no longer matches."""
    data = {"village": village_code, "number": number, "at": at, "household": household_id,
            "points": total_points, "balance_after": balance_after,
            "items": [list(i) for i in sorted(items)]}
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()[:16]


def key_id(key: bytes) -> str:
    """8 hex digits naming a receipt key (not revealing it): which installation keyed a QR."""
    return hashlib.sha256(b"villagedesk receipt key id|" + key).hexdigest()[:8]


def qr_tag(key: bytes, number: str, check: str) -> str:
    """HMAC-SHA256 of the number and check value under the installation's secret, 16 hex digits."""
    return hmac.new(key, f"{number}|{check}".encode("ascii"), hashlib.sha256).hexdigest()[:16]


def tag_matches(key: bytes, number: str, check: str, tag: str) -> bool:
    return hmac.compare_digest(qr_tag(key, number, check), tag.lower())


def qr_text(number: str, check: str, kid: str = "", tag: str = "", village: str = "") -> str:
    """VDR2 with the village's code (receipt numbers are per village: a township or a second PC scanning one
    knows whose it is); without a tag, the unkeyed VDR1 form."""
    if not tag:
        return f"{OLD_QR_PREFIX}|{number}|{check}"
    return f"{QR_PREFIX}|{village}|{number}|{check}|{kid}|{tag}" if village else f"{QR_PREFIX}|{number}|{check}|{kid}|{tag}"


_VILLAGE_CODE = re.compile(r"^\d{12}$")  # the statistical division code (domain/division_code.py)


@dataclass(frozen=True)
class ScannedQr:
    number: str
    check: str
    key_id: str = ""  # empty for an old, unkeyed QR
    tag: str = ""
    village_code: str = ""  # empty on receipts printed before the QR named the village


def parse_qr(text: str) -> ScannedQr | None:
    parts = (text or "").strip().split("|")
    if parts[0] == QR_PREFIX and len(parts) == 6 and _VILLAGE_CODE.match(parts[1]) \
            and parse_receipt_number(parts[2]) is not None and all(parts[3:]):
        return ScannedQr(parts[2], parts[3], parts[4], parts[5], parts[1])
    if len(parts) < 3 or parse_receipt_number(parts[1]) is None:
        return None
    if parts[0] == QR_PREFIX and len(parts) == 5 and all(parts[2:]):
        return ScannedQr(parts[1], parts[2], parts[3], parts[4])
    if parts[0] == OLD_QR_PREFIX and len(parts) == 3:
        return ScannedQr(parts[1], parts[2])
    return None


def parse_qr_text(text: str) -> tuple[str, str] | None:
    scanned = parse_qr(text)
    return None if scanned is None else (scanned.number, scanned.check)


def display_time(iso: str | None) -> str:
    """'2026-11-30T09:05:00+08:00' → '2026-11-30 09:05:00' for prints."""
    if not iso:
        return ""
    return iso.replace("T", " ")[:19]
