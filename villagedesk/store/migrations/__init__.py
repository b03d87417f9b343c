"""The one migration set. Append a module to _MODULES; never edit one that has shipped."""

from __future__ import annotations

import importlib

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("villagedesk")

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

SCHEMA_VERSION = len(MIGRATIONS._migrations)
KNOWN_NAMES = frozenset(m.name for m in MIGRATIONS._migrations)
