"""首页's to-do list: overdue follow-ups, open disputes by age, notices not fully covered, open emergencies — each opens its record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.services.field_work import todo
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead

_ITEM = Qt.ItemDataRole.UserRole


class TodoPanel(QFrame):
    SHOWS = {Kind.VISITS, Kind.FOLLOW_UPS, Kind.DISPUTES, Kind.NOTICES, Kind.EMERGENCIES, Kind.HOUSEHOLDS,
             Kind.RESIDENTS, Kind.GRIDS, Kind.WORKERS, Kind.ASSIGNMENTS, Kind.SETTINGS}  # redrawn by 首页

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todo-panel")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        self.heading = QLabel("待办事项")
        self.heading.setObjectName("todo-heading")
        self.heading.setProperty("role", "figure-label")
        hint = QLabel("双击（或选中后按回车）打开对应记录。")
        hint.setProperty("role", "hint")
        self.tree = QTreeWidget()
        self.tree.setObjectName("todo-tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["事项", "情况"])
        self.tree.setColumnWidth(0, 360)
        self.tree.setRootIsDecorated(True)
        self.tree.setMinimumHeight(260)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(self._activated)
        # The list reads five ledgers (a tenth of a second at district scale): off the GUI thread,
        # so saving a record elsewhere never stalls the window while 首页 catches up.
        self.reader = LatestRead(ctx.jobs, "读取待办事项", lambda store: todo.todo_list(store, scope=ctx.scope, actor=ctx.actor),
                                 self._fill, self)
        self.refresh()

    def refresh(self) -> None:
        self.reader.request()

    def _fill(self, items: todo.TodoList) -> None:
        self.tree.clear()
        for kind, title in todo.GROUPS.items():
            group = QTreeWidgetItem([f"{title}（{items.count(kind)}）", ""])
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(group)
            for it in items.items[kind]:
                child = QTreeWidgetItem([it.title, it.detail])
                child.setData(0, _ITEM, it)
                child.setToolTip(1, it.detail)
                group.addChild(child)
            group.setExpanded(bool(items.items[kind]))
        self.heading.setText(f"待办事项（{items.total} 项）" if items.total else "待办事项：暂无，工作都已办好")

    def group(self, kind: str) -> QTreeWidgetItem:
        return self.tree.topLevelItem(list(todo.GROUPS).index(kind))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        it = item.data(0, _ITEM)
        if it is not None:
            self.open_item(it)

    def open_item(self, it: todo.TodoItem) -> None:
        window = self.window()
        if hasattr(window, "show_page"):
            page = window.show_page(it.page)
            page.open_record(it.kind, it.record_id)
