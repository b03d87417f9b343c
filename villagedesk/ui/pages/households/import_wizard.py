"""导入花名册: pick the file and sheet, check the column mapping, preview every problem, then import all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.register.roster import ROSTER_FIELDS, column_letter
from villagedesk.services.register import households, importing
from villagedesk.ui import messages
from villagedesk.ui.pages.households import files
from villagedesk.ui.pages.households.form_parts import error_label, grid_combo
from villagedesk.ui.widgets.table_view import read_only_cells


class ImportWizard(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.sheet: importing.SheetData | None = None
        self.preview: importing.ImportPreview | None = None
        self.result: importing.ImportResult | None = None
        self.setWindowTitle("导入花名册")
        self.resize(1000, 700)
        layout = QVBoxLayout(self)
        self.step_label = QLabel("")
        self.step_label.setProperty("role", "title")
        layout.addWidget(self.step_label)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self._go(0)

    # -- step 1: file and sheet --
    def _file_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("选择 .xlsx 花名册")
        self.path_edit.editingFinished.connect(self.load_sheets)
        browse = QPushButton("选择文件…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow("花名册文件：", row)
        self.sheet_combo = QComboBox()
        form.addRow("工作表：", self.sheet_combo)
        self.default_grid = grid_combo(households.grid_choices(self.ctx.store), blank="（按湾名对应网格）")
        form.addRow("没有“网格”列时归入：", self.default_grid)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(" 年度")
        form.addRow("“医保参保”列所指年度：", self.year)
        layout.addLayout(form)
        hint = QLabel("表头可以在标题行下面（合并的标题行会自动跳过）；身份证号列请设为文本。"
                      "没有花名册？可先在页面上点“下载模板”。")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.next_button = QPushButton("下一步：核对列")
        self.next_button.clicked.connect(self.read_sheet)
        layout.addWidget(self.next_button)
        return page

    def _browse(self) -> None:
        path = files.ask_open_path(self, "选择花名册", "Excel 工作簿 (*.xlsx);;所有文件 (*)")
        if path is not None:
            self.path_edit.setText(str(path))
            self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet_combo.clear()
        self.error.setText("")
        if not self.path_edit.text().strip():
            return
        try:
            self.sheet_combo.addItems(importing.sheet_names(Path(self.path_edit.text().strip())))
        except VillageDeskError as exc:
            self.error.setText(exc.message)

    def read_sheet(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            self.error.setText("花名册文件：请先选择文件")
            return
        sheet = self.sheet_combo.currentText() or None
        self.error.setText("")
        self.ctx.jobs.start("读取花名册", lambda store, job: importing.read_sheet(path, sheet),
                            on_done=self._sheet_read, on_error=self._failed, parent_widget=self)

    def _sheet_read(self, data: importing.SheetData) -> None:
        self.sheet = data
        self.header_info.setText(f"工作表“{data.sheet}”：表头在第 {data.header_row} 行，下面有 {len(data.rows)} 行数据。"
                                 "请核对每一项对应的列，不对的可以改。")
        choices = [("（不导入）", None)] + [(f"{column_letter(i)} 列：{h or '（无列名）'}", i)
                                          for i, h in enumerate(data.headers)]
        for key, combo in self.mapping_combos.items():
            combo.clear()
            for text, value in choices:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(data.mapping.get(key))))
        self._go(1)

    # -- step 2: which column is which --
    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.header_info = QLabel("")
        self.header_info.setWordWrap(True)
        layout.addWidget(self.header_info)
        form = QFormLayout()
        self.mapping_combos: dict[str, QComboBox] = {}
        for f in ROSTER_FIELDS:
            combo = QComboBox()
            self.mapping_combos[f.key] = combo
            form.addRow(f"{f.title}{'（必需）' if f.required else ''}：", combo)
        layout.addLayout(form)
        self.check_button = self._step_buttons(layout, "上一步", 0, "检查全部行", self.check)
        return page

    def _step_buttons(self, layout: QVBoxLayout, back_text: str, back_to: int, next_text: str, slot) -> QPushButton:
        """A step's foot: back to step `back_to` on the left, the step's own action on the right (returned)."""
        row = QHBoxLayout()
        back = QPushButton(back_text)
        back.clicked.connect(lambda: self._go(back_to))
        button = QPushButton(next_text)
        button.clicked.connect(slot)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(button)
        layout.addLayout(row)
        return button

    def mapping(self) -> dict[str, int]:
        return {key: combo.currentData() for key, combo in self.mapping_combos.items() if combo.currentData() is not None}

    def check(self) -> None:
        if self.sheet is None:
            return
        sheet, mapping, year, grid = self.sheet, self.mapping(), self.year.value(), self.default_grid.currentData()
        self.error.setText("")
        self.ctx.jobs.start("检查花名册", lambda store, job: importing.preview_import(
            store, sheet, mapping, year=year, default_grid_id=grid, job=job),
            on_done=self._previewed, on_error=self._failed, parent_widget=self)

    # -- step 3: every problem, or the import --
    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.problems_table = QTableWidget(0, 3)
        self.problems_table.setHorizontalHeaderLabels(["行", "列", "问题"])
        read_only_cells(self.problems_table)
        self.problems_table.verticalHeader().setVisible(False)
        self.problems_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems_table.horizontalHeader().setStretchLastSection(True)
        self.problems_table.setWordWrap(True)
        layout.addWidget(self.problems_table, 1)
        self.import_button = self._step_buttons(layout, "上一步：改列对应", 1, "导入", self.commit)
        return page

    def _previewed(self, preview: importing.ImportPreview) -> None:
        self.preview = preview
        problems = preview.problems
        self.problems_table.setRowCount(len(problems))
        for r, p in enumerate(problems):
            for c, value in enumerate((str(p.row), p.column or "整行", p.message)):
                self.problems_table.setItem(r, c, QTableWidgetItem(value))
        if problems:
            self.summary_label.setText(f"发现 {len(problems)} 处问题（共 {preview.rows} 行），全部改正前不会导入任何数据。"
                                       "请在 Excel 中改正后重新选择文件。")
        else:
            self.summary_label.setText(f"全部 {preview.rows} 行检查通过：将导入 {len(preview.households)} 户、"
                                       f"{preview.residents} 人。点“导入”一次全部写入。")
        self.import_button.setEnabled(not problems)
        self._go(2)

    def commit(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        preview = self.preview
        self.ctx.jobs.start("导入花名册", lambda store, job: importing.commit_import(store, self.ctx.actor, preview, job),
                            on_done=self._imported, on_error=self._failed, parent_widget=self)

    def _imported(self, result: importing.ImportResult) -> None:
        self.result = result
        self.ctx.events.publish(result)
        messages.info(self, "导入花名册", f"已导入 {result.households} 户、{result.residents} 人。")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from villagedesk.ui.jobs import describe_error

        self.error.setText(describe_error(exc))

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.step_label.setText(("第 1 步：选择花名册", "第 2 步：核对列对应", "第 3 步：检查结果")[index])
