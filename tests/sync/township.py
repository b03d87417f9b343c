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
