"""The township's pages' period picker: the one PeriodPicker, preselecting what 报表上报 would (last month in a
month's first days), and a typed period read even before Enter is pressed."""

from __future__ import annotations

from villagedesk.domain.period import Period, parse_period
from villagedesk.ui.widgets.period_picker import PeriodPicker

ALL_RECORDS = "全部记录（不限期间）"


def period_box(name: str, with_all: bool = False) -> PeriodPicker:
    """`with_all` adds a choice of every record, whatever its date."""
    return PeriodPicker(name, default="report", with_all=with_all, all_text=ALL_RECORDS)


def chosen_period(box: PeriodPicker) -> Period | None:
    """The period picked or typed (None: every record); a typed period in a wrong form raises ValidationError."""
    label = box.label()
    return parse_period(label) if label else None


def choose(box: PeriodPicker, label: str) -> None:
    """Pick the choice whose period is `label` ('' for every record), or type it."""
    box.choose(label)
