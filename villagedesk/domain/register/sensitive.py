"""Sensitive personal data of the register: which fields, and how they are masked in prints and exports."""

from __future__ import annotations

from villagedesk.domain.identity import mask_identity

# (table, column) → label. A later issue limits who may see these; exports mask those in MASKERS.
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
    return number[:3] + "****" + number[-4:] if len(number) >= 11 else number


# How a sensitive column is shown in exports unless a permitted user asks otherwise.
MASKERS = {"id_number": mask_identity}


def is_sensitive(table: str, column: str) -> bool:
    return (table, column) in SENSITIVE_FIELDS


def masked(column: str, value: str) -> str:
    fn = MASKERS.get(column)
    return fn(value) if fn and value else value
