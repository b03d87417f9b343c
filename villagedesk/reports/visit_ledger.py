"""The visit ledger (入户走访台账) as a ReportTable: one row a visit, oldest first, with its way and findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from villagedesk.reports.table import Column, ReportTable

COLUMNS = [Column("序号", "int", 5), Column("走访时间", width=16), Column("网格", width=8), Column("农户", width=16),
           Column("走访人", width=7), Column("方式", width=7), Column("目的", width=9),
           Column("发现事项", width=12), Column("发现的问题", width=30)]


@dataclass(frozen=True)
class VisitRow:
    visited_at: str
    grid_name: str
    household: str
    worker_name: str
    way_label: str
    purpose_label: str
    finding_labels: str
    findings: str


def build_table(rows: list[VisitRow], unit: str, period: str) -> ReportTable:
    body = [[i, r.visited_at, r.grid_name, r.household, r.worker_name, r.way_label, r.purpose_label,
             r.finding_labels, _short(r.findings)] for i, r in enumerate(rows, 1)]
    ways = Counter(r.way_label for r in rows)
    totals = [None, "合计", "", f"共 {len(rows)} 次", "", "", "", f"{sum(1 for r in rows if r.finding_labels)} 次有发现", ""]
    notes = ["走访方式：" + ("，".join(f"{way} {n} 次" for way, n in ways.most_common()) or "无")]
    return ReportTable("入户走访台账", unit, period, COLUMNS, body, totals, notes, landscape=True)


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
