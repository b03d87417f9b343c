"""上报情况: villages × reports × periods — 按时报 / 迟报 / 未报 / 已退回 against the form specifications' due
dates, the on-time rate, and the reminders (what is overdue or sent back), from the report submissions that
arrive in the villages' packages."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple

from villagedesk.domain import clock, reporting
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, ScopedVillage
from villagedesk.services.reports.specs import specs
from villagedesk.services.scope import resolve_scope
from villagedesk.services.township.villages import registered_villages
from villagedesk.store import township as repo
from villagedesk.store.connection import Store


class Cell(NamedTuple):
    """One village's one report for one period."""

    village_code: str
    village_name: str
    report_key: str
    number: str  # 表号
    title: str
    period: str  # its label, 2026-11 | 2026-Q4 | 2026
    period_title: str
    due: dt.date
    status: str  # on_time | late | missing | returned | not_due (domain/reporting.py)
    submitted_at: str  # first sent up ('' if never)
    attempts: int
    note: str  # the township's reason, for a report sent back

    @property
    def status_label(self) -> str:
        return reporting.STATUS_LABELS[self.status]


class VillageLine(NamedTuple):
    code: str
    name: str
    counts: dict[str, int]  # per status
    received: bool = True  # False: registered here, no package of it received yet (every report 未报 or 未到期)
    as_of: str = ""  # at a district: the day the township's package judged its villages' reports

    @property
    def on_time_rate(self) -> float | None:
        return reporting.on_time_rate(self.counts)

    def shown_name(self, unit: str) -> str:
        """The name as 上报情况 lists it (`unit` 村, or 乡镇 at a district), saying when nothing of it came yet."""
        if not self.received:
            return f"{self.name}（尚未收到{'本期区县汇总包' if unit == '乡镇' else '同步包'}）"
        if unit == "乡镇" and not self.as_of:
            return f"{self.name}（汇总包未带上报情况，请乡镇更新后重新生成）"
        return self.name


class Completeness(NamedTuple):  # not a dataclass: see domain/actor.py
    period: Period
    periods: tuple[Period, ...]
    today: dt.date
    cells: tuple[Cell, ...]
    villages: tuple[VillageLine, ...]
    counts: dict[str, int]  # the township's, over every cell
    unit: str = "村"  # what each line is: 村, or 乡镇 at a district

    @property
    def on_time_rate(self) -> float | None:
        """The township's on-time rate, from every village's reports (not an average of the villages' rates)."""
        return reporting.on_time_rate(self.counts)

    @property
    def reminders(self) -> list[Cell]:
        """What to chase: sent back, or past its due day unsent — the longest overdue first."""
        return sorted((c for c in self.cells if c.status in ("missing", "returned")),
                      key=lambda c: (c.due, c.village_code, c.number))


def completeness(store: Store, period: Period, scope: Scope | None = None,
                 today: dt.date | None = None) -> Completeness:
    """Every report each village of `scope` owes for the reporting periods within `period`, and its standing; at a
    township, the villages registered whose first package has not come yet follow, owing every report."""
    scope, today = scope or resolve_scope(store), today or clock.today()
    within = reporting.periods_within(period)
    held = {(r["village_id"], r["report_key"], r["period"]): r
            for r in repo.submissions_of(store, scope.ids, [p.label for p in within])}
    forms = specs(store).values()
    cells, lines = [], []
    held_codes = set(scope.codes)
    waiting = [ScopedVillage("", r.code, r.name) for r in registered_villages(store) if r.code not in held_codes]
    for v in (*scope.villages, *waiting):
        counts: Counter = Counter()
        for p in within:
            for spec in (f for f in forms if reporting.is_due_for(f, p)):
                row = held.get((v.id, spec.key, p.label))
                due = reporting.due_date(spec, p)
                state = reporting.status(due, row["first_submitted"] if row else None,
                                         row["last_state"] if row else None, today)
                counts[state] += 1
                cells.append(Cell(v.code, v.name, spec.key, spec.number, spec.title, p.label, p.title, due, state,
                                  (row["first_submitted"] or "") if row else "", row["attempts"] if row else 0,
                                  (row["answer_note"] or "") if row else ""))
        lines.append(VillageLine(v.code, v.name, {s: counts.get(s, 0) for s in reporting.STATUS_LABELS}, bool(v.id)))
    total = {s: sum(line.counts[s] for line in lines) for s in reporting.STATUS_LABELS}
    return Completeness(period, tuple(within), today, tuple(cells), tuple(lines), total)
