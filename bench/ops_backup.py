"""Backup benchmarks: a backup (copy, integrity check, compression, hashes, fsync) vs a bare VACUUM INTO of the same
file; the GUI's event loop while a backup runs in the job runner."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time

from bench.harness import BenchContext


def run(ctx: BenchContext) -> None:
    for scale in ctx.dbs:
        db = ctx.copy(scale)  # one private copy per scale (4 GB at district), shared by both measurements
        backup_vs_vacuum_into(ctx, scale, db)
        responsiveness(ctx, scale, db)
        db.unlink()


def backup_vs_vacuum_into(ctx: BenchContext, scale: str, db) -> None:
    from villagedesk.services.backup import archive
    from villagedesk.store import open_store

    store = open_store(db)
    out = ctx.tmp / f"backups-{scale}"
    bare_target = ctx.tmp / f"bare-{scale}.db"

    def ours() -> None:
        archive.make_backup(store, out, reason="bench", made_by="bench")

    def bare() -> None:
        conn = sqlite3.connect(db)
        conn.execute("VACUUM INTO ?", (str(bare_target),))
        conn.close()

    def tidy() -> None:
        shutil.rmtree(out, ignore_errors=True)
        bare_target.unlink(missing_ok=True)

    ctx.measure("backup (copy+integrity_check+zstd+sha256) vs VACUUM INTO", scale, ours, bare, repeat=3,
                target=1.5, tidy=tidy)
    store.close()


def responsiveness(ctx: BenchContext, scale: str, db) -> None:
    """The longest the GUI thread waits for a 10 ms timer while a backup job runs, against an idle job."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from villagedesk.services.backup import automatic
    from villagedesk.store import open_store
    from villagedesk.ui.jobs import JobRunner

    app = QApplication.instance() or QApplication([])
    store = open_store(db)
    runner = JobRunner(store)
    out = ctx.tmp / f"responsive-{scale}"

    def stall(job_fn) -> float:
        gaps: list[float] = []
        last = [time.perf_counter()]
        done = threading.Event()

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        timer.start()
        handle = runner.start("bench", job_fn)
        handle.succeeded.connect(lambda _r: done.set())
        handle.failed.connect(lambda _e: done.set())
        while not done.is_set():
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        QCoreApplication.processEvents()
        shutil.rmtree(out, ignore_errors=True)
        return max(gaps) if gaps else 0.0

    def backup_job(s, job):
        return automatic.backup_now(s, "bench", "bench", where=out)

    def idle_job(s, job):
        time.sleep(1.0)

    ctx.measure_values("GUI timer's longest wait during a backup job (vs idle)", scale,
                       lambda: stall(backup_job), lambda: stall(idle_job), repeat=3)
    runner.wait_all()
    store.close()
