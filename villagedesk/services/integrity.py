"""`check`: the whole database's integrity, foreign keys, change log, ledger chains, balances and cross-examination."""

from __future__ import annotations

from collections.abc import Callable

from villagedesk.services.cross_checks import CHECKS as CROSS_CHECKS
from villagedesk.services.field_work.checks import field_work_problems
from villagedesk.services.points.checks import CHECKS as POINTS_CHECKS
from villagedesk.services.privacy import audit_problems
from villagedesk.store import integrity
from villagedesk.store.connection import Store
from villagedesk.store.grids import integrity as grid_integrity
from villagedesk.store.register.integrity import register_problems

# Each feature adds its checks here (the points ledger adds chains and balances).
CHECKS: list[Callable[[Store], list[str]]] = [
    integrity.sqlite_problems,
    integrity.change_log_problems,
    integrity.household_problems,
]
CHECKS.extend(POINTS_CHECKS)
CHECKS.append(register_problems)
CHECKS.append(field_work_problems)
CHECKS.extend([grid_integrity.payroll_problems, grid_integrity.assignment_problems])
CHECKS.append(audit_problems)
CHECKS.extend(CROSS_CHECKS)


def check(store: Store) -> list[str]:
    """Every problem found, as Chinese sentences; an empty list means the database is sound."""
    problems: list[str] = []
    for fn in CHECKS:
        problems.extend(fn(store))
    return problems
