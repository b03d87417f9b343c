"""Report benchmarks: the year's report set written as one workbook against a bare write-only openpyxl loop of the
same cells (township scale), 首页's dashboard figures against hand-written GROUP BY queries (largest scale), and
首页's first paint with the dashboard against without it (its figures come later, from the job runner)."""

from __future__ import annotations

import sqlite3

from bench.harness import BenchContext


def run(ctx: BenchContext) -> None:
    if "township" in ctx.dbs:
        _report_set(ctx, "township")
    for scale in ("district", "township", "village"):
        if scale in ctx.dbs:
            path = ctx.copy(scale)  # one private copy (4 GB at district) for both
            _dashboard(ctx, scale, path)
            _first_paint(ctx, scale, path)
            path.unlink()
            break


def _report_set(ctx: BenchContext, scale: str) -> None:
    from openpyxl import Workbook

    from villagedesk.domain import clock
    from villagedesk.reports.excel import write_workbook
    from villagedesk.services.reports.building import build_set
    from villagedesk.store import open_store

    store = open_store(ctx.copy(scale))
    tables = build_set(store, str(clock.today().year))
    cells = sum(len(t.columns) * (len(t.rows) + 1) for t in tables)
    print(f"    报表全套 {len(tables)} 张，{sum(len(t.rows) for t in tables):,} 行，{cells:,} 个单元格", flush=True)
    out = ctx.tmp / "set.xlsx"
    # The bare loop writes the very cells the app's workbook holds (its 法定标识 block, codes, rows, totals,
    # notes and tail), read back once, as plain values: what is left is the styling and the merging.
    write_workbook(tables, out)
    from openpyxl import load_workbook

    book = load_workbook(out, read_only=True)
    sheets = [[list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets]
    book.close()
    print(f"    工作簿 {sum(len(r) for rows in sheets for r in rows):,} 个单元格位置", flush=True)

    def bare():
        wb = Workbook(write_only=True)
        for i, rows in enumerate(sheets):
            ws = wb.create_sheet(f"表{i + 1}")
            for row in rows:
                ws.append(row)
        wb.save(ctx.tmp / "bare.xlsx")

    ctx.measure("report set: the year's workbook (13 sheets)", scale, lambda: write_workbook(tables, out), bare,
                repeat=5, target=2.0)
    store.close()


def _dashboard(ctx: BenchContext, scale: str, path) -> None:
    from villagedesk.domain import clock
    from villagedesk.services.dashboard import dashboard
    from villagedesk.services.scope import resolve_scope
    from villagedesk.store import open_store

    store = open_store(path)
    scope = resolve_scope(store)
    year = clock.today().year
    bare_conn = sqlite3.connect(path)
    from villagedesk.domain.register.resident import PRESENT_STATUSES

    present = ", ".join(f"'{s}'" for s in PRESENT_STATUSES)
    ys, ye, today = f"{year}-01-01", f"{year + 1}-01-01", clock.today().isoformat()

    def bare():
        # every village of the database is in the scope here, so no village filter: the simplest correct SQL
        q = bare_conn.execute
        q("""SELECT substr(visited_at, 1, 7), count(*) FROM visits WHERE deleted_at IS NULL
             AND visited_at >= ? AND visited_at < ? GROUP BY 1""", (ys, ye)).fetchall()
        q("""SELECT substr(due_on, 1, 7), SUM(done_at IS NOT NULL AND substr(done_at, 1, 10) <= due_on),
                    SUM(done_at IS NOT NULL OR due_on < ?) FROM follow_ups WHERE deleted_at IS NULL
             AND due_on >= ? AND due_on < ? GROUP BY 1""", (today, ys, ye)).fetchall()
        q("""SELECT substr(found_on, 1, 7), count(*) FROM disputes WHERE deleted_at IS NULL
             AND found_on >= ? AND found_on < ? GROUP BY 1""", (ys, ye)).fetchall()
        q("""SELECT substr(closed_on, 1, 7), SUM(outcome = 'resolved_in_grid'), SUM(outcome != 'withdrawn')
             FROM disputes WHERE deleted_at IS NULL AND outcome IS NOT NULL AND closed_on >= ? AND closed_on < ?
             GROUP BY 1""", (ys, ye)).fetchall()
        q("""SELECT substr(e.at, 6, 2),
                    SUM(CASE WHEN e.kind = 'award' OR (e.kind = 'reversal' AND o.kind = 'award') THEN e.delta END),
                    SUM(CASE WHEN e.kind = 'redeem' OR (e.kind = 'reversal' AND o.kind = 'redeem') THEN -e.delta END)
             FROM point_entries e LEFT JOIN point_entries o ON o.id = e.reverses_id
             WHERE substr(e.at, 1, 4) = ? GROUP BY 1""", (str(year),)).fetchall()
        q(f"""SELECT h.grid_id, count(*), SUM(e.status = 'enrolled'), SUM(e.status = 'exempt')
             FROM households h JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL
                  AND r.residence_status IN ({present})
             LEFT JOIN insurance_enrolments e ON e.resident_id = r.id AND e.year = ? AND e.deleted_at IS NULL
             WHERE h.deleted_at IS NULL AND h.status = 'active' GROUP BY h.grid_id""", (year,)).fetchall()

    ctx.measure("首页 dashboard figures (job, off the GUI thread)", scale, lambda: dashboard(store, scope), bare,
                repeat=5, target=2.0)
    bare_conn.close()
    store.close()


def _first_paint(ctx: BenchContext, scale: str, path) -> None:
    """首页 shown on a threaded job runner, to its first paint: with the real dashboard against one whose figures
    are empty at once (the same page otherwise). Each run then waits for the charts' figures, timed apart."""
    import gc
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import time

    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from bench.harness import OFFICE_HEAD
    from villagedesk.domain import clock
    from villagedesk.services import dashboard as dashboard_service
    from villagedesk.store import open_store
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.pages.home.page import HomePage

    app = QApplication.instance() or QApplication([])
    store = open_store(path)
    real = dashboard_service.dashboard
    figures_s: list[float] = []

    def empty(_store, _scope, year=None):
        return dashboard_service.Dashboard(year or clock.today().year, (), (), True)

    class Paint(QObject):
        painted: float | None = None

        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and self.painted is None:
                self.painted = time.perf_counter()
            return False

    def to_first_paint(compute) -> float:
        dashboard_service.dashboard = compute
        try:
            runner = JobRunner(store)
            page = HomePage(AppContext(store, OFFICE_HEAD, runner))
            page.resize(1280, 800)
            paint = Paint()
            page.installEventFilter(paint)
            start = time.perf_counter()
            page.show()
            while paint.painted is None:
                app.processEvents()
            panel = page.dashboard  # built just after the paint; its figures arrive from a worker
            while panel.board is None:
                app.processEvents()
                time.sleep(0.001)
            if compute is real:
                figures_s.append(time.perf_counter() - start)
            runner.wait_all()
            app.processEvents()
            page.close()
            page.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the next run
            gc.collect()
            return paint.painted - start
        finally:
            dashboard_service.dashboard = real

    ctx.measure_values("首页 first paint: with the dashboard vs without", scale, lambda: to_first_paint(real),
                       lambda: to_first_paint(empty), repeat=7, target=1.2)
    figures_s.sort()
    print(f"{'':<50}the charts' figures on screen {figures_s[0] * 1000:.0f}–"
          f"{figures_s[len(figures_s) // 2] * 1000:.0f}–{figures_s[-1] * 1000:.0f} ms after show()", flush=True)
    store.close()
