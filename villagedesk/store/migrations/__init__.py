"""The one migration set. Append a module to _MODULES; never edit one that has shipped."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable


class MigrationSet:
    """Registers steps with `@MIGRATIONS(name=...)`; applies them with sqlite-utils' Migrations.

    sqlite-utils is imported only when a step is pending, so opening an up-to-date database
    at start-up does not pay for importing it.
    """

    def __init__(self, name: str):
        self.name = name
        self.steps: list[Step] = []

    def __call__(self, *, name: str) -> Callable[[Callable], Callable]:
        def register(fn: Callable) -> Callable:
            if any(s.name == name for s in self.steps):
                raise ValueError(f"migration {name} registered twice")
            self.steps.append(Step(name, fn))
            return fn
        return register

    def applied_names(self, conn: sqlite3.Connection) -> list[str]:
        try:
            return [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", (self.name,))]
        except sqlite3.OperationalError:  # no migrations table yet: a new database
            return []

    def pending(self, conn: sqlite3.Connection) -> list[Step]:
        done = set(self.applied_names(conn))
        return [s for s in self.steps if s.name not in done]

    def apply(self, conn: sqlite3.Connection, stop_before: str | None = None) -> None:
        """Apply pending steps in order, each in its own transaction (up to `stop_before`, for tests)."""
        if not self.pending(conn):
            return
        from sqlite_utils import Database
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for s in self.steps:
            migrations(name=s.name)(s.fn)
        migrations.apply(Database(conn), stop_before=stop_before)


MIGRATIONS = MigrationSet("villagedesk")

# In order. Each module registers its steps on MIGRATIONS when imported.
_MODULES = (
    "m0001_foundation",
    "m0002_people_core",
    "m0003_grids_workers",
    "m0004_register",
    "m0005_field_work",
    "m0006_points",
)

for _name in _MODULES:
    importlib.import_module(f"{__name__}.{_name}")

SCHEMA_VERSION = len(MIGRATIONS.steps)
KNOWN_NAMES = frozenset(s.name for s in MIGRATIONS.steps)
