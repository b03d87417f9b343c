"""首页: who we are (village, township) and how big (grids, households, residents)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from villagedesk.domain import clock
from villagedesk.domain.changes import Kind
from villagedesk.services import village
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.cards import FigureCard, card_row
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.labels import role_label

_WEEKDAYS = "一二三四五六日"


class HomePage(QWidget):
    SHOWS = {"place": {Kind.VILLAGES, Kind.SETTINGS}, "counts": {Kind.GRIDS, Kind.HOUSEHOLDS, Kind.RESIDENTS}}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(18)
        head = FlowLayout()  # the date goes under the title when the text is large
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.today = QLabel()
        self.today.setProperty("role", "hint")
        head.addWidget(self.title, 1)
        head.addWidget(self.today)
        layout.addLayout(head)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)
        from villagedesk.ui.backup.panels import BackupReminder

        self.backup_reminder = BackupReminder(ctx)
        layout.addWidget(self.backup_reminder)

        # Below the heading everything scrolls: at large text on a laptop the charts and the to-do list
        # keep their readable size instead of squashing.
        from PySide6.QtWidgets import QScrollArea

        scroll = QScrollArea()
        scroll.setObjectName("home-scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body_widget = QWidget()
        scroll.setWidget(body_widget)
        layout.addWidget(scroll, 1)
        body = QVBoxLayout(body_widget)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(18)
        self.cards = {"grids": FigureCard("微网格", "个"), "households": FigureCard("农户", "户"),
                      "residents": FigureCard("在册人口", "人")}
        body.addLayout(card_row(self.cards, spacing=16))
        body.addWidget(role_label("人口含在家居住和外出务工的在册人员，不含已迁出、已去世人员。", "hint", wrap=True))
        body.addStretch(1)  # keeps the figures at the top until the panels arrive
        self._layout = body
        self._panels: tuple | None = None
        self._row: QBoxLayout | None = None
        self._painted = self._count_pending = False
        self.counter = LatestRead(ctx.jobs, "统计首页数字", village.overview, self._show_counts, self)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(self.SHOWS["place"], self._show_place)
        self.refresher.watch(self.SHOWS["counts"], self._counts)
        self.refresh()

    # The stock warning and the to-do list read more records than the figures do, so they are
    # built just after the page first paints (or at once when something asks for them).
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        self._painted = True
        if self._count_pending:
            QTimer.singleShot(0, self._count)
        if self._panels is None:
            QTimer.singleShot(0, self._build_panels)

    def _build_panels(self) -> tuple:
        if self._panels is None:
            from villagedesk.ui.pages.home.dashboard import DashboardPanel
            from villagedesk.ui.pages.home.todo import TodoPanel
            from villagedesk.ui.pages.points_store.low_stock import LowStockPanel

            self._panels = (LowStockPanel(self.ctx), TodoPanel(self.ctx), DashboardPanel(self.ctx))
            # their kinds are watched here, against this page's visibility: a panel added to a shown page
            # is shown only later by Qt, so its own visibility would say "hidden" for a while
            for panel in self._panels:
                self.refresher.watch(panel.SHOWS, panel.refresh)
            side = QVBoxLayout()
            side.setSpacing(12)
            side.addWidget(self._panels[0])
            side.addWidget(self._panels[1], 1)
            self._row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            row.setSpacing(16)
            row.addWidget(self._panels[2], 5)
            row.addLayout(side, 3)
            stretch = self._layout.count() - 1
            self._layout.insertLayout(stretch, row, 1)
            self._layout.setStretch(self._layout.count() - 1, 0)
            self._arrange()
        return self._panels

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange()  # larger text at the same width: the charts go below the to-do list

    def _arrange(self) -> None:
        """Charts beside the to-do list on a wide page; at large text (about 60 characters or fewer) below it."""
        if self._row is not None:
            wide = self.width() >= 60 * self.fontMetrics().horizontalAdvance("中")
            self._row.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.BottomToTop)

    @property
    def low_stock(self):
        return self._build_panels()[0]

    @property
    def todo(self):
        return self._build_panels()[1]

    @property
    def dashboard(self):
        return self._build_panels()[2]

    def refresh(self) -> None:
        self._show_place()
        self._counts()

    def _show_place(self) -> None:
        v = village.home_village(self.ctx.store)
        self.title.setText(f"{v.name} 村务台")
        self.subtitle.setText(f"所属乡镇：{v.township_name}　　统计用区划代码：{v.code}"
                              f"　　当前使用人：{self.ctx.actor.name}")
        today = clock.today()
        self.today.setText(f"{today.year} 年 {today.month} 月 {today.day} 日　星期{_WEEKDAYS[today.weekday()]}")

    def _counts(self) -> None:
        # Counting half a million residents takes seconds at district scale: off the GUI thread,
        # and (once the page has painted) so the worker does not compete with the first paint.
        if self._painted or self.ctx.jobs.inline:
            self._count()
        else:
            self._count_pending = True

    def _count(self) -> None:
        self._count_pending = False
        self.counter.request()

    def _show_counts(self, ov: village.Overview) -> None:
        self.cards["grids"].set_value(ov.grids)
        self.cards["households"].set_value(ov.households)
        self.cards["residents"].set_value(ov.residents)
