"""A report as data: title, scope, period, columns, rows, totals and notes; renderers only draw it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    """A column: its header, a kind that decides format and alignment, and a width in characters."""

    title: str
    kind: str = "text"  # text | int | money | rate | date | sign
    width: int = 12


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

    def column_index(self, title: str) -> int:
        return [c.title for c in self.columns].index(title)


def format_cell(value: Any, kind: str) -> str:
    """The text a cell shows in a PDF or on screen."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return f"{float(value):,.2f}"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "rate":
        return f"{float(value) * 100:.1f}%"
    return str(value)
