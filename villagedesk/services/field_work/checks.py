"""Integrity checks of field records for `check`: follow-ups, notice coverage stamps, emergency days."""

from __future__ import annotations

from villagedesk.store.connection import Store
from villagedesk.store.field_work import checks as repo


def field_work_problems(store: Store) -> list[str]:
    problems = [f"二次回访记录 {r['id']} 的回访时间（{r['done_at']}）不晚于所回访的走访（{r['visited_at']}）"
                for r in repo.follow_ups_done_before_visit(store)]
    problems += [f"宣传通知“{r['title']}”标为全覆盖，但有 {r['missing']} 户没有送达记录"
                 for r in repo.notices_covered_but_missing(store)]
    problems += [f"应急出勤 {r['id']}（{r['day']}）标为来自突发事件，但该事件不存在"
                 for r in repo.orphan_emergency_days(store)]
    problems += [f"矛盾纠纷 {r['id']} 的处理结果“{r['outcome']}”缺少对应日期"
                 for r in repo.disputes_without_outcome_date(store)]
    return problems
