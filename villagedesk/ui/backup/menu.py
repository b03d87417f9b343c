"""The 文件 menu's backup actions, the hourly automatic backup while the app is open, and reopening after a restore."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from villagedesk.services.backup import automatic, manual, restore
from villagedesk.ui import messages

HOURLY_MS = 60 * 60 * 1000


def add_actions(window) -> None:
    """Called once after the first paint: the 文件 menu's actions and the hourly timer."""
    from PySide6.QtGui import QAction

    from villagedesk.domain.permissions import Action

    menu = window.file_menu
    window.backup_actions = {}
    for text, slot, allowed in (("立即备份", lambda: backup_now(window), Action.BACKUP),
                                ("备份到U盘…", lambda: open_usb_backup(window), Action.BACKUP),
                                ("从备份恢复…", lambda: open_restore(window), Action.RESTORE)):
        action = QAction(text, window)
        action.triggered.connect(slot)
        menu.addAction(action)
        window.backup_actions[text.rstrip("…")] = (action, allowed)
    menu.setToolTipsVisible(True)
    window.ctx.events.signed_in.connect(lambda _actor: ask_policy(window))
    ask_policy(window)
    menu.addSeparator()
    quit_action = QAction("退出", window)
    quit_action.triggered.connect(window.close)
    menu.addAction(quit_action)
    window.backup_timer = QTimer(window)
    window.backup_timer.setInterval(HOURLY_MS)
    window.backup_timer.timeout.connect(lambda: hourly_backup(window))
    window.backup_timer.start()


def ask_policy(window) -> None:
    """The menu's backup actions, like buttons, are disabled with the policy's reason for a role that may not."""
    from villagedesk.domain import permissions

    for action, allowed in window.backup_actions.values():
        why = permissions.refusal(window.ctx.actor, allowed)
        action.setEnabled(why is None)
        action.setToolTip(why or action.text())


def hourly_backup(window) -> None:
    """At most once an hour while the app is open, and only when something changed: in the job runner."""
    ctx = window.ctx
    ctx.jobs.start("自动备份", lambda store, job: automatic.backup_if_changed(
        store, "定时自动备份", ctx.actor.name, at_most_hourly=True), on_error=lambda exc: window.statusBar()
        .showMessage(f"自动备份未完成：{exc}", 10_000))


def backup_now(window) -> None:
    ctx = window.ctx

    def done(b) -> None:
        window.statusBar().showMessage(f"已备份：{b.path}", 10_000)
        messages.info(window, "立即备份", f"已备份到本机：\n{b.path}")

    ctx.jobs.start("立即备份", lambda store, job: manual.backup(store, ctx.actor),
                   on_done=done, parent_widget=window)


def open_usb_backup(window, drives=None):
    from villagedesk.ui.backup.usb_dialog import UsbBackupDialog

    kwargs = {"drives": drives} if drives is not None else {}
    window.backup_dialog = UsbBackupDialog(window.ctx, window, **kwargs)
    window.backup_dialog.open()
    return window.backup_dialog


def open_restore(window, folder=None):
    from villagedesk.ui.backup.restore_dialog import RestoreDialog

    window.restore_dialog = RestoreDialog(window.ctx, lambda done: reload_store(window, done), window, folder)
    window.restore_dialog.open()
    return window.restore_dialog


def reload_store(window, done) -> None:
    """After a restore the window shows the restored database: every page is built again on it."""
    ctx = window.ctx
    ctx.store = done.store if done is not None else restore.reopened(ctx.store)
    from villagedesk.ui.main_window import WINDOW_LOCK_WAIT_MS

    ctx.store.wait_for_lock_at_most(WINDOW_LOCK_WAIT_MS)
    ctx.jobs.store = ctx.store
    for page in list(window.pages.values()):
        window.stack.removeWidget(page)
        page.deleteLater()
    window.pages.clear()
    window._show_row(window.nav.currentRow())  # the same page, built again on the restored database
    window.statusBar().showMessage(f"数据库：{ctx.store.path}")


def backup_on_close(store, actor_name: str) -> None:
    """The session's backup when the app closes, if anything changed; a failure never blocks closing."""
    try:
        automatic.backup_if_changed(store, "关闭时自动备份", actor_name)
    except Exception as exc:  # noqa: BLE001 (closing must go on; the next start backs up again)
        print(f"关闭时自动备份未完成：{exc}")
