"""Pick a household (or one of its residents) by typing: name, pinyin initials, id tail, phone or address."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from villagedesk.services.register import households, search
from villagedesk.ui.widgets.pickers import search_edit

_ROLE = Qt.ItemDataRole.UserRole


MORE_WAYS = "也可输入身份证后四位、电话或地址"


class HouseholdPicker(QWidget):
    """A search box over a result list. Type, use the arrow keys, press Enter (or double-click) to pick.

    `picked(household_id)` is emitted for every pick; with residents=True the list shows people and
    `resident_picked(household_id, resident_id)` is emitted as well.
    """

    picked = Signal(str)
    resident_picked = Signal(str, str)

    def __init__(self, ctx, parent: QWidget | None = None, residents: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.residents = residents
        self.grid_id: str | None = None
        self.limit = 50
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # a short hint in the box (read whole at 26 pt); the other ways to search in the wrapping line under the list
        self.search_box = search_edit("姓名或拼音首字母（如 zs）")
        self.search_box.setToolTip(MORE_WAYS)
        self.results = QListWidget()
        self.results.setObjectName("picker-results")
        self.status = QLabel(MORE_WAYS)
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.search_box.textChanged.connect(self.refresh)
        self.search_box.returnPressed.connect(self.pick_current)
        self.results.itemActivated.connect(lambda _item: self.pick_current())
        self.results.itemDoubleClicked.connect(lambda _item: self.pick_current())
        self.search_box.installEventFilter(self)

    def set_grid(self, grid_id: str | None) -> None:
        """Only households of this grid (None: every grid)."""
        self.grid_id = grid_id
        self.refresh()

    def refresh(self) -> None:
        text = self.search_box.text()
        self.results.clear()
        if not text.strip():
            self.status.setText(MORE_WAYS)
            return
        hits = search.search(self.ctx.store, text, actor=self.ctx.actor, grid_id=self.grid_id, limit=self.limit)
        for label, household_id, resident_id in self._entries(hits):
            item = QListWidgetItem(label)
            item.setData(_ROLE, (household_id, resident_id))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
            self.status.setText(f"找到 {self.results.count()} 条，↑↓ 选择，回车确定")
        else:
            self.status.setText("没有找到，请换个写法试试（姓名、拼音首字母、身份证后四位、电话、地址）")

    def _entries(self, hits: list[search.SearchHit]) -> list[tuple[str, str, str | None]]:
        entries: list[tuple[str, str, str | None]] = []
        seen: set = set()
        for hit in hits:
            if self.residents:
                people = [(hit.resident_id, hit.name)] if hit.kind == "resident" else \
                    [(rid, name) for rid, name, _rel in households.members(self.ctx.store, hit.household_id)]
                for rid, name in people:
                    if rid not in seen:
                        seen.add(rid)
                        entries.append((f"{name} · {hit.address} · {hit.grid_name}"
                                        + (f" · 尾号 {hit.id_tail}" if hit.kind == "resident" and hit.id_tail else ""),
                                        hit.household_id, rid))
            elif hit.household_id not in seen:
                seen.add(hit.household_id)
                label = households.household_label(self.ctx.store, hit.household_id) + f" · {hit.grid_name}"
                if hit.kind == "resident" and not label.startswith(f"{hit.name}户"):
                    label += f"（成员：{hit.name}）"
                entries.append((label, hit.household_id, None))
        return entries

    def pick_current(self) -> None:
        item = self.results.currentItem() or (self.results.item(0) if self.results.count() else None)
        if item is None:
            return
        household_id, resident_id = item.data(_ROLE)
        if self.residents and resident_id:
            self.resident_picked.emit(household_id, resident_id)
        self.picked.emit(household_id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Up and Down in the search box move through the results without leaving the box."""
        if obj is self.search_box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
        return super().eventFilter(obj, event)
