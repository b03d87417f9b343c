"""Grids benchmarks at district scale (1,072 grids and workers): the grid table and the roster, opened and filtered
through the real tabs, against the same queries run bare on sqlite3."""

from __future__ import annotations

import itertools
import os
import sqlite3

from bench.harness import BenchContext

GRID_TYPED = ("张", "张家", "沟", "院", "01", "大堰")
WORKER_TYPED = ("张", "李", "王建", "138", "湾", "刘")


def run(ctx: BenchContext) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from villagedesk.domain.actor import SYSTEM
    from villagedesk.services.village import home_village_id
    from villagedesk.store import open_store
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.pages.grids.grid_tab import GridTab
    from villagedesk.ui.pages.grids.worker_tab import WorkerTab

    app = QApplication.instance() or QApplication([])
    scale = "district" if "district" in ctx.dbs else next(iter(ctx.dbs))
    store = open_store(ctx.copy(scale))
    ui = AppContext(store, SYSTEM, JobRunner(store, inline=True))
    village = home_village_id(store)
    bare = sqlite3.connect(store.path)
    grid_sql, grid_params = _captured(store, lambda: GridTab(ui).deleteLater())
    roster_sql, roster_params = _captured(store, lambda: WorkerTab(ui).deleteLater())

    def run_bare(sql, params, **changes):
        bare.execute(sql, {**params, **changes}).fetchall()

    # Opening a table: the service query, rows to dataclasses, the model reset and the first rows shown.
    grid_tab, worker_tab = GridTab(ui), WorkerTab(ui)
    ctx.measure("grid table: open (all grids)", scale, grid_tab.refresh,
                lambda: run_bare(grid_sql, grid_params), repeat=7, target=2)
    ctx.measure("roster: open (all active workers)", scale, worker_tab.refresh,
                lambda: run_bare(roster_sql, roster_params), repeat=7, target=2)
    typed_g, bare_g = itertools.cycle(GRID_TYPED), itertools.cycle(GRID_TYPED)
    typed_w, bare_w = itertools.cycle(WORKER_TYPED), itertools.cycle(WORKER_TYPED)
    ctx.measure("grid table: filter as you type", scale, lambda: grid_tab.search.setText(next(typed_g)),
                lambda: (t := next(bare_g), run_bare(grid_sql, grid_params, s=t, like=f"%{t}%")),
                repeat=len(GRID_TYPED) * 2, target=2)
    ctx.measure("roster: filter as you type", scale, lambda: worker_tab.search.setText(next(typed_w)),
                lambda: (t := next(bare_w), run_bare(roster_sql, roster_params, s=t, like=f"%{t}%")),
                repeat=len(WORKER_TYPED) * 2, target=2)
    print(f"    village {village}: {grid_tab.model.rowCount()} grid rows shown, "
          f"{worker_tab.model.rowCount()} roster rows shown", flush=True)
    app.processEvents()
    bare.close()
    store.close()


def _captured(store, open_tab) -> tuple[str, dict]:
    """The SQL and parameters the tab's table ran (the repository's own statement), for the bare baseline."""
    seen: list[tuple[str, object]] = []
    real = store.query

    def spy(sql, params=()):
        seen.append((sql, params))
        return real(sql, params)

    store.query = spy
    try:
        open_tab()
    finally:
        store.query = real
    sql, params = max(seen, key=lambda s: len(s[0]))
    return sql, dict(params)
