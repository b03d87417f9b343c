"""Sensitive personal data of the register: which fields, and how they are masked in prints and exports."""

from __future__ import annotations

from villagedesk.domain.identity import mask_identity

# (table, column) → label. Lists, prints and exports mask those in MASKERS unless a permitted user asks.
SENSITIVE_FIELDS: dict[tuple[str, str], str] = {
    ("residents", "id_number"): "身份证号",
    ("residents", "birth_date"): "出生日期",
    ("residents", "phone"): "联系电话",
    ("households", "phone"): "联系电话",
    ("resident_categories", "category"): "重点人群类别",
    ("resident_categories", "notes"): "重点人群说明",
    ("insurance_enrolments", "status"): "医保参保情况",
}


def mask_phone(number: str) -> str:
    """Keep the first 3 and last 4 digits of a mobile number; a short (landline) number keeps only its last 2."""
    if len(number) >= 11:
        return number[:3] + "****" + number[-4:]
    return "*" * (len(number) - 2) + number[-2:] if len(number) > 2 else number


SENSITIVE_MARK = "含敏感个人信息"  # in the file name and the first row of an export with full numbers


# How a sensitive column is shown in exports unless a permitted user asks otherwise.
MASKERS = {"id_number": mask_identity, "phone": mask_phone}


def is_sensitive(table: str, column: str) -> bool:
    return (table, column) in SENSITIVE_FIELDS


def masked(column: str, value: str) -> str:
    fn = MASKERS.get(column)
    return fn(value) if fn and value else value
