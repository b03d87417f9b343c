"""The one registry of change kinds: what a write changed (kinds, ids where cheap), and which tables make each kind."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping


class Kind(enum.Enum):
    """A kind of record a page shows. Pages declare the kinds they show; writes report the kinds they touched."""

    VILLAGES = "villages"
    USERS = "users"
    AUDIT = "audit"
    SETTINGS = "settings"
    GRIDS = "grids"
    WORKERS = "workers"
    ASSIGNMENTS = "assignments"  # who serves which grid (rotation)
    RESERVE = "reserve"
    EVALUATIONS = "evaluations"
    TRAININGS = "trainings"
    STIPENDS = "stipends"  # tier tables and subsidy rates
    SERVICE_DAYS = "service_days"  # a worker's paid days outside routine work (emergencies, temporary duty)
    PAYROLL = "payroll"
    HOUSEHOLDS = "households"
    RESIDENTS = "residents"
    INSURANCE = "insurance"
    VISITS = "visits"
    FINDINGS = "findings"
    FOLLOW_UPS = "follow_ups"
    NOTICES = "notices"
    DISPUTES = "disputes"
    EMERGENCIES = "emergencies"
    ACTIVITIES = "activities"
    RULES = "rules"  # the points rule catalogue
    LEDGER = "ledger"  # points entries and balances
    GOODS = "goods"
    STOCK = "stock"
    REDEMPTIONS = "redemptions"
    RECEIPTS = "receipts"  # receipt prints (reprints)
    REPORT_FORMS = "report_forms"  # form specifications of the upward reports
    SUBMISSIONS = "submissions"  # reports sent up and the township's answers
    RECEIPT_SERIES = "receipt_series"  # at a township: the series each village PC reports, and those it hands


# Every table of the schema makes one or more kinds, or none (bookkeeping nobody shows). A test checks that
# every table of a fresh database is in one of these two; a write to a table in neither is published as
# everything, so a forgotten table redraws too much, never too little.
TABLE_KINDS: Mapping[str, tuple[Kind, ...]] = {
    "villages": (Kind.VILLAGES,),
    "users": (Kind.USERS,),
    "user_credentials": (Kind.USERS,),  # PIN hashes and sign-in locks (local to this PC)
    "audit_log": (Kind.AUDIT,),
    "settings": (Kind.SETTINGS,),
    "grids": (Kind.GRIDS,),
    "grid_assignments": (Kind.ASSIGNMENTS,),
    "workers": (Kind.WORKERS,),
    "reserve_cadres": (Kind.RESERVE,),
    "eval_rubrics": (Kind.EVALUATIONS,),
    "eval_rubric_items": (Kind.EVALUATIONS,),
    "evaluations": (Kind.EVALUATIONS,),
    "evaluation_scores": (Kind.EVALUATIONS,),
    "trainings": (Kind.TRAININGS,),
    "training_attendance": (Kind.TRAININGS,),
    "stipend_tier_tables": (Kind.STIPENDS,),
    "stipend_tiers": (Kind.STIPENDS,),
    "subsidy_rates": (Kind.STIPENDS,),
    "payrolls": (Kind.PAYROLL,),
    "payroll_lines": (Kind.PAYROLL,),
    "payroll_adjustments": (Kind.PAYROLL,),
    "payroll_paid_days": (Kind.PAYROLL,),
    "households": (Kind.HOUSEHOLDS,),
    "household_moves": (Kind.HOUSEHOLDS,),
    "residents": (Kind.RESIDENTS,),
    "resident_categories": (Kind.RESIDENTS,),
    "insurance_enrolments": (Kind.INSURANCE,),
    "visits": (Kind.VISITS,),
    "visit_findings": (Kind.FINDINGS,),
    "follow_ups": (Kind.FOLLOW_UPS,),
    "notices": (Kind.NOTICES,),
    "notice_grids": (Kind.NOTICES,),
    "notice_reaches": (Kind.NOTICES,),
    "disputes": (Kind.DISPUTES,),
    "dispute_parties": (Kind.DISPUTES,),
    "mediations": (Kind.DISPUTES,),
    "emergencies": (Kind.EMERGENCIES,),
    "emergency_actions": (Kind.EMERGENCIES,),
    "emergency_grids": (Kind.EMERGENCIES,),
    "emergency_service_days": (Kind.EMERGENCIES, Kind.SERVICE_DAYS),
    "activities": (Kind.ACTIVITIES,),
    "activity_grids": (Kind.ACTIVITIES,),
    "activity_participants": (Kind.ACTIVITIES,),
    "point_rules": (Kind.RULES,),
    "point_entries": (Kind.LEDGER,),
    "point_balances": (Kind.LEDGER,),
    "goods": (Kind.GOODS,),
    "stock_movements": (Kind.STOCK,),
    "goods_stock": (Kind.STOCK,),
    "redemptions": (Kind.REDEMPTIONS,),
    "redemption_items": (Kind.REDEMPTIONS,),
    "receipt_prints": (Kind.RECEIPTS,),
    "report_forms": (Kind.REPORT_FORMS,),
    "report_submissions": (Kind.SUBMISSIONS,),
    "report_reviews": (Kind.SUBMISSIONS,),
    "township_pc_series": (Kind.RECEIPT_SERIES,),
    "township_series_grants": (Kind.RECEIPT_SERIES,),
}
INTERNAL_TABLES = frozenset({
    "_sqlite_migrations", "sqlite_sequence", "change_log", "node_identity", "node_history", "sync_state",
    "synced_tables", "register_search_entities", "register_search_terms", "register_search_dirty",
    # sync's own bookkeeping: an import publishes everything, the 数据同步 page reads these itself
    "sync_peers", "sync_held", "sync_base_clocks", "sync_acks", "sync_packages", "sync_conflicts", "sync_pruned",
})


# Plain classes, not dataclasses: the app's start-up imports this module before the first paint.
class Changes:
    """What one write changed: the kinds, and per kind the ids written (None: not known, any of them)."""

    __slots__ = ("kinds", "ids")

    def __init__(self, kinds: frozenset[Kind] = frozenset(), ids: Mapping[Kind, frozenset[str] | None] | None = None):
        if not isinstance(kinds, frozenset) or not all(isinstance(k, Kind) for k in kinds):
            raise TypeError(f"Changes takes a frozenset of Kind, not {kinds!r}")
        self.kinds = kinds
        self.ids: Mapping[Kind, frozenset[str] | None] = ids if ids is not None else {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Changes) and self.kinds == other.kinds

    def __hash__(self) -> int:
        return hash(self.kinds)

    @property
    def everything(self) -> bool:
        return self.kinds == _ALL

    def touches(self, kinds: Iterable[Kind]) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def ids_of(self, kind: Kind) -> frozenset[str] | None:
        """The ids written of `kind` (empty if none of that kind; None if some, but which is not known)."""
        if kind not in self.kinds:
            return frozenset()
        return self.ids.get(kind)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        ids: dict[Kind, frozenset[str] | None] = {}
        for kind in self.kinds | other.kinds:
            a, b = self.ids_of(kind), other.ids_of(kind)
            ids[kind] = None if a is None or b is None else a | b
        return Changes(self.kinds | other.kinds, ids)

    @property
    def changes(self) -> Changes:
        return self

    def __repr__(self) -> str:
        if self.everything:
            return "Changes(EVERYTHING)"
        return f"Changes({', '.join(sorted(k.value for k in self.kinds))})"


_ALL = frozenset(Kind)
NOTHING = Changes()
EVERYTHING = Changes(_ALL, dict.fromkeys(_ALL))  # a sync import or a restore: every page redraws


def of(*kinds: Kind) -> Changes:
    """Changes of these kinds, ids not known (for tests and for writes the store does not see)."""
    return Changes(frozenset(kinds), dict.fromkeys(kinds))


def from_tables(written: Mapping[str, set[str | None]]) -> Changes:
    """The changes a set of written tables makes (per table, the row ids written; None among them: some unknown)."""
    ids: dict[Kind, frozenset[str] | None] = {}
    for table, rows in written.items():
        kinds = TABLE_KINDS.get(table)
        if kinds is None:
            if table in INTERNAL_TABLES:
                continue
            return EVERYTHING
        known = None if None in rows else frozenset(r for r in rows if r is not None)
        for kind in kinds:
            before = ids.get(kind, frozenset())
            ids[kind] = None if before is None or known is None else before | known
    return Changes(frozenset(ids), ids)


# -- a write service's result carries its changes: `result.changes` --

class Done:
    """The result of a write that has nothing else to return."""

    __slots__ = ("changes",)

    def __init__(self, changes: Changes = NOTHING):
        self.changes = changes

    def __repr__(self) -> str:
        return f"Done({self.changes!r})"


class ChangedId(str):
    """An id (or other text) returned by a write, with the write's changes."""

    changes: Changes


class ChangedCount(int):
    """A count returned by a write, with the write's changes."""

    changes: Changes


class ChangedList(list):
    """A list returned by a write, with the write's changes."""

    changes: Changes


_TUPLE_CARRIERS: dict[type, type] = {}


def _tuple_carrier(cls: type) -> type:
    """A subclass of a tuple type (a NamedTuple such as Actor) whose instances can carry changes."""
    if cls not in _TUPLE_CARRIERS:
        _TUPLE_CARRIERS[cls] = type(f"Changed{cls.__name__}", (cls,), {"__doc__": f"A {cls.__name__} with changes."})
    return _TUPLE_CARRIERS[cls]


def with_changes(result: object, changes: Changes):
    """`result` carrying `changes` as `.changes`, its value and type otherwise unchanged (a str stays a str)."""
    if result is None:
        return Done(changes)
    if isinstance(result, bool):
        raise TypeError("a write service returns a result that can carry its changes, not a bool")
    carried: object
    if isinstance(result, str):
        carried = ChangedId(result)
    elif isinstance(result, int):
        carried = ChangedCount(result)
    elif isinstance(result, list):
        carried = ChangedList(result)
    elif isinstance(result, tuple):
        cls = _tuple_carrier(type(result))
        carried = cls._make(result) if hasattr(result, "_fields") else cls(result)  # type: ignore[attr-defined]
    else:
        carried = result  # a result dataclass (frozen ones too)
    object.__setattr__(carried, "changes", changes)
    return carried


def changes_of(result: object) -> Changes:
    """The changes a write's result carries (a Changes is its own)."""
    changes = getattr(result, "changes", None)
    if not isinstance(changes, Changes):
        raise TypeError(f"{type(result).__name__} carries no changes: only a write service's result does")
    return changes
