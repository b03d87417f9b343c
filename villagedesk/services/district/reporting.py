"""上报情况 one level up: at a district, each township's villages' reports for a period — 按时报 / 迟报 / 未报 /
已退回 / 未到期 as the township judged them when it wrote its district package — a line per township, every
village's report in 明细, and what to chase; the district's on-time rate from every report, not an average."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from villagedesk.domain import clock, reporting
from villagedesk.domain.period import Period
from villagedesk.services.district.overview import held
from villagedesk.services.township.reporting import Cell, Completeness, VillageLine
from villagedesk.store import district as repo
from villagedesk.store.connection import Store


def completeness(store: Store, period: Period) -> Completeness:
    """The townships whose package for `period` is held, by code, then those registered whose package has not
    come (no report counted for them: what their villages owe is known only at the township)."""
    cells: list[Cell] = []
    lines: list[VillageLine] = []
    got = set()
    for content in held(store, period):
        town = content["township"]
        got.add(town["code"])
        mine = [_cell(town["name"], c) for c in content.get("reporting") or ()]
        counts = Counter(c.status for c in mine)
        cells += mine
        lines.append(VillageLine(town["code"], town["name"], {s: counts.get(s, 0) for s in reporting.STATUS_LABELS},
                                 True, content.get("reporting_as_of", "")))
    waiting = {r["code"]: r["name"] for r in repo.township_peers(store) if r["code"] not in got}
    lines += [VillageLine(code, name, dict.fromkeys(reporting.STATUS_LABELS, 0), False) for code, name in waiting.items()]
    total = {s: sum(line.counts[s] for line in lines) for s in reporting.STATUS_LABELS}
    return Completeness(period, tuple(reporting.periods_within(period)), clock.today(), tuple(cells), tuple(lines),
                        total, unit="乡镇")


def _cell(township: str, c: dict) -> Cell:
    return Cell(c["village"], f"{township} {c['village_name']}", c["report_key"], c["number"], c["title"],
                c["period"], c["period_title"], dt.date.fromisoformat(c["due"]), c["status"],
                c["first_submitted_at"], c["attempts"], "")
