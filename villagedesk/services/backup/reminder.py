"""The 首页 reminder to back up off the PC, and when that was last done (light: read before the first paint)."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain.clock import now
from villagedesk.store import backup_settings
from villagedesk.store.connection import Store

DEFAULT_REMIND_DAYS = 7


def last_offpc(store: Store) -> dt.datetime | None:
    value = backup_settings.get(store, "last_offpc")
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=None) if value else None
    except ValueError:
        return None


def remind_days(store: Store) -> int:
    value = backup_settings.get(store, "remind_days")
    return int(value) if value and value.isdigit() else DEFAULT_REMIND_DAYS


def set_remind_days(store: Store, days: int) -> None:
    backup_settings.put(store, "remind_days", str(max(1, int(days))))


def reminder(store: Store) -> str | None:
    """The 首页 line when the last backup off this PC is older than the configured days (or never made)."""
    last = last_offpc(store)
    days = remind_days(store)
    if last is None:
        return "还没有把数据备份到U盘。电脑损坏或中毒时，U盘上的备份能把积分和账目找回来。"
    age = (now() - last).days
    if age < days:
        return None
    return f"已有 {age} 天没有备份到U盘（上次：{last:%Y-%m-%d}）。请插入U盘，点“备份到U盘”。"
