"""The village identity this installation serves."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.division_code import validate_division_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text, short_text


class Village(NamedTuple):  # not a dataclass: see domain/actor.py
    """One installation's site, identified by its division code."""

    code: str
    name: str
    township_name: str

    @property
    def township_code(self) -> str:
        return self.code[:9] + "000"


def make_village(code: str, name: str, township_name: str) -> Village:
    """Validate the first-run form; each error names its field."""
    code = validate_division_code(code)
    name = short_text(name, "村名", 30, required=True)
    township_name = short_text(township_name, "乡镇名称", 30, required=True)
    return Village(code, name, township_name)


def validate_person_name(value: object, field: str, row: int | None = None) -> str:
    """A person's name: 1–20 characters after cleaning."""
    name = clean_text(value)
    if not name:
        raise ValidationError(field, "不能为空", row)
    if len(name) > 20:
        raise ValidationError(field, "不能超过 20 个字", row)
    return name
