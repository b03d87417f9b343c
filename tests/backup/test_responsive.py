"""pytest-qt: while a backup runs in the job runner the window keeps handling the clerk's keys (no timing: the
backup is held inside its integrity check until the GUI thread has answered)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from villagedesk.services.backup import automatic, catalog
from villagedesk.store import snapshot
from villagedesk.ui.backup import menu as backup_menu
from villagedesk.ui.jobs import JobRunner


def test_the_window_answers_the_keyboard_while_a_backup_job_runs(make_window, small_store, monkeypatch, qtbot):
    window = make_window(small_store)
    window.ctx.jobs = JobRunner(small_store)  # threaded, as the app runs it (the fixture's runner is inline)
    inside, answered = threading.Event(), threading.Event()
    check = snapshot.integrity_problems

    def held_check(path, **how):
        inside.set()
        if not answered.wait(30):  # the GUI thread never got to answer: it was busy with the backup itself
            raise RuntimeError("the event loop did not run while the backup was being made")
        return check(path, **how)

    monkeypatch.setattr(snapshot, "integrity_problems", held_check)
    assert window.current_key() == "home"
    backup_menu.hourly_backup(window)  # the automatic backup, in the job runner
    qtbot.waitUntil(inside.is_set, timeout=30_000)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 转到 the second page
    assert window.current_key() != "home"
    assert window.stack.currentWidget().isVisible()
    assert not catalog.list_backups(automatic.folder())  # the backup is still being made meanwhile
    answered.set()
    qtbot.waitUntil(lambda: len(catalog.list_backups(automatic.folder())) == 1, timeout=60_000)
    window.ctx.jobs.wait_all()
    [made] = catalog.list_backups(automatic.folder())
    assert catalog.verify(made.path)
    assert "自动备份未完成" not in window.statusBar().currentMessage()
