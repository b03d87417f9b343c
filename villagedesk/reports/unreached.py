"""Households a notice has not yet reached, as a ReportTable the worker takes along (way, time and signature left blank)."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.reports.table import Column, ReportTable

COLUMNS = [Column("序号", "int", 5), Column("网格", width=8), Column("门牌", width=12), Column("户主", width=8),
           Column("联系电话", width=12), Column("送达方式", width=8), Column("送达时间", width=12),
           Column("签收", "sign", 10)]


@dataclass(frozen=True)
class UnreachedLine:
    grid_name: str
    house: str
    head_name: str
    phone: str


def build_table(title: str, issued: str, lines: list[UnreachedLine], unit: str, coverage: str) -> ReportTable:
    rows = [[i, x.grid_name, x.house, x.head_name, x.phone, "", "", ""] for i, x in enumerate(lines, 1)]
    notes = [f"通知：{title}（{issued} 下发）", f"当前覆盖：{coverage}；以上 {len(lines)} 户尚未送达。",
             "送达后请在本表填写方式和时间，并回到村务台逐户标记。"]
    return ReportTable(f"政策宣传未送达农户名单：{title}", unit, f"下发时间 {issued}", COLUMNS, rows, None, notes,
                       signatures=("网格员", "日期"))
