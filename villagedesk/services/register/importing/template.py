"""The roster template a village can fill in and import."""

from __future__ import annotations

from pathlib import Path

from villagedesk.reports.register_template import write_roster_template


def write_template(path: str | Path) -> Path:
    return write_roster_template(path)
