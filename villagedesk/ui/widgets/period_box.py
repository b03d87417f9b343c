"""The period picker of the township's pages: the 报表上报 page's choices, editable for any other period."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from villagedesk.domain.period import Period, parse_period
from villagedesk.ui.pages.reports.periods import period_choices

ALL_RECORDS = "全部记录（不限期间）"


def period_box(name: str, with_all: bool = False) -> QComboBox:
    """An editable combo of recent months, quarters and years (the preselected one first); `with_all` adds a
    choice of every record, whatever its date."""
    box = QComboBox()
    box.setObjectName(name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumWidth(260)
    for text, label in period_choices():
        box.addItem(text, label)
    if with_all:
        box.addItem(ALL_RECORDS, "")
    box.setToolTip("也可输入其他期间，例如 2026-10-01..2026-10-15")
    return box


def chosen_period(box: QComboBox) -> Period | None:
    """The period picked or typed (None: every record); a typed period in a wrong form raises ValidationError."""
    text = box.currentText().strip()
    i = box.findText(text)
    label = box.itemData(i) if i >= 0 else text
    return parse_period(label) if label else None


def choose(box: QComboBox, label: str) -> None:
    """Pick the choice whose period is `label` ('' for every record), or type it."""
    i = box.findData(label)
    if i >= 0:
        box.setCurrentIndex(i)
    else:
        box.setEditText(label)
