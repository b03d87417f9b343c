"""Field-work benchmarks at township scale (20 villages, a year of records): the 首页 to-do list and the dispute
ledger, through the service and through the widget, against their bare queries (the repository SQL alone)."""

from __future__ import annotations

import datetime as dt
import os

from bench.harness import OFFICE_HEAD, BenchContext

TARGET = 2.0


def run(ctx: BenchContext) -> None:
    scale = "township" if "township" in ctx.dbs else next(iter(ctx.dbs))
    from villagedesk.services.village import home_village_id
    from villagedesk.store import open_store

    store = open_store(ctx.copy(scale))
    village_id = home_village_id(store)
    today = dt.date.today()
    counts = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("visits", "follow_ups", "notice_reaches",
                                                                       "disputes", "emergencies")}
    print("    " + "，".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
    _todo(ctx, scale, store, village_id, today)
    _ledger(ctx, scale, store, village_id)
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
