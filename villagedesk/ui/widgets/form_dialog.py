"""A form dialog whose submit may be refused: the Chinese message shows under the form and typed text stays."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.ui.widgets.labels import role_label

HINT_MARGINS = 16  # a line edit's frame and text margins, both sides


def whole_hint(edit: QLineEdit) -> None:
    """The field is never narrower than its grey hint, so the hint is read whole instead of ending in …."""
    hint = edit.placeholderText()
    if hint:
        edit.setMinimumWidth(max(edit.minimumWidth(), edit.fontMetrics().horizontalAdvance(hint) + HINT_MARGINS))


class _Scrolling(QScrollArea):
    """The form's rows in a frameless scroll area that asks for their whole size (a plain QScrollArea caps its
    wish at a few dozen lines): the dialog opens as large as its rows unless the screen is smaller, then scrolls."""

    def __init__(self, body: QWidget):
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setWidget(body)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.widget().sizeHint() + QSize(self.verticalScrollBar().sizeHint().width(), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name): as wide as the rows, as short as a few
        rows = self.widget().minimumSizeHint()
        return QSize(rows.width() + self.verticalScrollBar().sizeHint().width(),
                     min(rows.height(), 6 * self.fontMetrics().height()))


class FormDialog(QDialog):
    """Rows go in `form`, anything below them (a table, a note) in `extra`; `submit` raises VillageDeskError to refuse.

    `heading=False` leaves out the title line, `hint` puts a note above the rows, and `standard_buttons` gives a
    确定/取消 button box (the points pages' look) instead of 取消 + `ok_text`."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str = "保存", min_width: int = 600, *,
                 heading: bool = True, hint: str = "", standard_buttons: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: object = None
        self._enter_submits = True
        frame = QVBoxLayout(self)
        self._frame = frame
        body = QWidget()
        body.setMinimumWidth(min_width)  # on the rows, not the dialog: wider rows (large text) widen the dialog
        self.outer = QVBoxLayout(body)  # everything but the buttons: it scrolls when the screen is too short
        self.outer.setContentsMargins(0, 0, 0, 0)
        frame.addWidget(_Scrolling(body), 1)
        if heading:
            self.outer.addWidget(role_label(title, "title"))
        if hint:
            self.outer.addWidget(role_label(hint, "hint", wrap=True))
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.extra = QVBoxLayout()
        self.outer.addLayout(self.extra)
        self.error = QLabel("")
        self.error.setObjectName("form-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.outer.addWidget(self.error)
        if standard_buttons:
            self._standard_buttons()
        else:
            self._push_buttons(ok_text)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Ctrl+S saves from any field (Enter may belong to a search box or a text box)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_submit)
        self.ok_button.setToolTip("Ctrl+S")

    def _push_buttons(self, ok_text: str) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("取消")
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("form-ok")
        self.ok_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self._frame.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.try_submit)

    def _standard_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setText("确定")
        self.cancel_button.setText("取消")
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        self._frame.addWidget(self.buttons)

    def keep_enter_for_search(self) -> None:
        """Enter picks in a search box of this form, so it must not also press the OK button."""
        self._enter_submits = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self._enter_submits and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def row(self, label: str, widget: QWidget) -> QWidget:
        """A labelled row; its text fields are made wide enough for their hints at the current text size."""
        for edit in ([widget] if isinstance(widget, QLineEdit) else []) + widget.findChildren(QLineEdit):
            whole_hint(edit)
        if label:
            self.form.addRow(label + "：", widget)
        else:
            self.form.addRow(widget)
        return widget

    def submit(self) -> object:
        """Call the service; raise VillageDeskError to refuse. Returns what `saved` carries."""
        raise NotImplementedError

    def try_submit(self) -> bool:
        """Submit; once it is saved, publish what it wrote (every page showing those kinds refreshes)."""
        ctx = self._context()
        try:
            if ctx is None:
                result = self.submit()
            else:
                # a form may call several write services; the store notes each table they write
                with ctx.store.collecting() as written:
                    result = self.submit()
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return False
        self.error.setText("")
        self.result_value = result
        self.saved.emit(result)
        if ctx is not None:
            from villagedesk.domain.changes import from_tables

            ctx.events.publish(from_tables(written))
        self.accept()
        return True

    def _context(self):
        """The app context of this form, or of the page it was opened from."""
        widget = self
        while widget is not None:
            ctx = getattr(widget, "ctx", None)
            if ctx is not None:
                return ctx
            widget = widget.parentWidget()
        return None

    def ok(self) -> None:
        """What a click on the OK button does (for tests and keyboard users alike)."""
        self.try_submit()


def open_form(owner, dialog: FormDialog, on_saved=None) -> None:
    """Show `dialog` (kept on `owner.dialog` so it lives and tests can reach it); `on_saved(result)` runs when it saves.

    Pages need not redraw in `on_saved`: the form publishes what it wrote, and every page showing it redraws."""
    owner.dialog = dialog
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
