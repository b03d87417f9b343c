"""First run: a village (name, 12-digit division code, township), a township node or a district node (name, its
code), the first user; or try a demo village."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.actor import SYSTEM, Actor
from villagedesk.domain.errors import ValidationError, VillageDeskError
from villagedesk.services import demo, village
from villagedesk.ui.jobs import JobRunner, describe_error


class FirstRunDialog(QDialog):
    """Nothing typed is lost: a refused field shows its message under the form and keeps the text."""

    FIELDS = (("name", "村名", "例如：桂花村"),
              ("code", "统计用区划代码", "12 位数字，例如 510903104201"),
              ("township", "乡镇名称", "例如：河东镇"),
              ("township_code", "乡镇区划代码", "乡镇的 9 位代码后加 000，例如 510903104000"),
              ("district", "区县名称", "例如：船山区"),
              ("district_code", "区县区划代码", "区县的 6 位代码后加 000000，例如 510903000000"),
              ("user", "首位使用人姓名", "您的姓名"))
    ROWS = {"village": ("name", "code", "township", "user"), "township": ("township", "township_code", "user"),
            "district": ("district", "district_code", "user")}
    CREATE = {"village": "创建本村", "township": "创建乡镇节点", "district": "创建区县节点"}
    INTRO = {"village": "第一次使用，请填写本村信息。统计用区划代码可在国家统计局公布的代码表中查到，也可向乡镇询问。",
             "township": "乡镇节点：登记本乡镇各村的注册文件，导入各村的同步包，查看各村和全乡镇的数据（各村的记录"
                         "在乡镇只读）。乡镇区划代码是本乡镇各村 12 位代码的前 9 位，后加 000。",
             "district": "区县节点：登记本区县各乡镇的注册文件，导入各乡镇的区县汇总包（只含汇总数，不含个人信息），"
                         "查看各乡镇和全区县的数据。区县区划代码是各乡镇代码的前 6 位，后加 000000。"}

    def __init__(self, store, jobs: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store  # the demo's own store once the demo is chosen; the file opened is `village_store`
        self.village_store = store
        self.jobs = jobs
        self.actor: Actor | None = None
        self.setWindowTitle("欢迎使用村务台")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        title = QLabel("欢迎使用村务台")
        title.setProperty("role", "title")
        layout.addWidget(title)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel("这台电脑用于："))
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for key, text in (("village", "村（村两委办公室）"), ("township", "乡镇（汇总各村）"),
                          ("district", "区县（汇总各乡镇）")):
            button = QRadioButton(text)
            button.setObjectName(f"first-run-kind-{key}")
            self.kinds.addButton(button)
            self.kind_buttons[key] = button
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        self.kind_buttons["village"].setChecked(True)
        layout.addLayout(kind_row)
        self.intro = QLabel(self.INTRO["village"])
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.form = form
        self.inputs: dict[str, QLineEdit] = {}
        for key, label, hint in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"first-run-{key}")
            edit.setPlaceholderText(hint)
            self.inputs[key] = edit
            form.addRow(label + "：", edit)
        self.inputs["code"].setMaxLength(20)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("first-run-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.demo_button = QPushButton("先用演示村试一试")
        self.demo_button.setObjectName("first-run-demo")
        self.create_button = QPushButton("创建本村")
        self.create_button.setObjectName("first-run-create")
        self.create_button.setDefault(True)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self.create_button.clicked.connect(self.create)
        self.demo_button.clicked.connect(self.try_demo)
        self.kinds.buttonToggled.connect(lambda *_: self._show_kind())
        self._show_kind()

    @property
    def kind(self) -> str:
        """'village', 'township' or 'district': what this installation will be."""
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def _show_kind(self) -> None:
        for key, _label, _hint in self.FIELDS:
            self.form.setRowVisible(self.inputs[key], key in self.ROWS[self.kind])
        self.intro.setText(self.INTRO[self.kind])
        self.create_button.setText(self.CREATE[self.kind])
        self.demo_button.setVisible(self.kind == "village")  # the demo is a village
        self.error.setText("")

    def create(self) -> None:
        values = {k: e.text() for k, e in self.inputs.items()}
        try:
            if self.kind == "township":
                from villagedesk.services.township.node import init_township

                self.actor = init_township(self.store, SYSTEM, values["township_code"], values["township"],
                                           values["user"])
            elif self.kind == "district":
                from villagedesk.services.district.node import init_district

                self.actor = init_district(self.store, SYSTEM, values["district_code"], values["district"],
                                           values["user"])
            else:
                self.actor = village.init_village(self.store, SYSTEM, values["code"], values["name"],
                                                  values["township"], values["user"])
        except VillageDeskError as exc:
            self._show_error(exc)
            return
        self.accept()

    def try_demo(self) -> None:
        """The demo village goes into its own file beside this one (made once, reopened after), so this file
        stays empty for the real village: 文件 › 新建本村 comes back to it. `store` is then the demo's."""
        from villagedesk.services.databases import open_demo_beside

        try:
            demo_store = open_demo_beside(self.store.path)
        except VillageDeskError as exc:
            self._show_error(exc)
            return
        self.village_store, self.store = self.store, demo_store
        self.jobs.store = demo_store
        if village.is_set_up(demo_store):  # tried before: the same demo, with what was practised on it
            self._demo_done(None)
            return
        self.demo_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self.jobs.start("正在生成演示村", lambda store, job: demo.generate_demo(store, SYSTEM, job=job),
                        on_done=self._demo_done, on_error=self._demo_failed, parent_widget=self)

    def _demo_done(self, _result) -> None:
        users = village.office_users(self.store)
        self.actor = users[0] if users else SYSTEM
        self.accept()

    def _demo_failed(self, exc: BaseException) -> None:
        self.store.close()  # the demo's file: back to the village's, as before the click
        self.store, self.jobs.store = self.village_store, self.village_store
        self.demo_button.setEnabled(True)
        self.create_button.setEnabled(True)
        self.error.setText(describe_error(exc))

    def _show_error(self, exc: VillageDeskError) -> None:
        self.error.setText(exc.message)
        if isinstance(exc, ValidationError):
            for key, label, _hint in self.FIELDS:
                if not self.inputs[key].isVisibleTo(self):
                    continue
                if exc.field.startswith(label) or (key == "user" and "使用人" in exc.field):
                    self.inputs[key].setFocus()
                    self.inputs[key].selectAll()
