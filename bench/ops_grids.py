"""Grids benchmarks at district scale (1,072 grids and workers): the grid table and the roster, opened and filtered
through the real tabs, against the same SQL statements run bare on sqlite3."""

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
    from villagedesk.store import open_store
    from villagedesk.store.grids import grids as grid_repo
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.pages.grids.grid_tab import GridTab
    from villagedesk.ui.pages.grids.worker_tab import WorkerTab

    app = QApplication.instance() or QApplication([])
    scale = "district" if "district" in ctx.dbs else next(iter(ctx.dbs))
    store = open_store(ctx.copy(scale))
    ui = AppContext(store, SYSTEM, JobRunner(store, inline=True))
    bare = sqlite3.connect(store.path)
    grid_tab, worker_tab = GridTab(ui), WorkerTab(ui)

    def cold_grid_open():  # the register counts are cached between keystrokes; opening starts without them
        grid_repo._cache.clear()
        grid_tab.refresh()

    grid_sql = _captured(store, cold_grid_open)
    roster_sql = _captured(store, worker_tab.refresh)

    def run_bare(statements, **changes):
        for sql, params in statements:
            bare.execute(sql, {**params, **changes} if isinstance(params, dict) and changes else params).fetchall()

    # Opening a table: the service queries, rows to dataclasses, the model reset and the first rows shown.
    ctx.measure("grid table: open (counts from 500k residents)", scale, cold_grid_open,
                lambda: run_bare(grid_sql), repeat=5, target=2)
    ctx.measure("roster: open (all active workers)", scale, worker_tab.refresh,
                lambda: run_bare(roster_sql), repeat=7, target=2)
    grid_filter = [(sql, p) for sql, p in grid_sql if isinstance(p, dict) and "like" in p]
    roster_filter = [(sql, p) for sql, p in roster_sql if isinstance(p, dict) and "like" in p]
    typed_g, bare_g = itertools.cycle(GRID_TYPED), itertools.cycle(GRID_TYPED)
    typed_w, bare_w = itertools.cycle(WORKER_TYPED), itertools.cycle(WORKER_TYPED)
    ctx.measure("grid table: filter as you type", scale, lambda: grid_tab.search.setText(next(typed_g)),
                lambda: (t := next(bare_g), run_bare(grid_filter, s=t, like=f"%{t}%")),
                repeat=len(GRID_TYPED) * 2, target=2)
    ctx.measure("roster: filter as you type", scale, lambda: worker_tab.search.setText(next(typed_w)),
                lambda: (t := next(bare_w), run_bare(roster_filter, s=t, like=f"%{t}%")),
                repeat=len(WORKER_TYPED) * 2, target=2)
    grid_tab.search.clear()
    worker_tab.search.clear()
    print(f"    {len(grid_tab.model.rows)} grids and {len(worker_tab.model.rows)} active workers listed", flush=True)
    app.processEvents()
    bare.close()
    store.close()


def _captured(store, action) -> list[tuple[str, object]]:
    """Every statement the tab ran through the repositories while `action` ran, for the bare baseline."""
    seen: list[tuple[str, object]] = []
    real = store.query

    def spy(sql, params=()):
        seen.append((sql, params))
        return real(sql, params)

    store.query = spy
    try:
        action()
    finally:
        store.query = real
    return seen
