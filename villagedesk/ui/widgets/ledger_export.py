"""A page's 导出台账 button: ask where to save, write the ledger in the job runner, say where it went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from villagedesk.ui import messages
from villagedesk.ui.widgets.field_forms import ask_save_path


def export_ledger_file(page: QWidget, ctx, title: str, stem: str, fmt: str,
                       write: Callable[..., Path]) -> None:
    """`write(store, actor, path, job)` makes the file; `title` names the ledger (纠纷台账), `stem` the file."""
    kind = "Excel 文件 (*.xlsx)" if fmt == "xlsx" else "PDF 文件 (*.pdf)"
    path = ask_save_path(page, f"导出{title}", f"{stem}.{fmt}", kind)
    if path is None:
        return
    actor = ctx.actor
    ctx.jobs.start(f"导出{title}", lambda store, job: write(store, actor, path, job),
                   on_done=lambda p: messages.info(page, title, f"已导出：{p}"), parent_widget=page)
