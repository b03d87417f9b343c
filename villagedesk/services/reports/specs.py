"""Form specifications: the shipped defaults (resources/report_forms.json) overridden by those stored in the db."""

from __future__ import annotations

import json
from functools import lru_cache

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError
from villagedesk.domain.permissions import Action, refusal
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


def edit_refusal(actor: Actor) -> str | None:
    """Who prepares the reports (文书/会计) keeps their forms' specifications and contact phone; None if allowed."""
    return refusal(actor, Action.PREPARE_REPORT)


def _editor(store: Store, actor: Actor, current: FormSpec, source: str) -> Actor:
    """The acting user as the store knows them, refused (and audited) if they may not change this spec."""
    who = signed(store, actor)
    why = edit_refusal(who)
    if why is None and current.source == "township" and source != "township":
        why = (f"“{current.title}”的表式（{current.number}）由乡镇下发，本村不能修改或恢复；"
               "如有错误，请联系乡镇更正后随同步包下发。")
    if why is not None:
        raise refuse(store, who, why, Action.PREPARE_REPORT)
    return who


@writes
def save_spec(store: Store, actor: Actor, key: str, values: dict, source: str = "village") -> FormSpec:
    """Store an edited (or township-sent) spec; validated before anything is written."""
    current = spec(store, key)
    actor = _editor(store, actor, current, source)
    new = edited_spec(current, values, source)
    record = {"report_key": key, "number": new.number, "authority": new.authority, "approval": new.approval,
              "valid_until": new.valid_until, "period_kind": new.period_kind, "due_day": new.due_day,
              "measure": new.measure, "source": source}
    with store.transaction():
        existing = repo.stored_spec_id(store, key)
        if existing:
            store.update("report_forms", existing, record, actor, "修改报表表式", f"{new.number} {new.title}")
        else:
            store.insert("report_forms", record, actor, "修改报表表式", f"{new.number} {new.title}")
    return new


@writes
def reset_spec(store: Store, actor: Actor, key: str) -> FormSpec:
    """Back to the shipped default (the stored override is tombstoned)."""
    actor = _editor(store, actor, spec(store, key), "village")
    with store.transaction():
        if existing := repo.stored_spec_id(store, key):
            store.tombstone("report_forms", existing, actor, "恢复报表默认表式", key)
    return default_specs()[key]


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
