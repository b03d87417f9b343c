"""Form specifications: the shipped defaults (resources/report_forms.json) overridden by those stored in the db."""

from __future__ import annotations

import json
from functools import lru_cache

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError
from villagedesk.domain.permissions import Action, node_refusal, refusal
from villagedesk.domain.report_forms import FormSpec, edited_spec
from villagedesk.reports.catalogue import REPORT_KEYS
from villagedesk.resources import resources_dir
from villagedesk.services.access import refuse, signed
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.reports import forms as repo


@lru_cache(maxsize=1)
def default_specs() -> dict[str, FormSpec]:
    data = json.loads((resources_dir() / "report_forms.json").read_text(encoding="utf-8"))
    specs = {}
    for f in data["forms"]:
        specs[f["key"]] = FormSpec(f["key"], f["title"], f["number"], f.get("authority", data["authority"]),
                                   f.get("approval", data["approval"]), f.get("valid_until", data["valid_until"]),
                                   f["period_kind"], int(f["due_day"]), f.get("measure", ""))
    missing = set(REPORT_KEYS) - set(specs)
    if missing:
        raise AssertionError(f"report_forms.json lacks {sorted(missing)}")
    return specs


def specs(store: Store) -> dict[str, FormSpec]:
    """Every report's spec in catalogue order: a stored one wins over the shipped default."""
    stored = repo.stored_specs(store)
    out = {}
    for key in REPORT_KEYS:
        spec = default_specs()[key]
        if (row := stored.get(key)) is not None:
            spec = edited_spec(spec, {k: row[k] for k in ("number", "authority", "approval", "valid_until",
                                                        "period_kind", "due_day", "measure")}, row["source"])
        out[key] = spec
    return out


def spec(store: Store, key: str) -> FormSpec:
    found = specs(store).get(key)
    if found is None:
        raise NotFoundError(f"报表“{key}”不存在。可用：{'、'.join(REPORT_KEYS)}")
    return found


def edit_refusal(actor: Actor, node_role: str = "village") -> str | None:
    """Who keeps the forms' specifications, None if allowed: at a village who prepares the reports (文书/会计),
    also its contact phone; at a township its 乡镇管理员, who sets them for every village (sent down)."""
    if node_role == "township":
        return refusal(actor, Action.RETURN_REPORT, node_role=node_role)
    if node_role != "village":
        return node_refusal(node_role, Action.PREPARE_REPORT)
    return refusal(actor, Action.PREPARE_REPORT)


def township_refusal(spec: FormSpec) -> str:
    """Why a village does not change a form specification the township sent down."""
    return (f"“{spec.title}”的表式（{spec.number}）由乡镇下发，本村不能修改或恢复；"
            "如有错误，请联系乡镇更正后随同步包下发。")


def _node_role(store: Store) -> str:
    from villagedesk.store import node

    return node.role(store.conn)


def change_refusal(store: Store, actor: Actor, current: FormSpec | None = None) -> str | None:
    """Why `actor` may not change `current` (or any spec) on this node, for the page's buttons; None if allowed."""
    role = _node_role(store)
    why = edit_refusal(actor, role)
    if why is None and current is not None and role != "township" and current.source == "township":
        why = township_refusal(current)
    return why


def is_township(store: Store) -> bool:
    return _node_role(store) == "township"


def _editor(store: Store, actor: Actor, current: FormSpec, source: str) -> Actor:
    """The acting user as the store knows them, refused (and audited) if they may not change this spec."""
    who = signed(store, actor)
    role = _node_role(store)
    why = change_refusal(store, who, current if source != "township" else None)
    if why is not None:
        raise refuse(store, who, why, Action.RETURN_REPORT if role == "township" else Action.PREPARE_REPORT)
    return who


@writes(township=True)  # at a township node the township's own record, sent down
def save_spec(store: Store, actor: Actor, key: str, values: dict, source: str = "village") -> FormSpec:
    """Store an edited spec; validated before anything is written. At a township node it is the township's,
    sent down to every village in its next package (sync/ownership.py)."""
    if _node_role(store) == "township":
        source = "township"
    current = spec(store, key)
    actor = _editor(store, actor, current, source)
    new = edited_spec(current, values, source)
    record = {"report_key": key, "number": new.number, "authority": new.authority, "approval": new.approval,
              "valid_until": new.valid_until, "period_kind": new.period_kind, "due_day": new.due_day,
              "measure": new.measure, "source": source}
    with store.transaction():
        existing = repo.stored_spec_id(store, key, source)
        if existing:
            store.update("report_forms", existing, record, actor, "修改报表表式", f"{new.number} {new.title}")
        else:
            store.insert("report_forms", record, actor, "修改报表表式", f"{new.number} {new.title}")
    return new


@writes(township=True)
def reset_spec(store: Store, actor: Actor, key: str) -> FormSpec:
    """Back to the shipped default (this node's stored override is tombstoned): at a township its own spec,
    withdrawn from the villages in its next package."""
    source = "township" if _node_role(store) == "township" else "village"
    actor = _editor(store, actor, spec(store, key), source)
    with store.transaction():
        if existing := repo.stored_spec_id(store, key, source):
            store.tombstone("report_forms", existing, actor, "恢复报表默认表式", key)
    return spec(store, key)


def contact_phone(store: Store) -> str:
    return repo.setting(store, "reports.phone") or ""


@writes
def set_contact_phone(store: Store, actor: Actor, phone: str) -> None:
    from villagedesk.domain.phone import validate_phone

    actor = signed(store, actor)
    if (why := edit_refusal(actor)) is not None:
        raise refuse(store, actor, why, Action.PREPARE_REPORT)
    value = validate_phone(phone, "联系电话") if phone.strip() else ""
    with store.transaction():
        repo.put_setting(store, "reports.phone", value)
        store.audit(actor, "修改报表联系电话", detail=value)
