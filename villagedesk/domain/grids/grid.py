"""A micro-grid as the clerk enters it: code, name, natural unit, area (km²), bounds, hand-entered counts."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_digits, clean_text, short_text

NATURAL_UNITS = ("湾", "沟", "院", "组", "其他")
MAX_AREA_KM2 = 50.0


@dataclass(frozen=True)
class GridInput:
    code: str
    name: str
    natural_unit: str
    area_km2: float | None
    bounds: str
    notes: str
    manual_households: int | None
    manual_residents: int | None


def _count(value: object, field: str) -> int | None:
    text = clean_text(value).replace(" ", "").replace(",", "")
    if text == "":
        return None
    if not text.isdigit():
        raise ValidationError(field, f"“{text}”应为不小于 0 的整数")
    n = int(text)
    if n > 100_000:
        raise ValidationError(field, f"{n} 太大了，请核对")
    return n


def parse_area(value: object, field: str = "面积（平方公里）") -> float | None:
    if value is None or (isinstance(value, str) and not clean_text(value)):
        return None
    try:
        area = float(clean_text(value)) if not isinstance(value, (int, float)) else float(value)
    except ValueError:
        raise ValidationError(field, f"“{clean_text(value)}”不是数字，例如 0.37") from None
    if not 0 < area <= MAX_AREA_KM2:
        raise ValidationError(field, f"应大于 0 且不超过 {MAX_AREA_KM2:g}，现在是 {area:g}")
    return round(area, 3)


def make_grid(code: object, name: object, natural_unit: str, area_km2: object, bounds: object = "",
              notes: object = "", manual_households: object = None, manual_residents: object = None) -> GridInput:
    """Validate a grid form; each error names its field."""
    grid_code = clean_digits(code)
    if not grid_code:
        raise ValidationError("网格编号", "不能为空")
    if len(grid_code) > 8:
        raise ValidationError("网格编号", "不能超过 8 个字符")
    grid_name = short_text(name, "网格名称", 20, required=True)
    if natural_unit not in NATURAL_UNITS:
        raise ValidationError("自然单元", "应为 " + "、".join(NATURAL_UNITS) + " 之一")
    text_bounds, text_notes = short_text(bounds, "四至范围", 200), short_text(notes, "备注", 200)
    households = _count(manual_households, "户数")
    residents = _count(manual_residents, "人口")
    if households is not None and residents is not None and residents < households:
        raise ValidationError("人口", f"{residents} 人少于户数 {households}，请核对")
    return GridInput(grid_code, grid_name, natural_unit, parse_area(area_km2), text_bounds, text_notes,
                     households, residents)
