"""The emergency ledger (突发事件台账) as a ReportTable: one row an incident, with its command and response."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.reports.table import Column, ReportTable

COLUMNS = [Column("序号", "int", 5), Column("开始时间", width=16), Column("类别", width=8), Column("事件", width=20),
           Column("涉及网格", width=12), Column("现场指挥", width=8), Column("受影响（户）", "int", 7),
           Column("转移（户）", "int", 7), Column("已通知（户）", "int", 7), Column("初期处置", width=9),
           Column("状态", width=7), Column("关闭时间", width=16)]


@dataclass(frozen=True)
class EmergencyRow:
    started_at: str
    kind_label: str
    title: str
    grid_names: str
    commander_name: str
    affected: int
    evacuated: int
    reached: int
    response_label: str
    state_label: str
    closed_at: str


def build_table(rows: list[EmergencyRow], unit: str, period: str) -> ReportTable:
    body = [[i, r.started_at, r.kind_label, r.title, r.grid_names, r.commander_name, r.affected, r.evacuated,
             r.reached, r.response_label, r.state_label, r.closed_at] for i, r in enumerate(rows, 1)]
    totals = [None, "合计", "", f"共 {len(rows)} 起", "", "", sum(r.affected for r in rows),
              sum(r.evacuated for r in rows), sum(r.reached for r in rows), "", "", ""]
    open_count = sum(1 for r in rows if not r.closed_at)
    notes = [f"处置中 {open_count} 起，已关闭 {len(rows) - open_count} 起。"]
    return ReportTable("突发事件台账", unit, period, COLUMNS, body, totals, notes, landscape=True)
