"""The Qt half of `villagedesk --healthcheck`: font, translations and the main window drawn offscreen."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from villagedesk.resources import font_path
from villagedesk.ui.context import AppContext


def qt_versions() -> str:
    return f"Qt {qVersion()}（PySide6 {pyside_version}）"


def font_problem(family: str) -> str | None:
    if not font_path().is_file():
        return f"找不到随程序附带的字体文件：{font_path()}"
    # Asked of the file itself: a system-wide copy of the same family must not hide a broken bundle.
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id < 0 or family not in QFontDatabase.applicationFontFamilies(font_id):
        return f"字体文件 {font_path()} 无法加载（Qt 读不出“{family}”字体）。"
    return None


def translated_cancel() -> str:
    """Qt's own dialogs must read 取消, not Cancel: that is what the zh_CN catalogue is for."""
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def translation_problem() -> str | None:
    cancel = translated_cancel()
    return None if cancel == "取消" else f"Qt 的中文翻译（qtbase_zh_CN.qm）没有加载：按钮仍显示“{cancel}”。"


def render_main_window(ctx: AppContext, family: str) -> tuple[int, int, int]:
    """Build the window as the app does, draw its home page; returns width, height and distinct colours."""
    from villagedesk.ui.main_window import MainWindow

    window = MainWindow(ctx, family)
    window.resize(1280, 800)
    window.show_page("home")
    window.show()
    for _ in range(3):
        for _ in range(3):
            QApplication.processEvents()
        ctx.jobs.wait_all(60)
    image = window.grab().toImage()
    window.close()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    return image.width(), image.height(), len(colours)
