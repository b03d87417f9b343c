"""What the frozen-migration tests compare: each step's source hash and a dump of each released schema.

When a schema version is released (lands in a release a village installs), save its dump once:
    .venv/bin/python -m tests.store.frozen_schema 7
which writes tests/store/frozen/schema_0007.sql. Unreleased steps need no dump, only their hash line.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

from villagedesk.store import migrations
from villagedesk.store.migrations import MIGRATIONS, STEP_NAMES

FROZEN = Path(__file__).resolve().parent / "frozen"
HASHES = FROZEN / "migration_hashes.txt"
STEP_DIR = Path(migrations.__file__).resolve().parent
# sqlite-utils stamps each applied step with the wall time; a dump pins it so it compares byte for byte.
APPLIED_AT = "2026-11-30 00:00:00"


def step_file(name: str) -> Path:
    return STEP_DIR / f"m{name}.py"


def source_hash(name: str) -> str:
    """sha256 of a step's source with line endings made LF, so a Windows checkout hashes the same."""
    text = step_file(name).read_bytes().replace(b"\r\n", b"\n")
    return hashlib.sha256(text).hexdigest()


def recorded_hashes() -> dict[str, str]:
    pairs = (line.split() for line in HASHES.read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return {name: digest for name, digest in pairs}


def dump_path(version: int) -> Path:
    return FROZEN / f"schema_{version:04d}.sql"


def released_versions() -> list[int]:
    return sorted(int(p.stem.split("_")[1]) for p in FROZEN.glob("schema_*.sql"))


def build(conn: sqlite3.Connection, version: int) -> None:
    """Apply steps 1..version of today's code to an empty database."""
    conn.execute("PRAGMA foreign_keys = ON")
    stop = STEP_NAMES[version] if version < len(STEP_NAMES) else None
    MIGRATIONS.apply(conn, stop_before=stop)


def dump(conn: sqlite3.Connection) -> str:
    """The whole database as SQL (schema and the rows the steps wrote), applied_at pinned."""
    conn.execute("UPDATE _sqlite_migrations SET applied_at = ?", (APPLIED_AT,))
    return "\n".join(conn.iterdump()) + "\n"


def built_dump(version: int) -> str:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        build(conn, version)
        return dump(conn)
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    for arg in argv:
        version = int(arg)
        dump_path(version).write_text(built_dump(version), "utf-8")
        print(f"wrote {dump_path(version)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
