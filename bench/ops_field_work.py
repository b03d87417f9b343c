"""Field-work benchmarks at township scale (20 villages, a year of records): the 首页 to-do list and the dispute
ledger, through the service and through the widget, against their bare queries (the repository SQL alone); the
open hardships and hazards of 走访与回访 against a hand-written query driven from the findings."""

from __future__ import annotations

import datetime as dt
import os

from bench.harness import OFFICE_HEAD, BenchContext

TARGET = 2.0


def run(ctx: BenchContext) -> None:
    scale = "township" if "township" in ctx.dbs else next(iter(ctx.dbs))
    from villagedesk.services.scope import resolve_scope
    from villagedesk.store import open_store

    store = open_store(ctx.copy(scale))
    # the services cover the database's scope: every village of a township-scale database, so the bare side too
    village_id = resolve_scope(store).ids
    today = dt.date.today()
    counts = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("visits", "follow_ups", "notice_reaches",
                                                                       "disputes", "emergencies")}
    print("    " + "，".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
    _todo(ctx, scale, store, village_id, today)
    _ledger(ctx, scale, store, village_id)
    _findings(ctx, scale, store, village_id)
    store.close()


def _bare_todo(store, village_id: str, today: dt.date) -> None:
    from villagedesk.store.field_work import disputes, emergencies, follow_ups, notices

    follow_ups.pending(store, village_id, today.isoformat(), limit=200)
    disputes.open_by_age(store, village_id, 200)
    notices.list_notices(store, village_id, uncovered_only=True, limit=200)
    emergencies.list_emergencies(store, village_id, open_only=True, limit=200)


def _todo(ctx: BenchContext, scale: str, store, village_id: str, today: dt.date) -> None:
    from villagedesk.services.field_work import todo

    ctx.measure("to-do list (service)", scale, lambda: todo.todo_list(store, today, actor=OFFICE_HEAD),
                lambda: _bare_todo(store, village_id, today), repeat=15, target=TARGET)
    panel = _widget(store, "todo")
    ctx.measure("to-do list (首页 panel refresh)", scale, panel.refresh,
                lambda: _bare_todo(store, village_id, today), repeat=15, target=TARGET)


def _ledger(ctx: BenchContext, scale: str, store, village_id: str) -> None:
    from villagedesk.services.field_work import ledger
    from villagedesk.store.field_work import disputes

    def bare():
        disputes.ledger(store, village_id)

    ctx.measure("dispute ledger (service)", scale, lambda: ledger.ledger(store, actor=OFFICE_HEAD), bare, repeat=15, target=TARGET)
    page = _widget(store, "disputes")

    def open_ledger():  # what the page does to show the ledger: read it and hand it to the table model
        page.model.set_rows(ledger.ledger(store, actor=OFFICE_HEAD))

    ctx.measure("dispute ledger (page table fill)", scale, open_ledger, bare, repeat=15, target=TARGET)


BARE_FINDINGS = """SELECT f.id, f.kind, f.hardship_kind, f.description, v.visited_at, g.name,
           h.hamlet || ' ' || h.house_number || ' ' || COALESCE(hr.name, '')
    FROM visit_findings f JOIN visits v ON v.id = f.visit_id JOIN grids g ON g.id = f.grid_id
    JOIN households h ON h.id = f.household_id LEFT JOIN residents hr ON hr.id = h.head_resident_id
    WHERE f.status = 'open' AND f.deleted_at IS NULL AND f.kind != 'dispute' AND +v.village_id IN (SELECT value FROM json_each(?))
    ORDER BY v.visited_at"""  # `+`: the findings drive (a few per hundred visits), as a hand-written query would


def _findings(ctx: BenchContext, scale: str, store, village_id) -> None:
    from villagedesk.services.field_work import visits
    from villagedesk.store.scoping import ids_param

    ids = ids_param(village_id)

    def bare():
        return store.conn.execute(BARE_FINDINGS, (ids,)).fetchall()

    ours = visits.open_findings(store, actor=OFFICE_HEAD)
    if len(ours) != len(bare()):
        print(f"  基线与走访发现的条数不一致：{len(ours)} / {len(bare())}")
    ctx.measure(f"open hardships and hazards ({len(ours)}, 走访与回访 › 困难与隐患) vs bare query from the findings",
                scale, lambda: visits.open_findings(store, actor=OFFICE_HEAD), bare, repeat=15, target=TARGET)


_APP = None


def _widget(store, which: str):
    global _APP
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner

    _APP = QApplication.instance() or QApplication([])
    ctx = AppContext(store, OFFICE_HEAD, JobRunner(store, inline=True))
    if which == "todo":
        from villagedesk.ui.pages.home.todo import TodoPanel

        return TodoPanel(ctx)
    from villagedesk.ui.pages.disputes.page import DisputesPage

    return DisputesPage(ctx)
