"""冲突 review: both versions of a field side by side, keep one; the choice is a new change, so it syncs."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.sensitive import masked
from villagedesk.services.access import authorize
from villagedesk.services.sync.pairing import peer_name
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.sync import packages, peers, rows

FIELD_LABELS = {"phone": "电话", "hamlet": "自然村", "group_name": "村民小组", "house_number": "门牌号",
                "status": "状态", "notes": "备注", "name": "姓名", "id_number": "身份证号", "relation": "与户主关系",
                "residence_status": "居住状态", "grid_id": "所属网格", "worker_id": "网格员", "title": "标题",
                "birth_date": "出生日期", "sex": "性别", "deleted_at": "作废"}
KIND_LABELS = {"field": "同一字段两边都改了", "unique": "违反唯一性", "clock": "对方时钟超前",
               "quarantine": "同一编号内容不同"}


class Conflict(NamedTuple):
    id: int
    kind: str
    table: str
    row_id: str
    record: str  # what a clerk recognises: the household's head and house, the resident's name…
    field: str | None
    kept: str | None  # the version this PC holds now
    lost: str | None  # the other version
    kept_by: str
    lost_by: str
    at: str

    @property
    def choosable(self) -> bool:
        return self.kind == "field"


def open_conflicts(store: Store) -> list[Conflict]:
    names = {p["node_id"]: peer_name(store, p) for p in peers.active(store)}
    names[store.node_id] = "本机"
    out = []
    moot = set(packages.superseded_field_conflicts(store))  # set again here since: the next import closes them
    for c in packages.open_conflicts(store):
        if c["id"] in moot:
            continue
        out.append(Conflict(c["id"], c["kind"], c["tbl"], c["row_id"], _record_label(store, c["tbl"], c["row_id"]),
                            FIELD_LABELS.get(c["field"], c["field"]), _shown(c["field"], c["kept"]),
                            _shown(c["field"], c["lost"]), names.get(c["kept_by"], c["kept_by"] or "—"),
                            names.get(c["lost_by"], c["lost_by"] or "—"), c["at"]))
    return out


@writes
def keep(store: Store, actor: Actor, conflict_id: int, version: str) -> None:
    """Keep 'kept' (this PC's current value) or 'lost' (the other one) for a field conflict. Either way the
    field is written again as a new change, later than both versions: every peer takes it, and its own
    copy of this conflict is closed when that change arrives."""
    if version not in ("kept", "lost"):
        raise ValidationError("保留哪个版本", "只能选“本机现在的”或“另一版本”。")
    who = authorize(store, actor, Action.IMPORT_SYNC)
    with store.transaction():
        c = packages.conflict(store, conflict_id)
        if c is None or c["resolved_at"] is not None:
            raise NotFoundError("这处冲突已经处理过了。")
        if c["kind"] != "field":
            packages.resolve(store, conflict_id, who.name)
            store.audit(who, "处理同步冲突", c["tbl"], c["row_id"], f"{KIND_LABELS.get(c['kind'])}：已核对")
            return
        if conflict_id in packages.superseded_field_conflicts(store):
            # the field was set again since (an edit on this PC): either version would undo that edit
            raise NotFoundError("这处冲突涉及的内容之后又修改过，已无需处理。")
        value = c[version]
        if rows.get(store, c["tbl"], c["row_id"]) is None:
            raise NotFoundError("冲突涉及的记录已不存在。")
        store.update(c["tbl"], c["row_id"], {c["field"]: value}, who, "处理同步冲突",
                     f"{c['field']} 保留{'本机现在的' if version == 'kept' else '另一'}版本：{value}")
        packages.resolve(store, conflict_id, who.name)


def _shown(field: str | None, value: str | None) -> str | None:
    """Identity numbers and phones masked, as everywhere else on screen."""
    return value if value is None or field not in ("id_number", "phone") else masked(field, value)


def _record_label(store: Store, tbl: str, row_id: str) -> str:
    try:
        row = rows.get(store, tbl, row_id)
    except KeyError:
        row = None
    if row is None:
        return row_id[-8:]
    if tbl == "households" and row.get("head_resident_id"):
        head = rows.get(store, "residents", row["head_resident_id"])
        return f"{head['name'] if head else ''}户 {row.get('hamlet') or ''}{row.get('house_number') or ''}".strip()
    for keys in (("hamlet", "house_number"), ("name",), ("title",), ("number",)):
        if all(row.get(k) for k in keys):
            return " ".join(str(row[k]) for k in keys)
    return row_id[-8:]
