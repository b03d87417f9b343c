"""A report as data: title, scope, period, columns, rows, totals and notes; renderers only draw it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    """A column: its header, a kind that decides format and alignment, and a width in characters."""

    title: str
    kind: str = "text"  # text | code | int | money | rate | date | sign | number | figure
    width: int = 12


@dataclass(frozen=True)
class FormMark:
    """The 法定标识 block printed top right of a government form, and its tail of names."""

    number: str  # 表号
    authority: str  # 制表机关
    approval: str  # 批准文号
    valid_until: str  # 有效期至
    measure: str = ""  # 计量单位
    tail: tuple[tuple[str, str], ...] = ()  # (单位负责人, 王某) …; a blank name leaves a line to sign on
    reported_on: str = ""  # 报出日期


@dataclass
class ReportTable:
    title: str
    unit: str  # who reports: "河东镇 桂花村"
    period: str  # "2026 年 10 月"
    columns: list[Column]
    rows: list[list[Any]]
    totals: list[Any] | None = None  # same length as columns; None cells stay blank
    notes: list[str] = field(default_factory=list)
    signatures: tuple[str, ...] = ("制表人", "审核人", "日期")
    landscape: bool = False
    codes: list[str] | None = None  # column codes under the header: 甲, 乙, 1, 2 …
    form: FormMark | None = None  # a government form: 法定标识 block, 计量单位, tail of names
    key: str = ""  # the catalogue's key, when the table is one of the report set
    sheet: str = ""  # a short sheet name for the set's workbook

    def column_index(self, title: str) -> int:
        return [c.title for c in self.columns].index(title)

    @property
    def signing(self) -> bool:
        """Rows need room to sign in."""
        return any(c.kind == "sign" for c in self.columns)


def column_codes(columns: list[Column], text_columns: int) -> list[str]:
    """甲, 乙, 丙 … for the descriptive columns, then 1, 2, 3 … for the figures (the statistical convention)."""
    stems = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"  # the ten stems, then the twelve branches
    return [stems[i] if i < text_columns else str(i - text_columns + 1) for i in range(len(columns))]


def format_cell(value: Any, kind: str) -> str:
    """The text a cell shows in a PDF or on screen."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if kind == "money":
        return f"{float(value):,.2f}"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "rate":
        return f"{float(value) * 100:.1f}%"
    if kind == "number" and isinstance(value, float):
        return f"{value:,.1f}"
    if kind == "figure" and isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if kind == "figure" and isinstance(value, int):
        return f"{value:,}"
    return str(value)
