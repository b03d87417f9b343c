"""What every report builder is given (store, villages, period, form) and the one way a form table is assembled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from villagedesk.domain.period import Period
from villagedesk.domain.report_forms import FormSpec
from villagedesk.reports.table import Column, FormMark, ReportTable, column_codes
from villagedesk.store.connection import Store

NO_DATA = "本期无数据"


@dataclass
class Source:
    """The inputs of one report: the store, the scope's villages, the period, the form and its tail.
    `kpis(period)` is the one KPI implementation (services/stats.py), `payrolls(months)` the payroll service."""

    store: Store
    village_ids: list[str]
    unit: str
    period: Period
    spec: FormSpec
    tail: tuple[tuple[str, str], ...] = ()
    reported_on: str = ""
    today: str = ""
    kpis: Callable[[Period], dict] | None = None
    payrolls: Callable[[list[str]], list[Any]] | None = None
    extra_notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> str:
        return self.period.start.isoformat()

    @property
    def end(self) -> str:
        return self.period.end.isoformat()


def form_table(src: Source, columns: list[Column], rows: list[list], text_columns: int,
               totals: list | None = None, notes: list[str] | None = None, landscape: bool = False,
               empty: str = NO_DATA, sheet: str = "") -> ReportTable:
    """A government form: codes under the header, the 法定标识 block, the tail; an empty period still prints
    the form, with a row saying so and zero totals."""
    notes = list(notes or [])
    if not rows:  # the message goes in the widest text column, where it reads as a sentence
        where = max((i for i, c in enumerate(columns) if c.kind == "text"), key=lambda i: columns[i].width,
                    default=0)
        rows = [[empty if i == where else None for i in range(len(columns))]]
        notes.insert(0, f"{src.period.title}{empty}。")
    spec = src.spec
    mark = FormMark(spec.number, spec.authority, spec.approval, spec.valid_until, spec.measure, src.tail,
                    src.reported_on)
    return ReportTable(title=spec.title, unit=src.unit, period=src.period.title, columns=columns, rows=rows,
                       totals=totals, notes=notes + src.extra_notes, signatures=(), landscape=landscape,
                       codes=column_codes(columns, text_columns), form=mark, key=spec.key,
                       sheet=sheet or f"{spec.number} {spec.title}")


def total_row(columns: list[Column], rows: list[list], label: str = "合计", skip: tuple[int, ...] = ()) -> list:
    """合计: sums of the figure columns (int and money), blank elsewhere; zeros when there are no rows."""
    out: list[Any] = [label] + [None] * (len(columns) - 1)
    for i, col in enumerate(columns):
        if i == 0 or i in skip or col.kind not in ("int", "money"):
            continue
        values = [r[i] for r in rows if isinstance(r[i], (int, float))]
        total = sum(values)
        out[i] = round(total, 2) if col.kind == "money" else int(total)
    return out


def ratio(num: float, den: float) -> float | None:
    return None if not den else round(num / den, 4)


def day(value: str | None) -> str:
    return (value or "")[:10]


def minute(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ")
