"""The main window: a left navigation of modules, pages built on first visit, remembered geometry."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import APP_NAME, __version__
from villagedesk.services import village
from villagedesk.ui import fonts, messages, screen_fit
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.registry import SCOPED_PAGE_KEYS, pages_for
from villagedesk.ui.settings_store import app_settings
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.nav_list import NavList

# A save from the window waits this long for a writer outside it (an import, a sync, the CLI), then says in
# Chinese that nothing was saved and who holds the database, the form keeping what was typed, to be saved again.
# Jobs on their own threads keep the store's longer wait.
WINDOW_LOCK_WAIT_MS = 1500
NOTHING_TO_PRINT = "本页没有整页打印；请用本页表格旁的打印或导出按钮。"


class MainWindow(QMainWindow):
    first_painted = Signal()  # just after the window first paints: the moment for deferred start-up work
    START_ANYWAY_MS = 2000  # ... or this long after it is shown, if it has not painted by then

    def __init__(self, ctx: AppContext, font_family: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.store.wait_for_lock_at_most(WINDOW_LOCK_WAIT_MS)
        self.font_family = font_family
        self.settings = app_settings()
        self.pages: dict[str, QWidget] = {}
        self.page_list = pages_for(ctx.node_role)  # a township's navigation differs from a village's
        v = village.home_village(ctx.store)
        self.is_demo = village.is_demo(ctx.store)
        self.reopen_path: Path | None = None  # 新建本村 / 切换数据库: the file the app opens next, once this closes
        # A township-style file shows every village of its scope, so the title names them all.
        demo = "（演示村：练习用数据，文件 › 新建本村 开始使用本村数据）" if self.is_demo else ""
        self.setWindowTitle(f"{APP_NAME} — {self._place(v, ' ')}{demo}" if v
                            else f"{APP_NAME} — {self._township_place()}")
        self.setMinimumSize(780, 560)
        screen_fit.install(QApplication.instance())

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.nav = NavList()
        self.nav.setObjectName("nav")
        for spec in self.page_list:
            self.nav.addItem(QListWidgetItem(spec.title))
        self.nav.fit_width()
        self.stack = QStackedWidget()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self._topbar(v))
        # at large text a page wider or taller than the window scrolls instead of squeezing its labels
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("page-scroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setWidget(self.stack)
        right.addWidget(self.page_scroll, 1)
        outer.addWidget(self.nav)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"数据库：{ctx.store.path}")
        self.file_menu = self.menuBar().addMenu("文件(&F)")
        self.view_menu = self.menuBar().addMenu("视图(&V)")
        self.help_menu = self.menuBar().addMenu("帮助(&H)")
        self._painted = self._started = False
        self.deferred_page: str | None = None  # the last page, built after the first paint
        self.opening: QLabel | None = None  # what stands in its place until then
        self.sign_in_dialog = self.idle = None
        self.print_action = None

        self.nav.currentRowChanged.connect(self._show_row)
        self._restore()

    def _place(self, v, sep: str) -> str:
        """The township and the village, or every village of a township-style file's scope."""
        return f"{v.township_name}{sep}{v.name if self.ctx.scope.single else self.ctx.scope.label()}"

    def _township_place(self) -> str:
        """A township node: the township and its villages whose packages have come in."""
        from villagedesk.services.township.node import home_township

        t = home_township(self.ctx.store)
        if t is None and self.ctx.node_role == "district":
            from villagedesk.services.district.node import home_district

            d = home_district(self.ctx.store)
            return f"{d.name}（区县）· 各乡镇的区县汇总包" if d else ""
        if t is None:
            return ""
        held = self.ctx.full_scope.label() or "尚未导入任何村的同步包"
        return f"{t.name}（乡镇）· {held}"

    def _topbar(self, v) -> QWidget:
        bar = QWidget()
        bar.setObjectName("topbar")
        # at 26 pt on a narrow window the user goes under the place, which wraps; the user's name and role
        # stay on one line (wrapping split 书记/主任 in the middle of a word)
        row = FlowLayout(bar, spacing=12)
        row.setContentsMargins(20, 8, 20, 8)
        self.place_label = QLabel((self._place(v, " · ") + ("（演示村）" if self.is_demo else "")) if v
                                  else self._township_place())
        self.place_label.setWordWrap(True)
        self.user_label = QLabel(self._user_text())
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.user_label.setObjectName("current-user")
        row.addWidget(self.place_label, 1)
        if self.ctx.node_role == "township":
            self.viewing_box = self._viewing_box()
            self._fill_viewing()
            row.addWidget(self.viewing_box)
        row.addWidget(self.user_label, 1)
        return bar

    # -- at a township: which village the village pages show --
    def _viewing_box(self) -> QWidget:
        from PySide6.QtWidgets import QComboBox, QHBoxLayout

        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel("各村页面显示(&C)：")
        self.viewing_combo = QComboBox()
        self.viewing_combo.setObjectName("viewing-village")
        self.viewing_combo.setToolTip("网格、农户、走访、纠纷和突发事件各页显示全部村，或只显示所选的一个村（只读）")
        label.setBuddy(self.viewing_combo)
        line.addWidget(label)
        line.addWidget(self.viewing_combo)
        self.viewing_combo.activated.connect(lambda _i: self.view_village(self.viewing_combo.currentData()))
        self.ctx.events.changed.connect(self._villages_changed)  # after the context's own slot has read them again
        return box

    def _villages_changed(self, _changes) -> None:
        """A village's first package came in: the picker lists it, and the village pages built are built again
        (their filters hold the villages they were built for)."""
        if self.ctx.full_scope.codes == self.listed_codes:
            return
        self._fill_viewing()
        self._rebuild_scoped_pages()

    def _fill_viewing(self) -> None:
        full = self.ctx.full_scope
        self.listed_codes = full.codes
        self.viewing_combo.blockSignals(True)
        self.viewing_combo.clear()
        self.viewing_combo.addItem(f"全部村（{len(full.villages)} 个）", None)
        for v in full.villages:
            self.viewing_combo.addItem(f"{v.name}（{v.code}）", v.code)
        self.viewing_combo.setCurrentIndex(max(0, self.viewing_combo.findData(self.ctx.viewing)))
        self.viewing_combo.blockSignals(False)
        self.place_label.setText(self._township_place())
        self.viewing_box.setVisible(len(full.villages) > 1)

    def _rebuild_scoped_pages(self) -> None:
        current = self.current_key()
        for key in [k for k in self.pages if k in SCOPED_PAGE_KEYS]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        if current in SCOPED_PAGE_KEYS:
            self._show_row(self.nav.currentRow())

    def view_village(self, code: str | None) -> None:
        """The village pages show one village (its division code) or all; those built are built again for it."""
        if code == self.ctx.viewing:
            return
        self.ctx.view_village(code)
        self.viewing_combo.setCurrentIndex(max(0, self.viewing_combo.findData(self.ctx.viewing)))
        self._rebuild_scoped_pages()
        shown = self.ctx.scope.label() if self.ctx.viewing else "全部村"
        self.statusBar().showMessage(f"各村页面现显示：{shown}", 5000)

    def _user_text(self) -> str:
        from villagedesk.domain.permissions import role_label
        from villagedesk.services import sign_in

        a = self.ctx.actor
        role = role_label(a.role, self.ctx.node_role)
        alone = "单人办公（未设登录）：" if sign_in.pin_off(self.ctx.store) else "使用人："
        return f"{alone}{a.name}（{role}）"

    # -- who is at the desk --
    def switch_user(self, actor) -> None:
        """Another user signed in (切换用户, or unlocking as someone else): every gated button asks again."""
        from villagedesk.services import sign_in

        if actor.user_id != self.ctx.actor.user_id:
            sign_in.sign_out(self.ctx.store, self.ctx.actor)
        self.ctx.actor = actor
        self.user_label.setText(self._user_text())
        self.ctx.events.signed_in.emit(actor)
        from villagedesk.domain.changes import EVERYTHING

        self.ctx.events.publish(EVERYTHING)  # a worker sees fewer households than a clerk: every page reloads

    def ask_user(self, locked: bool = False):
        """The sign-in dialog over the window; the window's contents are hidden while it is a lock."""
        from villagedesk.ui.sign_in import SignInDialog

        central = self.centralWidget()
        if locked:
            central.hide()
        try:
            dialog = SignInDialog(self.ctx.store, self, "已锁定：请重新登录" if locked else "切换用户",
                                  self.ctx.actor, locked=locked)
            self.sign_in_dialog = dialog
            accepted = dialog.exec()
        finally:
            self.sign_in_dialog = None
        if accepted and dialog.actor is not None:
            self.switch_user(dialog.actor)
            central.show()
        elif locked and dialog.quit_requested:
            self.close()
        else:
            central.show()
        return dialog.actor

    def lock(self) -> None:
        self.ask_user(locked=True)

    # The menus' titles show at once; their actions (QAction and QKeySequence cost a few
    # milliseconds to set up) are added just after the first paint.
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # a window opened on another desktop, or covered, may not paint for a while: start anyway
        QTimer.singleShot(self.START_ANYWAY_MS, self._after_first_paint)

    @property
    def started(self) -> bool:
        """The deferred start-up work (menus' actions and shortcuts, 首页's counts) has run."""
        return self._started

    def _after_first_paint(self) -> None:
        if self._started:
            return
        self._started = True
        self._add_actions()
        self._open_deferred_page()
        self.first_painted.emit()

    def _add_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        switch = QAction("切换用户…", self)
        switch.setShortcut(QKeySequence("Ctrl+Shift+U"))
        switch.triggered.connect(lambda: self.ask_user())
        lock = QAction("锁定", self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        self.switch_action, self.lock_action = switch, lock
        for action in (switch, lock):
            self.file_menu.addAction(action)
            self.addAction(action)
        self._watch_idle()
        view = self.view_menu
        for text, keys, delta in (("字号变大", [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")], 1),
                                  ("字号变小", [QKeySequence.StandardKey.ZoomOut], -1),
                                  ("恢复默认字号", [QKeySequence("Ctrl+0")], 0)):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.triggered.connect(lambda _=False, d=delta: self.zoom(d))
            view.addAction(action)
            self.addAction(action)  # shortcut works even while the menu bar is hidden or unfocused
        self._add_page_keys()
        from villagedesk.ui import databases
        from villagedesk.ui.backup import menu as backup_menu

        printing = QAction("打印…", self)
        printing.setObjectName("action-print")
        printing.setShortcut(QKeySequence.StandardKey.Print)
        printing.triggered.connect(self.print_page)
        self.file_menu.addAction(printing)
        self.addAction(printing)
        self.print_action = printing
        self._offer_print()
        databases.add_actions(self)

        backup_menu.add_actions(self)
        help_menu = self.help_menu
        manual = QAction("使用说明", self)
        manual.setObjectName("action-manual")
        manual.setShortcut(QKeySequence.StandardKey.HelpContents)
        manual.triggered.connect(self.show_manual)
        help_menu.addAction(manual)
        self.addAction(manual)
        about = QAction("关于村务台", self)
        about.triggered.connect(lambda: messages.info(self, "关于村务台",
                                             f"{APP_NAME} {__version__}\n村级微网格治理桌面程序，完全离线工作。"))
        help_menu.addAction(about)
        diagnostics = QAction("诊断信息", self)
        diagnostics.setObjectName("action-diagnostics")
        diagnostics.triggered.connect(self.show_diagnostics)
        help_menu.addAction(diagnostics)

    def _add_page_keys(self) -> None:
        """Ctrl+1 … Ctrl+9 open the navigation's first nine pages; Ctrl+F goes to the shown page's search box."""
        from PySide6.QtGui import QAction, QKeySequence
        from PySide6.QtWidgets import QMenu

        go = QMenu("转到(&G)", self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), go)
        self.go_menu = go
        for row, spec in enumerate(self.page_list[:9]):
            action = QAction(spec.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, k=spec.key: self.show_page(k))
            go.addAction(action)
            self.addAction(action)
            self.nav.item(row).setToolTip(f"Ctrl+{row + 1}")
        find = QAction("查找", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        go.addSeparator()
        go.addAction(find)
        self.addAction(find)
        # as between a workbook's sheets in Excel: wherever the focus is, the page's tabs go round
        for text, key, step in (("下一个标签页", "Ctrl+PgDown", 1), ("上一个标签页", "Ctrl+PgUp", -1)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, s=step: self.turn_tab(s))
            go.addAction(action)
            self.addAction(action)

    def show_tab(self, text: str) -> bool:
        """The shown page's tab whose text (without its accelerator) is `text`; False when there is none."""
        from PySide6.QtWidgets import QTabWidget

        page = self.stack.currentWidget()
        for tabs in page.findChildren(QTabWidget) if page is not None else []:
            for i in range(tabs.count()):
                if tabs.tabText(i).split("(&")[0] == text:
                    tabs.setCurrentIndex(i)
                    return True
        return False

    def turn_tab(self, step: int) -> bool:
        """The shown page's own tabs (not a tab inside a tab) move on by `step`, and the focus goes to the new
        tab's first field or list; False when the page has no tabs."""
        from PySide6.QtWidgets import QTabWidget

        page = self.stack.currentWidget()
        tabs = next((t for t in page.findChildren(QTabWidget) if t.isVisible()), None) if page is not None else None
        if tabs is None or tabs.count() < 2:
            return False
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
        shown = tabs.currentWidget()
        widget = shown.nextInFocusChain()
        while widget is not shown and shown.isAncestorOf(widget):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                break
            widget = widget.nextInFocusChain()
        return True

    def focus_search(self) -> bool:
        """The first search box showing on the current page takes the focus, its text selected; False if none."""
        from PySide6.QtWidgets import QLineEdit

        page = self.stack.currentWidget()
        for edit in page.findChildren(QLineEdit) if page is not None else []:
            if edit.property("search") and edit.isVisible() and edit.isEnabled():
                edit.setFocus()
                edit.selectAll()
                return True
        self.statusBar().showMessage("本页没有查找框", 3000)
        return False

    def print_page(self) -> bool:
        """文件 › 打印 (Ctrl+P): the shown page's own print of what it shows (its ledger, notice, statement…)."""
        page = self.stack.currentWidget()
        prints = getattr(page, "print_page", None)
        if prints is None:
            self.statusBar().showMessage(NOTHING_TO_PRINT, 5000)
            return False
        prints()
        return True

    def _offer_print(self) -> None:
        """打印 is enabled on a page that prints, else disabled with the reason as its tooltip."""
        action = getattr(self, "print_action", None)
        if action is not None:
            can = hasattr(self.stack.currentWidget(), "print_page")
            action.setEnabled(can)
            action.setToolTip("打印本页（存为 PDF 后打印）" if can else NOTHING_TO_PRINT)

    def show_manual(self):
        from villagedesk.ui.manual_dialog import ManualDialog

        self.manual_dialog = ManualDialog(self)
        self.manual_dialog.open()
        return self.manual_dialog

    def show_diagnostics(self) -> None:
        from villagedesk.ui.diagnostics_dialog import DiagnosticsDialog

        DiagnosticsDialog(self).open()

    def _watch_idle(self) -> None:
        from villagedesk.services import sign_in
        from villagedesk.ui.idle import IdleWatcher

        minutes = 0 if sign_in.pin_off(self.ctx.store) else sign_in.idle_minutes(self.ctx.store)
        self.idle = IdleWatcher(minutes, self.lock, self)

    # -- pages --
    def page_spec(self, key: str):
        """The navigation entry of `key` on this node (None: no such page here)."""
        return next((p for p in self.page_list if p.key == key), None)

    def show_page(self, key: str) -> QWidget:
        spec = self.page_spec(key)
        if spec is None:
            raise KeyError(key)
        row = list(self.page_list).index(spec)
        self.nav.setCurrentRow(row)
        if key not in self.pages:  # its row was already current, waiting to be built after the first paint
            self._show_row(row)
        return self.pages[key]

    def current_key(self) -> str:
        return self.page_list[self.nav.currentRow()].key

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.page_list[row]
        if spec.key not in self.pages:
            page = spec.factory(self.ctx)
            page.setObjectName(f"page-{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
        page = self.pages[spec.key]
        self.stack.setCurrentWidget(page)
        self.settings.setValue("window/last_page", spec.key)
        self._offer_print()

    # -- text size --
    def zoom(self, delta: int) -> int:
        current = int(self.settings.value("window/point_size", fonts.DEFAULT_POINT_SIZE))
        wanted = fonts.DEFAULT_POINT_SIZE if delta == 0 else current + delta
        size = fonts.apply_text_size(QApplication.instance(), self.font_family, wanted)
        self.settings.setValue("window/point_size", size)
        self.statusBar().showMessage(f"字号：{size} 磅", 3000)
        return size

    # -- remembered state --
    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            area = screen_fit.available_area(self)
            if self.width() > area.width() or self.height() > area.height() or not area.intersects(self.geometry()):
                screen_fit.fit(self)  # remembered on a larger screen, or on one no longer there
        else:
            screen_fit.fit(self, 1280, 800)
        last = str(self.settings.value("window/last_page", "home"))
        spec = self.page_spec(last)
        if spec is None or spec is self.page_list[0]:
            self.show_page(self.page_list[0].key)
            return
        # A clerk who closed the app on a list page sees the window at once: the page is built just after the
        # first paint (issue 19), a line saying which page is opening stands in its place until then.
        self.deferred_page = spec.key
        self.opening = QLabel(f"正在打开“{spec.title}”…")
        self.opening.setObjectName("page-opening")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening)
        self.stack.setCurrentWidget(self.opening)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(list(self.page_list).index(spec))
        self.nav.blockSignals(False)

    def _open_deferred_page(self) -> None:
        key, holder, self.deferred_page, self.opening = self.deferred_page, self.opening, None, None
        if key is None:
            return
        if self.current_key() == key:  # not left for another page before the first paint
            self._show_row(self.nav.currentRow())
        self.stack.removeWidget(holder)
        holder.setParent(None)
        holder.deleteLater()

    def open_database(self, path: Path) -> None:
        """Close this window; the app then opens `path` (its sign-in, or its first-run form when it is new)."""
        self.reopen_path = Path(path)
        self.close()

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)


class QuitAfterFirstPaint(QObject):
    """For the cold-start benchmark: print the wall time of the first paint, then quit."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            obj.removeEventFilter(self)
        return False
