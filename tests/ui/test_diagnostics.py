"""A failing job shows Chinese, never a traceback; 帮助 › 诊断信息 shows the log and exports it."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QPlainTextEdit

from villagedesk.services import diagnostics
from villagedesk.ui.diagnostics_dialog import DiagnosticsDialog


def test_a_job_that_hits_a_full_disk_says_so_and_logs_the_details(store, make_window, messages, qtbot, tmp_path):
    window = make_window(store)

    def fails(_store, _job):
        raise sqlite3.OperationalError("database or disk is full")

    window.ctx.jobs.start("保存", fails)
    title, text = messages[-1]
    assert "磁盘空间已满" in text and "Traceback" not in text and "OperationalError" not in text
    assert "database or disk is full" in diagnostics.log_path().read_text("utf-8")

    action = next(a for a in window.help_menu.actions() if a.text() == "诊断信息")
    action.trigger()
    dialog = window.findChild(DiagnosticsDialog)
    qtbot.addWidget(dialog)
    assert "database or disk is full" in dialog.findChild(QPlainTextEdit).toPlainText()
    dest = tmp_path / "导出.txt"
    dialog.export_to(str(dest))
    assert "Traceback" in dest.read_text("utf-8") and messages[-1][0] == "已导出"
