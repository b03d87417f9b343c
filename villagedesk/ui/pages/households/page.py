"""农户与人口: the register's page — figures, one search box, filters, the lazy list, the selected household."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.changes import Kind
from villagedesk.domain.permissions import Action as Can
from villagedesk.domain.register.categories import CATEGORIES
from villagedesk.domain.register.filters import VIEWS, RegisterFilter
from villagedesk.services.register import exports, households, importing, listing, search
from villagedesk.services.register.kpis import overview
from villagedesk.ui import messages
from villagedesk.ui.pages.households import files
from villagedesk.ui.pages.households.detail import HouseholdPanel
from villagedesk.ui.pages.households.household_dialog import HouseholdDialog
from villagedesk.ui.pages.households.import_wizard import ImportWizard
from villagedesk.ui.pages.households.insurance_dialog import InsuranceDialog
from villagedesk.ui.pages.households.table_model import RegisterTableModel
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.cards import FigureCard, percent
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.pickers import search_edit
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import table_view

SEARCH_LIMIT = 200
SEARCH_HINT = "搜索：姓名、拼音首字母（如 zs）、全拼、身份证后四位、电话、地址"
INDEX_IN_JOB = 5_000  # rows without search keys beyond which the page builds them in a job first
QUICK_FIGURES = 20_000  # households up to which the figures are computed right away


class HouseholdsPage(QWidget):
    SHOWS = {"grid_filter": {Kind.GRIDS},
             "list": {Kind.HOUSEHOLDS, Kind.RESIDENTS, Kind.GRIDS, Kind.INSURANCE},
             "figures": {Kind.HOUSEHOLDS, Kind.RESIDENTS, Kind.INSURANCE}}

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog_opener = lambda dialog: dialog.exec()  # tests drive the dialogs themselves
        self._count_note = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)

        head = FlowLayout(spacing=10)  # the cards go under the title when the text is large
        title = QLabel("农户与人口")
        title.setProperty("role", "title")
        head.addWidget(title)
        # Units go in the caption, so a district's six-digit figures fit the cards.
        self.cards = {"households": FigureCard("在册农户（户）"), "residents": FigureCard("在册人口（人）"),
                      "key_population_residents": FigureCard("重点人群（人）"),
                      "insurance_enrolment_rate": FigureCard(f"{clock.today().year} 年医保参保率")}
        for card in self.cards.values():
            card.setMinimumWidth(180)  # room for "498,680" before the figures arrive
            head.addWidget(card)
        layout.addLayout(head)

        self.search_box = search_edit(SEARCH_HINT)
        self.view_combo = QComboBox()
        for key, label in VIEWS.items():
            self.view_combo.addItem(label, key)
        self.grid_combo = QComboBox()
        self.category_combo = QComboBox()
        self.category_combo.addItem("全部人群", None)
        self.category_combo.addItem("重点人群（任一类）", "any")
        for key, label in CATEGORIES.items():
            self.category_combo.addItem(label, key)
        self.status_combo = QComboBox()
        bar = FlowLayout()  # wraps onto a further row at large text
        bar.addWidget(self.search_box, 3)
        for combo in (self.view_combo, self.grid_combo, self.category_combo, self.status_combo):
            bar.addWidget(combo, 1)
        layout.addLayout(bar)

        actions = FlowLayout()  # wraps onto a second line at large text
        self.add_button = QPushButton("新增农户(&N)")
        self.import_button = QPushButton("导入花名册(&I)")
        self.template_button = QPushButton("下载模板")
        self.export_button = QPushButton("导出当前视图(&E)")
        self.insurance_button = QPushButton("医保参保")
        self.export_full_button = QPushButton("导出含完整号码…")
        self.export_full_button.setObjectName("register-export-full")
        for button, action in ((self.add_button, Can.EDIT_REGISTER), (self.import_button, Can.EDIT_REGISTER),
                               (self.insurance_button, Can.EDIT_REGISTER), (self.export_button, Can.VIEW_REGISTER),
                               (self.export_full_button, Can.EXPORT_UNMASKED)):
            gate(ctx, button, action)
        for button, fn in ((self.add_button, self.add_household), (self.import_button, self.open_import),
                           (self.template_button, self.save_template), (self.export_button, self.export_view),
                           (self.export_full_button, self.export_full),
                           (self.insurance_button, self.open_insurance)):
            button.clicked.connect(fn)
            actions.addWidget(button)
        self.count_label = QLabel("")
        actions.addWidget(self.count_label)
        layout.addLayout(actions)

        self.model = RegisterTableModel(ctx, self)
        self.table = table_view(self.model, "register-table", word_wrap=True)
        self.panel = HouseholdPanel(ctx)
        self.panel.dialog_opener = lambda dialog: self.dialog_opener(dialog)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        remembered(splitter, "households")
        layout.addWidget(splitter, 1)

        self._fill_grids()
        self._fill_statuses()
        self.search_box.textChanged.connect(self.apply)
        self.view_combo.currentIndexChanged.connect(self._view_changed)
        for combo in (self.grid_combo, self.category_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select(cur.row()))
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(self.SHOWS["grid_filter"], self._fill_grids)
        self.refresher.watch(self.SHOWS["list"], self._reload)
        self.refresher.watch(self.SHOWS["figures"], self.refresh_figures)
        self.apply()
        self.refresh_figures()
        self._prepare_search()

    # -- filters and search --
    def current_filter(self, ids: tuple[str, ...] | None = None) -> RegisterFilter:
        return RegisterFilter(self.view_combo.currentData(), self.ctx.scope.ids, self.grid_combo.currentData(),
                              self.category_combo.currentData(), self.status_combo.currentData(), ids)

    def apply(self) -> None:
        f = self.current_filter()
        text = self.search_box.text().strip()
        if text:
            f = self.current_filter(self._search_ids(text, f))
        self.model.set_filter(f)
        self._fit_columns()
        self._count_note = f"（搜索“{text}”，最多显示 {SEARCH_LIMIT} 条）" if text else ""
        self._show_count()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.panel.show_household(None)

    def _search_ids(self, text: str, f: RegisterFilter) -> tuple[str, ...]:
        everyone = f.status not in ("active", "present")
        hits = search.search(self.ctx.store, text, actor=self.ctx.actor, grid_id=f.grid_id, limit=SEARCH_LIMIT, include_inactive=everyone)
        ids: list[str] = []
        for hit in hits:
            if f.view == "households":
                ids.append(hit.household_id)
            elif hit.kind == "resident":
                ids.append(hit.resident_id)
            else:
                ids += [rid for rid, _name, _rel in households.members(self.ctx.store, hit.household_id)]
        return tuple(dict.fromkeys(ids))

    def _show_count(self) -> None:
        unit = "户" if self.model.filter.view == "households" else "人"
        self.count_label.setText(f"共 {self.model.total:,} {unit}{self._count_note}")

    def _view_changed(self) -> None:
        self._fill_statuses()
        self.apply()

    def _fill_grids(self) -> None:
        current = self.grid_combo.currentData()
        self.grid_combo.blockSignals(True)
        self.grid_combo.clear()
        self.grid_combo.addItem("全部网格", None)
        for grid_id, name in households.grid_choices(self.ctx.store, include_retired=True):
            self.grid_combo.addItem(name, grid_id)
        self.grid_combo.setCurrentIndex(max(0, self.grid_combo.findData(current)))
        self.grid_combo.blockSignals(False)

    def _fill_statuses(self) -> None:
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        for key, label in self.current_filter().status_choices().items():
            self.status_combo.addItem(label, key)
        self.status_combo.setCurrentIndex(0)
        self.status_combo.blockSignals(False)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for c, width in enumerate(self.model.widths()):
            header.resizeSection(c, max(60, width * 14))

    def _select(self, row: int) -> None:
        item = self.model.row_at(row)
        self.panel.show_household(item.household_id if item else None)

    def _prepare_search(self) -> None:
        """Many rows without search keys (an upgraded or synced database): build them in a job with progress,
        rather than on the first keystroke."""
        if search.index_backlog(self.ctx.store) > INDEX_IN_JOB:
            self.search_box.setEnabled(False)
            self.search_box.setPlaceholderText("正在建立搜索索引，请稍候……")
            self.ctx.jobs.start("建立搜索索引", lambda store, job: search.ensure_index(store, job),
                                on_done=lambda _r: self._search_ready(), on_error=lambda _e: self._search_ready(),
                                parent_widget=self)

    def _search_ready(self) -> None:
        self.search_box.setEnabled(True)
        self.search_box.setPlaceholderText(SEARCH_HINT)

    # -- after a write anywhere --
    def _reload(self) -> None:
        selected = self.panel.view.id if self.panel.view else None
        self.model.reload()
        self._show_count()
        self.panel.show_household(selected)

    def refresh_figures(self) -> None:
        """A village's figures come at once; a district's take seconds, so they are computed off the GUI
        thread while the list already shows."""
        everyone = RegisterFilter("households", self.ctx.scope.ids, status=None)
        if listing.count_rows(self.ctx.store, everyone, actor=self.ctx.actor) <= QUICK_FIGURES:
            self._show_figures(overview(self.ctx.store, scope=self.ctx.scope))
            return
        self.ctx.jobs.start("农户与人口统计", lambda store, job: overview(store, scope=self.ctx.scope), on_done=self._show_figures,
                            on_error=lambda _exc: [card.set_value("—") for card in self.cards.values()])

    def _show_figures(self, values: dict) -> None:
        for key in ("households", "residents", "key_population_residents"):
            self.cards[key].set_value(values[key])
        self.cards["insurance_enrolment_rate"].set_value(percent(values["insurance_enrolment_rate"]))
        self.layout().activate()  # wider numbers than before: let the cards grow now

    # -- actions --
    def add_household(self) -> None:
        dialog = HouseholdDialog(self.ctx, default_grid_id=self.grid_combo.currentData(), parent=self)
        dialog.accepted.connect(lambda: self.select_household(dialog.household_id))
        self.dialog_opener(dialog)

    def select_household(self, household_id: str | None) -> None:
        """Select the household's (first) row if it is loaded, and show it in the panel either way."""
        row = next((i for i, r in enumerate(self.model.rows) if r.household_id == household_id), None)
        if row is not None:
            self.table.selectRow(row)
        self.panel.show_household(household_id)

    def open_import(self) -> None:
        self.dialog_opener(ImportWizard(self.ctx, parent=self))

    def open_insurance(self, grid_id: str | None = None) -> None:
        """医保参保; with `grid_id` (首页's chart) that grid's row is chosen and its not-enrolled list shown."""
        dialog = InsuranceDialog(self.ctx, parent=self)
        if grid_id:
            dialog.select_grid(grid_id)
        self.dialog_opener(dialog)

    def save_template(self) -> None:
        path = files.ask_save_path(self, "保存花名册模板", "农户与人口花名册模板.xlsx", "Excel 工作簿 (*.xlsx)")
        if path is not None:
            importing.write_template(path)
            messages.info(self, "下载模板", f"模板已保存：{path}")

    def print_page(self) -> None:
        """文件 › 打印: the chosen household's 一户一档 (a list of hundreds of households is exported, not printed)."""
        if self.panel.view is None:
            messages.info(self, "打印", "请先在列表中选中一户，再打印它的一户一档。")
            return
        self.panel.open_file()

    def export_full(self) -> None:
        """For an upward list: full identity numbers and phones, only for a user the policy allows (audited)."""
        if messages.confirm(self, "导出含完整号码的名单",
                            "导出的文件含完整身份证号和联系电话（敏感个人信息），此次导出将记入操作记录。继续吗？"):
            self.export_view(full=True)

    def export_view(self, full: bool = False) -> None:
        f = self.model.filter
        name = f"{'农户' if f.view == 'households' else '人口'}花名册{'（含敏感个人信息）' if full else ''}.xlsx"
        path = files.ask_save_path(self, "导出当前视图", name, "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        parts = [self.grid_combo.currentText(), self.category_combo.currentText(), self.status_combo.currentText()]
        if self.search_box.text().strip():
            parts.append(f"搜索“{self.search_box.text().strip()}”")
        description = "筛选：" + "，".join(parts) + "。"
        self.ctx.jobs.start("导出当前视图", lambda store, job: exports.export_view(store, f, path, description, job,
                                                                               actor=self.ctx.actor, full=full),
                            on_done=lambda p: messages.info(self, "导出当前视图", f"已导出 {self.model.total:,} 条：{p}"),
                            parent_widget=self)
