"""各村汇总表: each report of the catalogue for a period, summed up at the township — one row per village (that
village's own report: its rows counted, its totals row) and a 合计 row that is the report over every village's
records together (counts and money add up, rates recomputed, never averaged); written as one workbook and one PDF."""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.domain.scope import Scope
from villagedesk.reports.atomic import FileWriteError, why
from villagedesk.reports.catalogue import BUILDERS, REPORT_KEYS
from villagedesk.reports.excel import clean_sheet_name, write_workbook
from villagedesk.reports.pdf import write_pdf_set
from villagedesk.reports.table import Column, ReportTable, column_codes
from villagedesk.services.access import authorize
from villagedesk.services.progress import Job, step
from villagedesk.services.reports.building import period_of, source_for, summary_of
from villagedesk.services.reports.export import move_in
from villagedesk.services.scope import resolve_scope
from villagedesk.services.township.node import home_township, node_role
from villagedesk.store.connection import Store

# What one row of each report is, for the column counting them.
ROW_LABELS = {"roster": "网格员（人）", "evaluation": "考评（人次）", "payroll": "发放（人次）", "visits": "走访（次）",
              "disputes": "纠纷（件）", "emergencies": "突发事件（起）", "notices": "宣传到网格（次）",
              "points": "网格（个）", "stock": "物资（种）", "insurance": "网格（个）",
              "key_population": "人群类别（个）", "reserve": "后备力量（人）"}
# Report 1's indicators, in three tables that fit a landscape page: the first code of each.
SUMMARY_PARTS = (("grids", "（一）网格与队伍"), ("visits", "（二）走访、宣传、纠纷与突发事件"),
                 ("activities", "（三）志愿积分与补贴"))
NOTE = ("各村一行为该村本表（据其同步包中的记录）的行数与合计行；合计行由全部村的记录一并重算："
        "户数、人数、次数和金额为各村之和，比率和中位数不是各村的平均。")


@dataclass
class SummaryExport:
    folder: Path
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    tables: list[ReportTable] = field(default_factory=list)
    period: Period | None = None


def _villages(scope: Scope) -> list[tuple[str, str, Scope]]:
    return [(v.code, v.name, one) for v, one in zip(scope.villages, scope.each(), strict=True)]


def summary_tables(store: Store, period: str | Period, made_by: Actor | None = None,
                   job: Job | None = None) -> list[ReportTable]:
    """Every report's 汇总表 over the villages held here (report 1 in three parts), in catalogue order."""
    p = period_of(period)
    scope = resolve_scope(store)
    township = home_township(store)
    unit = township.name if township else scope.label()
    villages = _villages(scope)
    whole = source_for(store, p, made_by, scope=scope)
    each = [(code, name, source_for(store, p, made_by, scope=one)) for code, name, one in villages]
    out: list[ReportTable] = []
    for i, key in enumerate(REPORT_KEYS):
        step(job, 0.6 * i / len(REPORT_KEYS), f"正在汇总：{whole(key).spec.title}")
        total = BUILDERS[key](whole(key))
        parts = [(code, name, BUILDERS[key](make(key))) for code, name, make in each]
        if key == "summary":
            out += _summary_parts(total, parts, unit)
        else:
            out.append(_by_village(key, total, parts, unit))
    return out


def _table(source: ReportTable, title: str, unit: str, columns: list[Column], rows: list[list],
           totals: list, sheet: str) -> ReportTable:
    return ReportTable(title=title, unit=unit, period=source.period, columns=columns, rows=rows, totals=totals,
                       notes=[NOTE], landscape=True, codes=column_codes(columns, 2), key=source.key,
                       sheet=sheet)


def _number(source: ReportTable) -> str:
    return source.form.number if source.form else ""


def _by_village(key: str, total: ReportTable, parts: list[tuple[str, str, ReportTable]], unit: str) -> ReportTable:
    """村, 区划代码, the rows counted, then every column the report totals with a number."""
    figures = [i for i, v in enumerate(total.totals or []) if i > 0 and isinstance(v, (int, float))]
    columns = [Column("村", width=8), Column("区划代码", "code", 12), Column(ROW_LABELS[key], "int", 7)]
    columns += [Column(total.columns[i].title, total.columns[i].kind, max(total.columns[i].width, 7)) for i in figures]

    def line(label: str, code: str, table: ReportTable) -> list[Any]:
        cells = table.totals or []
        return [label, code, summary_of(table)["rows"]] + [cells[i] if i < len(cells) else None for i in figures]

    rows = [line(name, code, t) for code, name, t in parts]
    return _table(total, f"{total.title}（各村汇总）", unit, columns, rows, line("合计", "", total),
                  f"{_number(total)}各村汇总")


def _summary_parts(total: ReportTable, parts: list[tuple[str, str, ReportTable]], unit: str) -> list[ReportTable]:
    """Report 1 (本期 of each indicator) as three tables of one row per village, its 合计 the township's own."""
    codes = [r[1] for r in total.rows]
    starts = [codes.index(first) for first, _ in SUMMARY_PARTS] + [len(codes)]
    out = []
    for n, (_first, heading) in enumerate(SUMMARY_PARTS):
        span = range(starts[n], starts[n + 1])
        columns = [Column("村", width=8), Column("区划代码", "code", 12)]
        columns += [Column(total.rows[i][0], "figure", 7) for i in span]

        def line(label: str, code: str, table: ReportTable, span: range = span) -> list[Any]:
            values = {r[1]: r[2] for r in table.rows}
            return [label, code] + [values.get(codes[i]) for i in span]

        rows = [line(name, code, t) for code, name, t in parts]
        out.append(_table(total, f"{total.title}（各村汇总）{heading}", unit, columns, rows,
                          line("合计", "", total), f"{_number(total)}各村汇总{n + 1}"))
    return out


def export_summaries(store: Store, actor: Actor, period: str | Period, out_dir: str | Path,
                     job: Job | None = None) -> SummaryExport:
    """The 汇总表 of every report into 乡镇名_期间_各村汇总表 under `out_dir`: one workbook (a sheet each) and one PDF,
    written aside and moved in at the end (a cancel or a full disk leaves nothing)."""
    if node_role(store) != "township":
        raise ConflictError("各村汇总表在乡镇节点生成（它收到各村的同步包）；本村的报表请在“报表上报”导出。")
    who = authorize(store, actor, Action.RETURN_REPORT)
    p = period_of(period)
    township = home_township(store)
    base = Path(out_dir)
    if base.exists() and not base.is_dir():
        raise FileWriteError(f"“{base}”不是文件夹")
    stem = clean_sheet_name(f"{township.name if township else '乡镇'}_{p.label.replace('..', '至')}_各村汇总表",
                            None).replace(" ", "")
    folder, tmp = base / stem, base / f".{stem}.part"
    tables = summary_tables(store, p, who, job)
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise FileWriteError(f"无法在“{base}”中写入：{why(exc)}") from exc
    try:
        n = len(tables)
        write_workbook(tables, tmp / f"{stem}.xlsx",
                       before_sheet=lambda i, t: step(job, 0.6 + 0.2 * i / n, f"正在写入工作簿：{t.title}"))
        write_pdf_set(tables, tmp / f"{stem}.pdf", header=f"{tables[0].unit}　各村汇总表　{p.title}",
                      before_table=lambda i, t: step(job, 0.8 + 0.19 * i / n, f"正在排版 PDF：{t.title}"))
        files = move_in(tmp, folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    with store.transaction():
        store.audit(who, "导出各村汇总表", detail=f"{p.title}，{len(resolve_scope(store).codes)} 个村，{folder}")
    step(job, 1.0, "导出完成")
    return SummaryExport(folder, files, tables, p)
