"""首页's charts (QtCharts): this year by month — visits, disputes, points — and insurance enrolment; a bar opens its records."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.services import dashboard
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead

BLUE, GREEN, ORANGE, RED = QColor("#0b5394"), QColor("#38761d"), QColor("#e69138"), QColor("#cc0000")


# round axis tops (× 10^k) and the tick count that divides each into round steps
_TOPS = ((1, 6), (1.5, 4), (2, 5), (2.5, 6), (3, 4), (4, 5), (5, 6), (6, 4), (8, 5))


def nice_axis(value: float) -> tuple[float, int]:
    """The smallest round top at or above `value` (at least 5) and its tick count: bars are never cut, the
    tallest fills most of the height, and every tick is a round number."""
    step = 1.0
    while True:
        for m, ticks in _TOPS:
            if m * step >= max(value, 5):
                return m * step, ticks
        step *= 10


def _count_axis(top_value: float) -> QValueAxis:
    axis = QValueAxis()
    top, ticks = nice_axis(top_value)
    axis.setRange(0, top)
    axis.setTickCount(ticks)
    axis.setLabelFormat("%d")
    return axis


class ChartCard(QChartView):
    """One chart of the dashboard: fonts follow the app's text size; bars start at zero."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None):
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_.setTitle(title)
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_.setMargins(QMargins(2, 2, 2, 2))
        self.chart_.layout().setContentsMargins(0, 0, 0, 0)
        self.chart_.setBackgroundRoundness(0)
        self.rows = 0  # category rows of a horizontal bar chart (they add height)
        self.setMinimumHeight(300)

    def clear(self) -> None:
        self.chart_.removeAllSeries()
        for axis in self.chart_.axes():
            self.chart_.removeAxis(axis)

    def add_axis(self, axis, alignment) -> None:
        self.chart_.addAxis(axis, alignment)
        self.apply_font()

    def apply_font(self) -> None:
        font = QFont(self.font())
        title = QFont(font)
        title.setBold(True)
        title.setPointSizeF(font.pointSizeF() + 1)
        self.chart_.setTitleFont(title)
        self.chart_.legend().setFont(font)
        small = QFont(font)
        small.setPointSizeF(max(8.0, font.pointSizeF() - 2))
        for axis in self.chart_.axes():
            axis.setLabelsFont(small)
            axis.setTitleFont(small)
        for series in self.chart_.series():
            if isinstance(series, QBarSeries | QHorizontalBarSeries):
                for bar_set in series.barSets():
                    bar_set.setLabelFont(small)
        # the plot keeps some ten lines of text in height whatever the text size
        line = self.fontMetrics().height()
        self.setMinimumHeight(max(300, 13 * line, 5 * line + int(1.6 * line) * self.rows))
        # its own width, not its labels' (a chart of long grid names at 26 pt would widen the page sideways)
        self.setMinimumWidth(12 * self.fontMetrics().horizontalAdvance("中"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.apply_font()


class DashboardPanel(QFrame):
    """Four charts over the app's scope, computed in the job runner; a click on a bar opens what it counts."""

    SHOWS = {Kind.VISITS, Kind.FOLLOW_UPS, Kind.DISPUTES, Kind.LEDGER, Kind.REDEMPTIONS, Kind.INSURANCE,
             Kind.RESIDENTS, Kind.GRIDS, Kind.VILLAGES}  # redrawn by 首页

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.board: dashboard.Dashboard | None = None
        self.setObjectName("dashboard-panel")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.heading = QLabel("今年各月情况")
        self.heading.setProperty("role", "figure-label")
        hint = QLabel("点击柱子，打开它统计的记录。")
        hint.setProperty("role", "hint")
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        self.grid = grid = QGridLayout()
        grid.setSpacing(12)
        self.columns = 1  # one under the other until the panel's width is known: never wider than the window
        self.charts = {"visits": ChartCard("chart-visits", "入户走访与按时回访率"),
                       "disputes": ChartCard("chart-disputes", "矛盾纠纷与调解成功率"),
                       "points": ChartCard("chart-points", "志愿积分：发放与兑换"),
                       "insurance": ChartCard("chart-insurance", "医保参保率")}
        for i, chart in enumerate(self.charts.values()):
            grid.addWidget(chart, i, 0)
        layout.addLayout(grid)
        self.reader = LatestRead(ctx.jobs, "统计首页图表", lambda store: dashboard.dashboard(store, ctx.scope),
                                 self._show, self)
        self.refresh()

    def refresh(self) -> None:
        self.reader.request()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange()  # larger text at the same width: the charts may have to go one under the other

    def _arrange(self) -> None:
        # two charts side by side while each gets some 20 characters' width, else one under the other
        columns = 2 if self.width() >= 40 * self.fontMetrics().horizontalAdvance("中") else 1
        if columns != self.columns:
            self.columns = columns
            for i, chart in enumerate(self.charts.values()):
                self.grid.addWidget(chart, i // columns, i % columns)

    def _show(self, board: dashboard.Dashboard) -> None:
        self.board = board
        self.heading.setText(f"{board.year} 年各月情况" + (f"（{self.ctx.scope.label()}）" if not board.by_grid else ""))
        months = [str(m.period.start.month) for m in board.months]
        self._bars_and_rate(self.charts["visits"], months, "走访（次）", [m.visits for m in board.months],
                            "按时回访率", [m.follow_up_rate for m in board.months], "visits")
        self._bars_and_rate(self.charts["disputes"], months, "纠纷（件）", [m.disputes for m in board.months],
                            "调解成功率", [m.mediation_success_rate for m in board.months], "disputes")
        self._points(months, board)
        self._insurance(board)

    # --- the four charts -------------------------------------------------------------------------------

    def _bars_and_rate(self, card: ChartCard, months: list[str], bar_name: str, counts: list[int],
                       rate_name: str, rates: list[float | None], page: str) -> None:
        card.clear()
        bars = QBarSet(bar_name)
        bars.append([float(c) for c in counts])
        bars.setColor(BLUE)
        bars.clicked.connect(lambda i, p=page: self.open_month(p, i))
        bars.hovered.connect(lambda on, i: self._tip(on, card, f"{bar_name}：{counts[i]}；{rate_name}："
                                                               f"{_percent(rates[i])}" if on else ""))
        series = QBarSeries()
        series.append(bars)
        card.chart_.addSeries(series)
        x = QBarCategoryAxis()
        x.append(months or ["—"])
        x.setTitleText("月份")
        y = _count_axis(max(counts, default=0))
        rate_axis = QValueAxis()
        rate_axis.setRange(0, 100)
        rate_axis.setLabelFormat("%d%%")
        rate_axis.setTickCount(5)
        card.add_axis(x, Qt.AlignmentFlag.AlignBottom)
        card.add_axis(y, Qt.AlignmentFlag.AlignLeft)
        card.add_axis(rate_axis, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(x)
        series.attachAxis(y)
        # A month with nothing to divide by has no rate: the line breaks there instead of dropping to 0.
        first = True
        for run in _runs(rates):
            line = QLineSeries()
            line.setName(rate_name)
            line.setPen(QPen(ORANGE, 3))
            line.setPointsVisible(True)
            for i, value in run:
                line.append(i, value * 100)
            card.chart_.addSeries(line)
            line.attachAxis(x)
            line.attachAxis(rate_axis)
            if not first:
                card.chart_.legend().markers(line)[0].setVisible(False)
            first = False
        card.apply_font()

    def _points(self, months: list[str], board: dashboard.Dashboard) -> None:
        card = self.charts["points"]
        card.clear()
        awarded, redeemed = QBarSet("发放（分）"), QBarSet("兑换（分）")
        awarded.append([float(m.points_awarded) for m in board.months])
        redeemed.append([float(m.points_redeemed) for m in board.months])
        awarded.setColor(GREEN)
        redeemed.setColor(ORANGE)
        awarded.clicked.connect(lambda i: self.open_month("points", i))
        redeemed.clicked.connect(lambda i: self.open_month("points_store", i))
        for bar_set, name, key in ((awarded, "发放", "points_awarded"), (redeemed, "兑换", "points_redeemed")):
            bar_set.hovered.connect(lambda on, i, n=name, k=key: self._tip(
                on, card, f"{board.months[i].period.title}{n} {getattr(board.months[i], k):,} 分"))
        series = QBarSeries()
        series.append(awarded)
        series.append(redeemed)
        card.chart_.addSeries(series)
        x = QBarCategoryAxis()
        x.append(months or ["—"])
        x.setTitleText("月份")
        y = _count_axis(max([m.points_awarded for m in board.months] + [m.points_redeemed for m in board.months],
                            default=0))
        card.add_axis(x, Qt.AlignmentFlag.AlignBottom)
        card.add_axis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        card.apply_font()

    def _insurance(self, board: dashboard.Dashboard) -> None:
        card = self.charts["insurance"]
        card.clear()
        card.chart_.setTitle(f"{board.year} 年医保参保率（" + ("按网格" if board.by_grid else "按村") + "）")
        # QtCharts draws the first category at the bottom: the bars go in reversed so the list reads downward
        shown = board.enrolment[::-1]
        bars = QBarSet("参保率（%）")
        bars.append([round((b.rate or 0) * 100, 1) for b in shown])
        bars.setColor(BLUE)
        bars.clicked.connect(lambda i: self.open_enrolment(len(shown) - 1 - i))
        bars.hovered.connect(lambda on, i: self._tip(on, card, f"{shown[i].name}：已参保 {shown[i].enrolled} 人，"
                                                               f"应参保 {shown[i].due} 人，参保率 {_percent(shown[i].rate)}"))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        card.chart_.addSeries(series)
        y = QBarCategoryAxis()
        y.append([b.name for b in shown] or ["—"])
        x = QValueAxis()
        x.setRange(0, 100)
        x.setLabelFormat("%d%%")
        card.add_axis(y, Qt.AlignmentFlag.AlignLeft)
        card.add_axis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        card.chart_.legend().setVisible(False)
        card.rows = len(board.enrolment)
        card.apply_font()

    def _tip(self, on: bool, card: ChartCard, text: str) -> None:
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        if on:
            QToolTip.showText(QCursor.pos(), text, card)
        else:
            QToolTip.hideText()

    # --- through to the records ------------------------------------------------------------------------

    def open_month(self, page_key: str, index: int):
        """Open the page that lists what a month's bar counts, filtered to that month; returns the page."""
        if self.board is None or not 0 <= index < len(self.board.months):
            return None
        label = self.board.months[index].period.label
        window = self.window()
        if not hasattr(window, "show_page"):
            return None
        page = window.show_page(page_key)
        if page_key in ("visits", "disputes"):
            page.period.choose(label)
        elif page_key == "points":
            page.tabs.setCurrentWidget(page.ranking)
            page.ranking.period.choose(label)
        elif page_key == "points_store":
            page.tabs.setCurrentWidget(page.receipts)
            page.receipts.period.choose(label)
        return page

    def open_enrolment(self, index: int) -> None:
        """A grid's bar opens 医保参保 on that grid's not-enrolled list."""
        if self.board is None or not self.board.by_grid or not 0 <= index < len(self.board.enrolment):
            return None
        window = self.window()
        if not hasattr(window, "show_page"):
            return None
        window.show_page("households").open_insurance(self.board.enrolment[index].grid_id)


def _percent(rate: float | None) -> str:
    return "—（无可计算）" if rate is None else f"{rate:.1%}"


def _runs(rates: list[float | None]) -> list[list[tuple[int, float]]]:
    """The months with a rate, in unbroken runs: [(index, rate), …] per run."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, rate in enumerate(rates):
        if rate is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, rate))
    return [r for r in runs if r]
