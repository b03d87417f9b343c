"""Reports 5–8: 入户走访及二次回访台账, 矛盾纠纷排查化解台账, 突发事件处置台账, 政策宣传到户情况表."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain.field_work.disputes import KINDS as DISPUTE_KINDS
from villagedesk.domain.field_work.disputes import OUTCOMES
from villagedesk.domain.field_work.emergencies import KINDS as EMERGENCY_KINDS
from villagedesk.domain.field_work.emergencies import RESPONSES
from villagedesk.domain.field_work.notices import SOURCES, URGENCIES
from villagedesk.domain.field_work.visits import PURPOSES, WAYS
from villagedesk.reports.forms.common import Source, form_table, minute, ratio, total_row
from villagedesk.reports.table import Column, ReportTable
from villagedesk.store.reports import ledgers

DISPUTE_DEADLINE_DAYS = 30  # 办结时限: a dispute found is to be settled (or escalated) within this many days

VISITS = [Column("序号", "int", 4), Column("走访时间", width=9), Column("网格", width=7), Column("网格员", width=5),
          Column("户主", width=5), Column("住址", width=10), Column("方式", width=4), Column("事由", width=6),
          Column("走访发现", width=18), Column("应回访日期", "date", 8), Column("回访时间", width=9),
          Column("按期回访", width=4)]


def visits(src: Source) -> ReportTable:
    rows, due, on_time = [], 0, 0
    for i, v in enumerate(ledgers.visits(src.store, src.village_ids, src.start, src.end), 1):
        state = ""
        if v["due_on"]:
            due += 1
            if v["done_at"] and v["done_at"][:10] <= v["due_on"]:
                state, on_time = "是", on_time + 1
            elif v["done_at"]:
                state = "逾期"
            else:
                state = "未到期" if v["due_on"] >= src.today else "未回访"
        address = " ".join(x for x in (v["hamlet"], v["group_name"], v["house_number"]) if x)
        rows.append([i, minute(v["visited_at"]), v["grid"], v["worker"], v["head"], address,
                     WAYS.get(v["way"], v["way"]), PURPOSES.get(v["purpose"], v["purpose"]), v["findings"],
                     v["due_on"] or "", minute(v["done_at"]), state])
    notes = [f"本期入户走访 {len(rows)} 次；其中应二次回访 {due} 次，按期完成 {on_time} 次。",
             "二次回访率（统计口径见月报）按到期日统计，以月报数字为准。"]
    return form_table(src, VISITS, rows, text_columns=len(VISITS), notes=notes, landscape=True)


DISPUTES = [Column("序号", "int", 4), Column("排查日期", "date", 8), Column("网格", width=7),
            Column("当事人", width=9), Column("纠纷类型", width=7), Column("简要情况", width=18),
            Column("排查人", width=5), Column("责任人", width=5), Column("办结时限", "date", 8),
            Column("调解次数", "int", 4), Column("化解情况", width=9), Column("办结日期", "date", 8),
            Column("回访", width=8)]


def disputes(src: Source) -> ReportTable:
    rows = []
    for i, d in enumerate(ledgers.disputes(src.store, src.village_ids, src.start, src.end), 1):
        deadline = (dt.date.fromisoformat(d["found_on"]) + dt.timedelta(days=DISPUTE_DEADLINE_DAYS)).isoformat()
        outcome = OUTCOMES.get(d["outcome"], d["outcome"]) if d["outcome"] else "调解中"
        revisit = f"已回访 {d['revisited_on']}" if d["revisited_on"] else ("未回访" if d["closed_on"] else "")
        rows.append([i, d["found_on"], d["grid"], d["parties"] or "", DISPUTE_KINDS.get(d["kind"], d["kind"]),
                     d["summary"], d["found_by"], d["responsible"] or "（空缺）", deadline, d["attempts"], outcome,
                     d["closed_on"] or "", revisit])
    resolved = sum(1 for r in rows if r[10] == OUTCOMES["resolved_in_grid"])
    notes = [f"本期排查矛盾纠纷 {len(rows)} 件，网格内调解成功 {resolved} 件；办结时限为排查之日起 "
             f"{DISPUTE_DEADLINE_DAYS} 日。"]
    return form_table(src, DISPUTES, rows, text_columns=9, totals=total_row(DISPUTES, rows, skip=(0,)),
                      notes=notes, landscape=True, empty="本期无新增")


EMERGENCIES = [Column("序号", "int", 4), Column("发生时间", width=9), Column("类型", width=6),
               Column("事件", width=12), Column("涉及网格", width=10), Column("现场指挥", width=5),
               Column("初期处置", width=8), Column("受影响户数", "int", 5), Column("转移户数", "int", 5),
               Column("通知到户数", "int", 5), Column("临时补助天数", "int", 5), Column("结束时间", width=9)]


def emergencies(src: Source) -> ReportTable:
    rows = []
    for i, e in enumerate(ledgers.emergencies(src.store, src.village_ids, src.start, src.end), 1):
        rows.append([i, minute(e["started_at"]), EMERGENCY_KINDS.get(e["kind"], e["kind"]), e["title"],
                     e["grids"] or "", e["commander_name"] or "", RESPONSES.get(e["response_outcome"], "未记录"),
                     e["households_affected"], e["households_evacuated"], e["households_reached"],
                     e["subsidy_days"], minute(e["ended_at"]) or "处置中"])
    handled = sum(1 for r in rows if r[6] == RESPONSES["handled"])
    notes = [f"本期突发事件 {len(rows)} 起，初期处置成功 {handled} 起。临时补助天数为计入网格员补贴的应急工作日。"]
    return form_table(src, EMERGENCIES, rows, text_columns=7, totals=total_row(EMERGENCIES, rows, skip=(0,)),
                      notes=notes, landscape=True)


NOTICES = [Column("序号", "int", 4), Column("宣传内容", width=16), Column("类别", width=4), Column("来源", width=5),
           Column("下发时间", width=9), Column("全覆盖时间", width=9), Column("用时（小时）", "money", 6),
           Column("网格", width=7), Column("应到户数", "int", 5), Column("已到户数", "int", 5),
           Column("到户率", "rate", 5)]


def notices(src: Source) -> ReportTable:
    rows: list[list] = []
    seen: dict[str, int] = {}
    for r in ledgers.notice_reach(src.store, src.village_ids, src.start, src.end):
        first = r["id"] not in seen
        seen.setdefault(r["id"], len(seen) + 1)
        hours = None
        if r["covered_at"]:
            span = dt.datetime.fromisoformat(r["covered_at"][:16]) - dt.datetime.fromisoformat(r["issued_at"][:16])
            hours = round(span.total_seconds() / 3600, 2)
        rows.append([seen[r["id"]] if first else None, r["title"] if first else "",
                     URGENCIES.get(r["urgency"], r["urgency"]) if first else "",
                     SOURCES.get(r["source"], r["source"]) if first else "", minute(r["issued_at"]) if first else "",
                     (minute(r["covered_at"]) or "未全覆盖") if first else "", hours if first else None, r["grid"],
                     r["targeted"], r["reached"], ratio(r["reached"], r["targeted"])])
    totals = total_row(NOTICES, rows, skip=(0, 6))
    totals[10] = ratio(totals[9] or 0, totals[8] or 0)
    notes = [f"本期下发政策宣传 {len(seen)} 条；用时为下发至最后一户送达。到户率 = 已到户数 ÷ 应到户数（按网格在册户）。"]
    return form_table(src, NOTICES, rows, text_columns=8, totals=totals, notes=notes, landscape=True)

