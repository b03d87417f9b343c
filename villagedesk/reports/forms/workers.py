"""Reports 2, 3, 4 and 12: 花名册, 考评结果表, 补贴发放表, 后备力量及培训情况表."""

from __future__ import annotations

from villagedesk.domain.grids.rubric import OUTCOME_LABELS, REPLACE_REASONS
from villagedesk.domain.grids.worker import SOURCE_LABELS, STATUS_LABELS
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.reports.forms.common import Source, form_table, total_row
from villagedesk.reports.payroll import COLUMNS as PAYROLL_COLUMNS
from villagedesk.reports.table import Column, ReportTable
from villagedesk.store.reports import ledgers

ROSTER = [Column("序号", "int", 4), Column("姓名", width=6), Column("性别", width=3), Column("出生年月", width=7),
          Column("身份证号", "code", 17), Column("联系电话", "code", 11), Column("党员", width=3),
          Column("来源", width=12), Column("文化程度", width=6), Column("负责网格", width=12),
          Column("任职日期", "date", 9), Column("状态", width=8)]


def roster(src: Source) -> ReportTable:
    rows = []
    for i, w in enumerate(ledgers.roster(src.store, src.village_ids, src.start, src.end), 1):
        status = STATUS_LABELS.get(w["status"], w["status"])
        if w["status"] not in ("active", "resting") and w["status_date"]:
            status += f"（{w['status_date']}）"
        rows.append([i, w["name"], w["sex"], w["birth_date"][:7], mask_identity(w["id_number"]), mask_phone(w["phone"]),
                     "是" if w["party_member"] else "否", SOURCE_LABELS.get(w["source"], w["source"]),
                     w["education"], w["grids"] or "（未分配网格）", w["appointed_on"], status])
    active = sum(1 for r in rows if isinstance(r[0], int) and r[-1].startswith(("在岗", "暂停")))
    party = sum(1 for r in rows if r[6] == "是")
    notes = [f"本期在册网格员 {len(rows)} 人，其中在岗或暂停 {active} 人、党员 {party} 人。身份证号和联系电话已脱敏。"]
    return form_table(src, ROSTER, rows, text_columns=len(ROSTER), notes=notes, landscape=True)


def evaluation(src: Source) -> ReportTable:
    items = ledgers.rubric_item_names(src.store, src.village_ids, src.start, src.end)
    columns = [Column("序号", "int", 4), Column("网格员", width=6), Column("网格", width=8),
               Column("考评期间", width=7), Column("考评日期", "date", 8)]
    columns += [Column(name, "figure", 6) for name in items]
    columns += [Column("总分", "figure", 5), Column("考评结果", width=6), Column("表彰事迹或调整原因", width=22)]
    rows = []
    for i, e in enumerate(ledgers.evaluations(src.store, src.village_ids, src.start, src.end), 1):
        scores = dict(part.split("=", 1) for part in (e["scores"] or "").split("|") if "=" in part)
        outcome = OUTCOME_LABELS.get(e["outcome"], e["outcome"])
        if e["replace_reason"]:
            outcome += f"（{REPLACE_REASONS.get(e['replace_reason'], e['replace_reason'])}）"
        rows.append([i, e["worker"], e["grid"], e["period"], e["evaluated_on"],
                     *[_number(scores.get(name)) for name in items], _number(e["total_score"]), outcome,
                     e["reason"]])
    commended = sum(1 for r in rows if str(r[-2]).startswith("表彰"))
    replaced = sum(1 for r in rows if str(r[-2]).startswith("调整"))
    notes = [f"本期考评 {len(rows)} 人次：表彰 {commended} 人次，调整 {replaced} 人次。"]
    return form_table(src, columns, rows, text_columns=5, notes=notes, landscape=True)


def payroll(src: Source) -> ReportTable:
    """The locked (or still draft) payrolls of the months in the period, joined: one line per worker and month."""
    assert src.payrolls is not None
    columns = [Column("月份", width=6)] + [c for c in PAYROLL_COLUMNS if c.title != "序号"]
    rows, notes = [], []
    for p in src.payrolls(src.period.months()):
        for ln in p.lines:
            rows.append([p.month, ln.grid_names, ln.worker_name, ln.residents, ln.stipend_fen / 100,
                         ln.subsidy_days, ln.subsidy_fen / 100, ln.adjustment_fen / 100, ln.total_fen / 100, ""])
        notes.append(f"{p.month}：{p.status_label}" + (f"（{p.locked_at[:10]} 锁定）" if p.locked_at else "")
                     + f"，制表 {p.prepared_by or '—'}，审核 {p.reviewed_by or '—'}，审批 {p.approved_by or '—'}")
    if not src.period.months():
        notes.append("补贴按月发放：所选期间不含完整月份。")
    totals = total_row(columns, rows)
    totals[2] = f"{len(rows)} 人次"
    return form_table(src, columns, rows, text_columns=3, totals=totals, notes=notes, landscape=True)


RESERVE = [Column("序号", "int", 4), Column("姓名", width=6), Column("性别", width=3), Column("出生年月", width=7),
           Column("党员", width=3), Column("文化程度", width=6), Column("网格", width=10),
           Column("纳入日期", "date", 9), Column("纳入理由", width=16), Column("本期培训（场）", "int", 6),
           Column("本期培训（小时）", "money", 7), Column("退出", width=12)]


def reserve(src: Source) -> ReportTable:
    rows = []
    for i, r in enumerate(ledgers.reserve_pool(src.store, src.village_ids, src.start, src.end), 1):
        left = f"{r['left_on']} {r['left_reason']}".strip() if r["left_on"] and r["left_on"] < src.end else ""
        rows.append([i, r["name"], r["sex"], r["birth_date"][:7], "是" if r["party_member"] else "否",
                     r["education"], r["grids"] or "", r["admitted_on"], r["reason"], r["sessions"],
                     float(r["hours"]), left])
    sessions = ledgers.trainings(src.store, src.village_ids, src.start, src.end)
    notes = [f"本期培训 {len(sessions)} 场，共 {sum(t['hours'] for t in sessions):g} 小时，"
             f"参训 {sum(t['attendees'] for t in sessions)} 人次。"]
    notes += [f"{t['held_on']}　{t['topic']}（{t['hours']:g} 小时，{t['trainer'] or '—'}，{t['attendees']} 人）"
              for t in sessions]
    totals = total_row(RESERVE, rows, skip=(0,))
    return form_table(src, RESERVE, rows, text_columns=9, totals=totals, notes=notes, landscape=True)


def _number(value):
    if value in (None, ""):
        return None
    number = float(value)
    return int(number) if number.is_integer() else round(number, 2)
