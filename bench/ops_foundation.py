"""Foundation benchmarks: cold start to first paint vs a bare PySide6 window (from 首页 and from every page a clerk
can last have closed on); demo generation vs raw executemany."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import SCALES, BenchContext

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 800)
class Quit(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
f = Quit(); w.installEventFilter(f); w.show(); app.exec()
"""


def run(ctx: BenchContext) -> None:
    cold_start(ctx)
    demo_generation(ctx)


def cold_start(ctx: BenchContext, repeat: int = 5) -> None:
    # the demo's first user (no PIN) signs in as automation does, instead of the sign-in dialog
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VILLAGEDESK_QUIT_AFTER_PAINT": "1",
           "VILLAGEDESK_SETTINGS": str(ctx.tmp / "bench-settings.ini"), "VILLAGEDESK_USER": "演示管理员"}
    for scale in ctx.dbs:
        # Started as a clerk starts it, with no arguments: the database is found in the per-user
        # data folder, which XDG_DATA_HOME moves into the bench's temporary folder.
        scale_env = {**env, "XDG_DATA_HOME": str(ctx.tmp / f"data-{scale}")}
        ctx.copy(scale, to=_default_db_path(scale_env))
        # once, untimed: a copy is not the file this app closed, so its first open reads every page; the office's
        # own database was closed by the app the evening before
        _to_first_paint([sys.executable, "-m", "villagedesk"], scale_env)
        ctx.measure_values("cold start to first painted main window", scale,
                           lambda e=scale_env: _to_first_paint([sys.executable, "-m", "villagedesk"], e),
                           lambda: _to_first_paint([sys.executable, "-c", BARE_WINDOW], env),
                           repeat=repeat, target=1.5)
        # A clerk who closed the app on another page: the window opens remembering it (its settings file)
        for key in _pages_closed_on():
            ini = ctx.tmp / f"bench-settings-{scale}-{key}.ini"
            ini.write_text(f"[window]\nlast_page={key}\n", "utf-8")
            last_env = {**scale_env, "VILLAGEDESK_SETTINGS": str(ini)}
            ctx.measure_values(f"cold start, last closed on {key}", scale,
                               lambda e=last_env: _to_first_paint([sys.executable, "-m", "villagedesk"], e),
                               lambda: _to_first_paint([sys.executable, "-c", BARE_WINDOW], env),
                               repeat=repeat, target=1.5)


def demo_generation(ctx: BenchContext) -> None:
    for scale in ctx.dbs:
        households, villages = SCALES[scale]
        rows = _all_rows(ctx.dbs[scale])
        ctx.measure("demo generation (all modules)", scale,
                    lambda h=households, v=villages: _generate(ctx, h, v),
                    lambda rows=rows, scale=scale: _raw_executemany(ctx, scale, rows),
                    repeat=1 if scale == "district" else 3)


def _pages_closed_on() -> list[str]:
    """Every page of a village PC's navigation but 首页 (measured above)."""
    from villagedesk.ui.pages.registry import PAGES

    return [p.key for p in PAGES if p.key != "home"]


def _default_db_path(env: dict) -> Path:
    """Where the app run with `env` looks for its database (asked of the app's own code)."""
    code = "from villagedesk.store.location import default_db_path; print(default_db_path())"
    return Path(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                               text=True).stdout.strip())


def _to_first_paint(cmd: list[str], env: dict) -> float:
    """Seconds from launching the process to its first paint event (teardown not counted)."""
    start = time.time()
    # a wrong database would open the first-run dialog, which never quits by itself
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, timeout=120).stdout
    painted = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("FIRST_PAINT"))
    return painted - start


def _generate(ctx: BenchContext, households: int, villages: int) -> None:
    from villagedesk.domain.actor import SYSTEM
    from villagedesk.services.demo import generate_demo
    from villagedesk.store import open_store

    path = ctx.tmp / f"gen-{len(list(ctx.tmp.iterdir()))}.db"
    store = open_store(path, create=True)
    generate_demo(store, SYSTEM, households=households, villages=villages)
    store.close()


def _all_rows(path) -> dict[str, tuple[str, list[tuple]]]:
    """Every synced table's DDL and rows, loaded before timing starts."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM synced_tables")]
    out = {}
    for t in tables:
        ddl = conn.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (t,)).fetchone()[0]
        out[t] = (ddl, conn.execute(f"SELECT * FROM {t}").fetchall())
    conn.close()
    return out


def _raw_executemany(ctx: BenchContext, scale: str, rows: dict) -> None:
    path = ctx.tmp / f"raw-{scale}-{len(list(ctx.tmp.iterdir()))}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("BEGIN")
    for ddl, _ in rows.values():
        conn.execute(ddl)
    conn.execute("PRAGMA foreign_keys=OFF")
    for table, (_ddl, data) in rows.items():
        if data:
            marks = ",".join("?" * len(data[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
    conn.execute("COMMIT")
    conn.close()
