"""积分规则: earning and deduction items, each change a new version from its effective date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.ids import new_id
from villagedesk.domain.points.rules import DEFAULT_RULES, KINDS, validate_rule
from villagedesk.services.points.common import village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.points import rules as repo


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    name: str
    kind: str
    points: int
    description: str
    effective_from: str
    retired: bool

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def signed_points(self) -> int:
        return self.points if self.kind == "earn" else -self.points


def _rule(row) -> Rule:
    return Rule(row["id"], row["code"], row["name"], row["kind"], row["points"], row["description"],
                row["effective_from"], bool(row["retired"]))


@writes
def add_rule(store: Store, actor: Actor, name: str, kind: str, points, effective_from,
             description: str = "") -> Rule:
    draft = validate_rule(name, kind, points, effective_from, description)
    vid = village_id(store)
    with store.transaction():
        if repo.name_taken(store, vid, draft.name):
            raise ValidationError("名称", f"已有名为“{draft.name}”的规则；要改分值请用“新版本”")
        rid = store.insert("point_rules", {"village_id": vid, "code": new_id(), "name": draft.name,
                                           "kind": draft.kind, "points": draft.points,
                                           "description": draft.description,
                                           "effective_from": draft.effective_from.isoformat()},
                           actor, "新增积分规则", f"{draft.name}（{KINDS[draft.kind]} {draft.points} 分）")
    return _rule(repo.by_id(store, rid))


@writes
def new_version(store: Store, actor: Actor, rule_id: str, points, effective_from, name: str | None = None,
                description: str | None = None, retired: bool = False) -> Rule:
    """A new version of a rule from a date on; earlier activities keep the points of their day."""
    old = repo.by_id(store, rule_id)
    if old is None:
        raise NotFoundError("要修改的积分规则不存在。")
    draft = validate_rule(old["name"] if name is None else name, old["kind"], points, effective_from,
                          old["description"] if description is None else description)
    vid = village_id(store)
    day = draft.effective_from.isoformat()
    with store.transaction():
        if any(v["effective_from"] == day for v in repo.versions(store, vid, old["code"])):
            raise ValidationError("生效日期", f"该规则在 {day} 已有一个版本，请换一个生效日期")
        if draft.name != old["name"] and repo.name_taken(store, vid, draft.name, except_code=old["code"]):
            raise ValidationError("名称", f"已有名为“{draft.name}”的规则")
        rid = store.insert("point_rules", {"village_id": vid, "code": old["code"], "name": draft.name,
                                           "kind": old["kind"], "points": draft.points,
                                           "description": draft.description, "effective_from": day,
                                           "retired": int(retired)},
                           actor, "停用积分规则" if retired else "修改积分规则",
                           f"{draft.name}：{draft.points} 分，自 {day} 起" + ("停用" if retired else "生效"))
    return _rule(repo.by_id(store, rid))


@writes
def retire_rule(store: Store, actor: Actor, rule_id: str, effective_from) -> Rule:
    old = repo.by_id(store, rule_id)
    if old is None:
        raise NotFoundError("要停用的积分规则不存在。")
    return new_version(store, actor, rule_id, old["points"], effective_from, retired=True)


def rules_in_force(store: Store, day: dt.date | None = None, kind: str | None = None) -> list[Rule]:
    day = day or clock.today()
    return [_rule(r) for r in repo.in_force(store, village_id(store), day.isoformat(), kind)]


def catalogue(store: Store) -> list[Rule]:
    """Every version, for the rule table (latest version of each rule first)."""
    return [_rule(r) for r in repo.catalogue(store, village_id(store))]


def rule_by_id(store: Store, rule_id: str) -> Rule:
    row = repo.by_id(store, rule_id)
    if row is None:
        raise NotFoundError("积分规则不存在。")
    return _rule(row)


def rule_in_force(store: Store, rule_id: str, day: dt.date, kind: str, field: str) -> Rule:
    """The version of the rule named by `rule_id` in force on `day`, or a refusal naming the field."""
    row = repo.by_id(store, rule_id)
    if row is None:
        raise ValidationError(field, "不在积分规则目录中")
    current = repo.version_in_force(store, row["village_id"], row["code"], day.isoformat())
    if current is None or current["retired"]:
        raise ValidationError(field, f"“{row['name']}”在 {day.isoformat()} 不在有效的积分规则目录中")
    if current["kind"] != kind:
        raise ValidationError(field, f"“{row['name']}”是{KINDS[current['kind']]}项，不是{KINDS[kind]}项")
    return _rule(current)


@writes
def load_default_rules(store: Store, actor: Actor, effective_from: dt.date | None = None) -> int:
    """Fill an empty catalogue with the usual items; refused once the village has its own."""
    vid = village_id(store)
    day = (effective_from or clock.today()).isoformat()
    with store.transaction():
        if repo.count(store, vid):
            raise ConflictError("积分规则目录已有内容，不能再载入推荐规则。")
        rows = [{"id": new_id(), "village_id": vid, "code": new_id(), "name": n, "kind": k, "points": p, "description": d,
                 "effective_from": day, "retired": 0} for n, k, p, d in DEFAULT_RULES]
        store.insert_many("point_rules", rows, actor)
        store.audit(actor, "载入推荐积分规则", "point_rules", None, f"{len(rows)} 条，自 {day} 起生效")
    return len(rows)
