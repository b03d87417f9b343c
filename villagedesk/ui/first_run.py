"""First run: ask for the village (name, 12-digit division code, township) and the first user, or try a demo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
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
              ("user", "首位使用人姓名", "您的姓名"))

    def __init__(self, store, jobs: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.jobs = jobs
        self.actor: Actor | None = None
        self.setWindowTitle("欢迎使用村务台")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        title = QLabel("欢迎使用村务台")
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel("第一次使用，请填写本村信息。统计用区划代码可在国家统计局公布的代码表中查到，"
                       "也可向乡镇询问。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
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

    def create(self) -> None:
        values = {k: e.text() for k, e in self.inputs.items()}
        try:
            self.actor = village.init_village(self.store, SYSTEM, values["code"], values["name"],
                                              values["township"], values["user"])
        except VillageDeskError as exc:
            self._show_error(exc)
            return
        self.accept()

    def try_demo(self) -> None:
        self.demo_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self.jobs.start("正在生成演示村", lambda store, job: demo.generate_demo(store, SYSTEM, job=job),
                        on_done=self._demo_done, on_error=self._demo_failed, parent_widget=self)

    def _demo_done(self, _result) -> None:
        users = village.office_users(self.store)
        self.actor = users[0] if users else SYSTEM
        self.accept()

    def _demo_failed(self, exc: BaseException) -> None:
        self.demo_button.setEnabled(True)
        self.create_button.setEnabled(True)
        self.error.setText(describe_error(exc))

    def _show_error(self, exc: VillageDeskError) -> None:
        self.error.setText(exc.message)
        if isinstance(exc, ValidationError):
            for key, label, _hint in self.FIELDS:
                if exc.field.startswith(label) or (key == "user" and "使用人" in exc.field):
                    self.inputs[key].setFocus()
                    self.inputs[key].selectAll()
