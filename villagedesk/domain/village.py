"""The village identity this installation serves."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.division_code import validate_division_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text


@dataclass(frozen=True)
class Village:
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
    name = clean_text(name)
    township_name = clean_text(township_name)
    if not name:
        raise ValidationError("村名", "不能为空")
    if len(name) > 30:
        raise ValidationError("村名", "不能超过 30 个字")
    if not township_name:
        raise ValidationError("乡镇名称", "不能为空")
    if len(township_name) > 30:
        raise ValidationError("乡镇名称", "不能超过 30 个字")
    return Village(code, name, township_name)


def validate_person_name(value: object, field: str, row: int | None = None) -> str:
    """A person's name: 1–20 characters after cleaning."""
    name = clean_text(value)
    if not name:
        raise ValidationError(field, "不能为空", row)
    if len(name) > 20:
        raise ValidationError(field, "不能超过 20 个字", row)
    return name
