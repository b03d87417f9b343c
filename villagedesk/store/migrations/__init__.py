"""The one migration set. Append a step name to STEP_NAMES and its module; never edit one that has shipped."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable

# In order. Step "0007_x" lives in module m0007_x and registers itself with @MIGRATIONS(name="0007_x").
# The names are listed here, not collected from the modules, so that opening an up-to-date
# database (every start of the app) neither imports the step modules nor sqlite-utils.
STEP_NAMES = (
    "0001_foundation",
    "0002_people_core",
    "0003_grids_workers",
    "0004_register",
    "0005_field_work",
    "0006_points",
    "0008_users_roles",
    "0010_backups",
    "0011_reports",
    "0012_sync",
    "0013_scope",
    "0014_hostile",
    "0015_prune",
    "0016_sent_down",
    "0017_township_forms",
    "0018_kpi_indexes",
    "0019_township_stipends",
    "0020_township_series",
    "0021_cycle_child_indexes",
)
SCHEMA_VERSION = len(STEP_NAMES)
KNOWN_NAMES = frozenset(STEP_NAMES)


class Step:
    """One registered step: its name and the function that takes a sqlite-utils Database."""

    __slots__ = ("name", "fn")

    def __init__(self, name: str, fn: Callable):
        self.name, self.fn = name, fn


class MigrationSet:
    """Registers steps with `@MIGRATIONS(name=...)`; applies them with sqlite-utils' Migrations."""

    def __init__(self, name: str, step_names: tuple[str, ...]):
        self.name = name
        self.step_names = step_names
        self._steps: list[Step] = []
        self._loaded = False

    def __call__(self, *, name: str) -> Callable[[Callable], Callable]:
        def register(fn: Callable) -> Callable:
            if any(s.name == name for s in self._steps):
                raise ValueError(f"migration {name} registered twice")
            self._steps.append(Step(name, fn))
            return fn
        return register

    @property
    def steps(self) -> list[Step]:
        """Every step in order, importing the step modules on first use."""
        if not self._loaded:
            for step_name in self.step_names:
                importlib.import_module(f"{__name__}.m{step_name}")
            if [s.name for s in self._steps] != list(self.step_names):
                raise RuntimeError("migration modules registered "
                                   f"{[s.name for s in self._steps]}, STEP_NAMES lists {list(self.step_names)}")
            self._loaded = True
        return self._steps

    def applied_names(self, conn: sqlite3.Connection) -> list[str]:
        try:
            return [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", (self.name,))]
        except sqlite3.OperationalError:  # no migrations table yet: a new database
            return []

    def pending_names(self, conn: sqlite3.Connection) -> list[str]:
        done = set(self.applied_names(conn))
        return [n for n in self.step_names if n not in done]

    def pending(self, conn: sqlite3.Connection) -> list[Step]:
        wanted = set(self.pending_names(conn))
        return [s for s in self.steps if s.name in wanted]

    def apply(self, conn: sqlite3.Connection, stop_before: str | None = None) -> None:
        """Apply pending steps in order, each in its own transaction (up to `stop_before`, for tests)."""
        if not self.pending_names(conn):
            return
        from sqlite_utils import Database
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for s in self.steps:
            migrations(name=s.name)(s.fn)
        migrations.apply(Database(conn), stop_before=stop_before)


MIGRATIONS = MigrationSet("villagedesk", STEP_NAMES)
