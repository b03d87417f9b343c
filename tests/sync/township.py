"""Builders for the township tests: small demo villages, a township node, pairing and sending packages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from tests.conftest import TEST_ACTOR, adopt_test_user
from villagedesk import cli
from villagedesk.domain.actor import Actor
from villagedesk.services import demo, village
from villagedesk.services.sync import packages, pairing
from villagedesk.services.township import node
from villagedesk.store import open_store

TOWNSHIP = ("510903104000", "河东镇")
ADMIN = Actor("township-admin", "周镇干", "township_admin")
DEMO_DAY = dt.date(2026, 10, 31)  # the demo's records end here; the month of work is November


def demo_village(path: Path, code: str = "510903104201", name: str = "桂花村", households: int = 30,
                 seed: int = 7):
    """A small demo village of the township, its PC's store open, TEST_ACTOR one of its heads."""
    s = open_store(path, create=True)
    village.init_village(s, TEST_ACTOR, code, name, TOWNSHIP[1], "测试员", user_id=TEST_ACTOR.user_id)
    demo.generate_demo(s, TEST_ACTOR, households=households, seed=seed, today=DEMO_DAY)
    adopt_test_user(s)
    return s


def township_node(path: Path):
    s = open_store(path, create=True)
    node.init_township(s, TEST_ACTOR, *TOWNSHIP, ADMIN.name, user_id=ADMIN.user_id)
    return s


def registration(store, folder: Path, actor: Actor = TEST_ACTOR) -> Path:
    out = folder / f"{store.path.stem}.vdreg"
    pairing.write_registration_file(store, actor, out)
    return out


def pair(a, a_actor: Actor, b, b_actor: Actor, folder: Path) -> None:
    """Each side imports the other's registration file (the fingerprints compared by phone)."""
    pairing.pair(b, b_actor, pairing.read_registration_file(registration(a, folder, a_actor)))
    pairing.pair(a, a_actor, pairing.read_registration_file(registration(b, folder, b_actor)))


def send(src, src_actor: Actor, dst, dst_actor: Actor, folder: Path):
    """A package written for `dst` into `folder` (the stick), then imported there."""
    written = packages.export_for(src, src_actor, dst.node_id, folder)
    return written, packages.import_file(dst, dst_actor, written.path)


def cli_stats(store, *args: str, capsys) -> dict:
    """`villagedesk-cli stats --json …` on a store's file, as township IT staff would run it."""
    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    capsys.readouterr()
    assert cli.main(["--db", str(store.path), "stats", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def records_digest(store) -> str:
    """Every synced row, the change log, the watermarks and the sync history: what a refused package must
    leave exactly as it was (the audit trail may gain the refusal's line)."""
    from villagedesk.store.sync import rows

    h = hashlib.sha256()
    for tbl in rows.synced_tables(store):
        for row in store.conn.execute(f"SELECT * FROM {tbl} ORDER BY id"):
            h.update(repr(tuple(row)).encode())
    for table in ("change_log", "sync_held", "sync_acks", "sync_packages", "sync_conflicts", "sync_peers"):
        for row in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


OCTOBER_SENDERS = (("510903104201", "桂花村"), ("510903104202", "石桥村"), ("510903104203", "白马村"))


def sign_off(store, folder: Path, day: int) -> None:
    """报出 of the village's October set on `day` November (the set's files left out: only the record matters)."""
    from villagedesk.domain import clock
    from villagedesk.domain.period import parse_period
    from villagedesk.services.reports import export, sending
    from villagedesk.services.reports.building import build_set

    october = parse_period("2026-10")
    clock.pin(dt.datetime(2026, 11, day, 9, 0))
    sending.sign_and_submit(store, TEST_ACTOR, export.SetExport(folder, {}, build_set(store, october), october))


def reporting_township(folder: Path):
    """A township whose three villages answered October differently: 桂花村 sent its set up on 2 November,
    石桥村 on 6 November (its roster then sent back), 白马村 not at all; each package reached the township on
    7 November. The clock is left unpinned."""
    from villagedesk.domain import clock
    from villagedesk.services.reports import submissions

    node = township_node(folder / "township.db")
    villages = [demo_village(folder / f"v{i}.db", code, name, households=4, seed=20 + i)
                for i, (code, name) in enumerate(OCTOBER_SENDERS)]
    for v in villages:
        pair(v, TEST_ACTOR, node, ADMIN, folder)
    sign_off(villages[0], folder, 2)
    sign_off(villages[1], folder, 6)
    submissions.record_answer(villages[1], TEST_ACTOR, "roster", "2026-10", "returned", "花名册缺联系电话")
    clock.pin(dt.datetime(2026, 11, 7, 17, 0))
    for v in villages:
        send(v, TEST_ACTOR, node, ADMIN, folder)
        v.close()
    clock.pin(None)
    return node
