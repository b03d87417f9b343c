"""Qt's own zh_CN translations, so standard buttons read 确定/取消."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from villagedesk.resources import resources_dir


def install_chinese(app: QApplication) -> list[QTranslator]:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_zh_CN", qt_dir), ("qt_zh_CN", qt_dir),
                         ("villagedesk_zh_CN", str(resources_dir() / "translations"))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
