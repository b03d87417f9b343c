"""Which database file the app opens: remembered between starts, 文件 › 新建本村 and 文件 › 切换数据库."""

from __future__ import annotations

from pathlib import Path

from villagedesk.services import databases
from villagedesk.ui import messages
from villagedesk.ui.settings_store import app_settings

KEY = "database/path"


def remembered_database() -> Path | None:
    """The file the app last opened its main window on (None: never, or that file is gone)."""
    value = app_settings().value(KEY)
    path = Path(str(value)) if value else None
    return path if path is not None and path.exists() else None


def remember_database(path: Path) -> None:
    settings = app_settings()
    settings.setValue(KEY, str(Path(path).resolve()))
    settings.sync()


def add_actions(window) -> None:
    """The 文件 menu's first two actions (the window is built again on the chosen file)."""
    from PySide6.QtGui import QAction

    window.database_actions = {}
    for key, text, slot in (("new", "新建本村…", lambda: new_village(window)),
                            ("switch", "切换数据库…", lambda: switch_database(window))):
        action = QAction(text, window)
        action.setObjectName(f"action-database-{key}")
        action.triggered.connect(slot)
        window.file_menu.addAction(action)
        window.database_actions[key] = action
    window.file_menu.addSeparator()


def new_village(window) -> bool:
    """Leave the demo (or this village) for a new, empty file in the data folder and fill in its first-run form;
    the file left stays as it is, to come back to with 切换数据库. False when the clerk thinks better of it."""
    current = Path(window.ctx.store.path)
    path = databases.new_village_path()
    what = "演示村" if window.is_demo else "当前数据库"
    if not messages.confirm(window, "新建本村", f"新建本村的数据库文件：\n{path}\n\n关闭{what}后填写本村信息。"
                                              f"{what}（{current.name}）保留不动，可随时用 文件 › 切换数据库 回来。"):
        return False
    window.open_database(path)
    return True


def switch_database(window, chosen: Path | None = None) -> bool:
    """Another village database (a file this app made): checked before the window leaves the one open."""
    if chosen is None:
        from PySide6.QtWidgets import QFileDialog

        name, _kind = QFileDialog.getOpenFileName(window, "切换数据库", str(databases.data_folder()),
                                                  "村务台数据库 (*.db);;所有文件 (*)")
        if not name:
            return False
        chosen = Path(name)
    if chosen.resolve() == Path(window.ctx.store.path).resolve():
        messages.info(window, "切换数据库", f"“{chosen.name}”就是现在打开的数据库。")
        return False
    problem = databases.refusal(chosen)
    if problem:
        messages.warn(window, "切换数据库", problem)
        return False
    window.open_database(chosen)
    return True
