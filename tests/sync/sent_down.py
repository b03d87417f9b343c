"""Builders for the sent-down tests: a township node and two village nodes that sent their October set up."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, demo_village, pair, send, township_node
from villagedesk.domain import clock
from villagedesk.domain.period import parse_period

OCTOBER = parse_period("2026-10")
VILLAGES = (("510903104201", "桂花村"), ("510903104202", "石桥村"))


def set_file(folder: Path, code: str) -> Path:
    """The workbook a village hands over with its set (any bytes do: only its sha256 is recorded)."""
    path = folder / f"{code}_2026-10_报表全套.xlsx"
    path.write_bytes(f"{code} 十月报表".encode())
    return path


def submit_with_file(store, folder: Path, code: str, day: int) -> Path:
    """报出 of the village's October set on `day` November, its one workbook's sha256 recorded."""
    from villagedesk.services.reports import export, sending
    from villagedesk.services.reports.building import build_set

    path = set_file(folder, code)
    clock.pin(dt.datetime(2026, 11, day, 9, 0))
    sending.sign_and_submit(store, TEST_ACTOR, export.SetExport(
        folder, {path.name: hashlib.sha256(path.read_bytes()).hexdigest()}, build_set(store, OCTOBER), OCTOBER))
    return path


def township_and_villages(folder: Path):
    """(township, [桂花村, 石桥村]): small demo villages paired with the township, each one's first package imported."""
    node = township_node(folder / "township.db")
    villages = []
    for i, (code, name) in enumerate(VILLAGES):
        v = demo_village(folder / f"v{i}.db", code, name, households=4, seed=40 + i)
        pair(v, TEST_ACTOR, node, ADMIN, folder)
        send(v, TEST_ACTOR, node, ADMIN, folder)
        villages.append(v)
    return node, villages


def township_with_two_villages(folder: Path):
    """(township, [桂花村, 石桥村]): both paired, both sent October up on 2 and 3 November, both packages imported
    at the township on 4 November. The clock is left pinned there (the caller unpins)."""
    node = township_node(folder / "township.db")
    villages = []
    for i, (code, name) in enumerate(VILLAGES):
        v = demo_village(folder / f"v{i}.db", code, name, households=4, seed=40 + i)
        pair(v, TEST_ACTOR, node, ADMIN, folder)
        sub = folder / code
        sub.mkdir()
        submit_with_file(v, sub, code, 2 + i)
        villages.append(v)
    clock.pin(dt.datetime(2026, 11, 4, 10, 0))
    for v in villages:
        send(v, TEST_ACTOR, node, ADMIN, folder)
    return node, villages
