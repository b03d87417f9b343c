"""The dispute ledger (矛盾纠纷台账) as a ReportTable: one row a dispute, by grid, with its state and dates."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.reports.table import Column, ReportTable

COLUMNS = [Column("序号", "int", 5), Column("网格", width=8), Column("发现日期", "date", 10),
           Column("类别", width=8), Column("当事人", width=12), Column("纠纷经过", width=28),
           Column("发现人", width=6), Column("调解次数", "int", 6), Column("状态", width=13),
           Column("结果日期", "date", 10), Column("历时（天）", "int", 7)]


@dataclass(frozen=True)
class LedgerRow:
    grid_name: str
    found_on: str
    kind_label: str
    parties: str
    summary: str
    found_by: str
    attempts: int
    state_label: str
    outcome_on: str
    days: int


def build_table(rows: list[LedgerRow], unit: str, period: str, counts: dict[str, int]) -> ReportTable:
    """`counts` maps a state label to its number, for the note under the table."""
    body = [[i, r.grid_name, r.found_on, r.kind_label, r.parties, _short(r.summary), r.found_by, r.attempts,
             r.state_label, r.outcome_on, r.days] for i, r in enumerate(rows, 1)]
    totals = [None, "合计", "", "", f"共 {len(rows)} 件", "", "", sum(r.attempts for r in rows), "", "", None]
    notes = ["状态统计：" + "，".join(f"{label} {n} 件" for label, n in counts.items()),
             "历时：未结案的算到今天，已结案的算到网格处理结束之日。"]
    return ReportTable("矛盾纠纷台账", unit, period, COLUMNS, body, totals, notes, landscape=True)


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
