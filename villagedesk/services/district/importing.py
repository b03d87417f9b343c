"""district-import: a township's 区县汇总包 taken in at the district — verified as sync packages are, the same
package twice changes nothing, a newer one for the same township and period replaces the older, a township
outside the district is refused by name and audited."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.district import in_district, outside_refusal
from villagedesk.domain.errors import ConflictError, ValidationError, VillageDeskError
from villagedesk.domain.permissions import Action
from villagedesk.services import diagnostics
from villagedesk.services.access import authorize
from villagedesk.services.district.node import home_district
from villagedesk.services.sync.pairing import keys
from villagedesk.services.writes import writes
from villagedesk.store import district as repo
from villagedesk.store.connection import Store
from villagedesk.sync import envelope
from villagedesk.sync.receive import DISTRICT_KIND, sender_key

MEMBER = "aggregates.json"


class Imported(NamedTuple):
    township_code: str
    township_name: str
    period: str
    villages: int
    outcome: str  # new | replaced | same | older

    @property
    def message(self) -> str:
        return {"new": "已导入", "replaced": "已导入（替换了同一期间较早的汇总包）",
                "same": "已导入过，无需重复", "older": "本机已有该乡镇同一期间更新的汇总包，未导入"}[self.outcome]


class Held(NamedTuple):
    """A township's package this district holds for a period (the newest it received for it)."""

    township_code: str
    township_name: str
    period: str
    villages: int
    created_at: str
    imported_at: str
    imported_by: str
    file_name: str
    sender: str  # the township's node id


def held_packages(store: Store) -> list[Held]:
    """Every package held here, the newest period first, then by township code."""
    out = [Held(p["township_code"], p["township_name"], p["period"], len(p["content"]["villages"]), p["created_at"],
                p["imported_at"], p["imported_by"], p["file_name"], p["sender"]) for p in repo.all_packages(store)]
    out.sort(key=lambda h: h.township_code)  # already so from the store; stable under the next sort
    out.sort(key=lambda h: h.period, reverse=True)
    return out


class Outside(VillageDeskError):
    """A package from a township outside this district."""


@writes(township=True)
def import_district_package(store: Store, actor: Actor, path: Path) -> Imported:
    """Verify and keep one township's package; the database is unchanged unless it goes in whole."""
    district = home_district(store)
    if district is None:
        raise ConflictError("只有区县节点才能导入区县汇总包（init --district-code 初始化的数据库）。")
    actor = authorize(store, actor, Action.IMPORT_SYNC)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("区县汇总包", f"无法读取“{path}”：{exc.strerror or exc}。") from None

    def outside_the_district(m: dict) -> None:  # before the sender is looked up: name who it claims to be
        code, name = str(m.get("township_code", "")), str(m.get("township_name", "") or "未知乡镇")
        if m.get("kind") == DISTRICT_KIND and not in_district(code, district.code):
            raise Outside(f"“{path.name}”来自{outside_refusal(district, code, name)}，未导入任何内容。")

    try:
        opened = envelope.open_package(data, keys(store), lambda node: sender_key(store, node, path.name),
                                       path.name, check_manifest=outside_the_district)
        m = opened.manifest
        if m.get("kind") != DISTRICT_KIND:
            raise ValidationError("区县汇总包", f"“{path.name}”是同步包，不是乡镇的区县汇总包，未导入任何内容。")
        body = opened.members.get(MEMBER, b"")
        if hashlib.sha256(body).hexdigest() != m.get("sha256"):
            raise ValidationError("区县汇总包", f"“{path.name}”的汇总数据与清单不符，文件可能被改动过，未导入任何内容。")
        content = json.loads(body)
        peer = next((r for r in repo.township_peers(store) if r["node_id"] == m["sender"]), None)
        if peer is None or peer["code"] != m["township_code"] or content["township"]["code"] != m["township_code"] \
                or content["period"] != m["period"]:
            raise ValidationError("区县汇总包", f"“{path.name}”的签名方不是登记的乡镇“{m.get('township_name')}”，"
                                              "或清单与内容不一致，未导入任何内容。")
    except Outside as exc:
        diagnostics.note(f"区县汇总包被拒绝（{actor.name}）：{exc.message}")
        with store.transaction():
            store.audit(actor, "拒绝区县汇总包", "settings", None, exc.message)
        raise ValidationError("区县汇总包", exc.message) from None
    except VillageDeskError as exc:
        diagnostics.note(f"区县汇总包被拒绝（{actor.name}）：{exc.message}")
        raise
    return _keep(store, actor, path, m, content)


def _keep(store: Store, actor: Actor, path: Path, m: dict, content: dict) -> Imported:
    held = repo.held_package(store, m["township_code"], m["period"])
    outcome = "new"
    if held is not None:
        if held["package_id"] == m["package_id"]:
            outcome = "same"
        elif (held["created_at"], held["package_id"]) > (m["created_at"], m["package_id"]):
            outcome = "older"
        else:
            outcome = "replaced"
    found = Imported(m["township_code"], m["township_name"], m["period"], len(content["villages"]), outcome)
    if outcome in ("same", "older"):
        return found
    kept = {"package_id": m["package_id"], "township_code": m["township_code"], "township_name": m["township_name"],
            "period": m["period"], "created_at": m["created_at"], "sha256": m["sha256"], "sender": m["sender"],
            "imported_at": clock.now_iso(), "imported_by": actor.name, "file_name": path.name, "content": content}
    with store.transaction():
        repo.keep_package(store, m["township_code"], m["period"], kept)
        store.audit(actor, "导入区县汇总包", "settings", m["package_id"],
                    f"{m['township_name']}（{m['township_code']}）{m['period']}，{found.villages} 个村，{path.name}"
                    + ("，替换同期较早的汇总包" if outcome == "replaced" else ""))
    return found
