"""The top of a township-role page: its title, the 统计期间 picker with its button (wrapping at large text),
and the status line under them."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from villagedesk.ui.widgets.flow_layout import FlowLayout, labelled
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.period_box import period_box
from villagedesk.ui.widgets.period_picker import PeriodPicker


class PeriodHead(NamedTuple):
    layout: QVBoxLayout
    period: PeriodPicker
    show_button: QPushButton
    status: QLabel


def period_head(page: QWidget, title: str, key: str, show_text: str = "查看", with_all: bool = False) -> PeriodHead:
    """`key` names the widgets (`{key}-period`, `{key}-status`) that tests and the user's settings find."""
    layout = page_head(page, title, {})
    row = FlowLayout()
    period = period_box(f"{key}-period", with_all=with_all)
    row.addWidget(labelled("统计期间：", period))
    show = QPushButton(show_text)
    row.addWidget(show)
    layout.addLayout(row)
    status = QLabel()
    status.setObjectName(f"{key}-status")
    status.setWordWrap(True)
    layout.addWidget(status)
    return PeriodHead(layout, period, show, status)
