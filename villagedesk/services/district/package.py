"""区县汇总包: what a township sends its district for a period — aggregates only, signed and sealed as sync
packages are (services/sync), written atomically. There is no option to include anyone's personal data: the
package is built from counts, sums, numerators and denominators, and the report sets' numeric figures."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from villagedesk.domain import clock, reporting
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.ids import new_id
from villagedesk.domain.period import Period
from villagedesk.reports.atomic import FileWriteError, write_atomically
from villagedesk.services.district.figures import aggregates
from villagedesk.services.reports.specs import specs
from villagedesk.services.scope import resolve_scope
from villagedesk.services.sync.pairing import keys
from villagedesk.services.township.node import node_role, this_township
from villagedesk.services.writes import writes
from villagedesk.store import township as township_repo
from villagedesk.store.connection import Store
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.store.sync import peers
from villagedesk.sync import envelope
from villagedesk.sync.receive import DISTRICT_KIND

SUFFIX = ".vddist"
MEMBER = "aggregates.json"


class Written(NamedTuple):
    path: Path
    bytes: int
    sha256: str
    villages: int
    manifest: dict


def payload(store: Store, period: Period) -> dict:
    """The package's one member: the township's total and each village's aggregates, and the report sets'."""
    township = this_township(store)
    scope = resolve_scope(store)
    codes = {v.id: v.code for v in scope.villages}
    forms = specs(store)
    reports = []
    within = [p.label for p in reporting.periods_within(period)]
    for r in township_repo.latest_summaries(store, scope.ids, within):
        summary = json.loads(r["summary"] or "{}")
        spec = forms.get(r["report_key"])
        reports.append({"village": codes[r["village_id"]], "report_key": r["report_key"],
                        "number": spec.number if spec else "", "title": spec.title if spec else "",
                        "period": r["period"], "attempt": r["attempt"], "state": r["state"],
                        "submitted_at": r["submitted_at"], "rows": summary.get("rows"),
                        "totals": [_number(v) for v in summary.get("totals") or []],
                        "figures": {str(k): _number(v) for k, v in (summary.get("figures") or {}).items()}})
    return {"township": {"code": township.code, "name": township.name},
            "period": period.label, "period_title": period.title,
            "total": aggregates(store, period, scope),
            "villages": [{"code": v.code, "name": v.name, **aggregates(store, period, one)}
                         for v, one in zip(scope.villages, scope.each(), strict=True)],
            "reports": reports, "reporting": reporting_cells(store, period, scope), "reporting_as_of": clock.today().isoformat()}


def reporting_cells(store: Store, period: Period, scope) -> list[dict]:
    """The township's 上报情况 for the period, every village's every report and its standing as of today (no
    township reason for a report sent back: a free text, it could name someone)."""
    from villagedesk.services.township.reporting import completeness

    return [{"village": c.village_code, "village_name": c.village_name, "report_key": c.report_key,
             "number": c.number, "title": c.title, "period": c.period, "period_title": c.period_title,
             "due": c.due.isoformat(), "status": c.status, "first_submitted_at": c.submitted_at,
             "attempts": c.attempts} for c in completeness(store, period, scope).cells]


def _number(value):
    """A figure as carried: numbers only (a text cell of a totals row could hold anything)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def district_peer(store: Store):
    """The district this township registered (its registration file imported, fingerprint compared)."""
    found = [r for r in peers.active(store) if r["role"] == "district"]
    if not found:
        raise ConflictError("尚未登记本乡镇所属的区县节点：请先导入区县的注册文件（sync pair 区县.vdreg），"
                            "汇总包只能发给已登记的区县。")
    if len(found) > 1:
        raise ConflictError(f"登记了多个区县节点（{'、'.join(r['name'] for r in found)}），请停用多余的再生成。")
    return found[0]


@writes(township=True)
def export_district_package(store: Store, actor: Actor, period: Period, out_dir: Path) -> Written:
    """Write the district package of `period` into `out_dir` (refused at a village's PC)."""
    role = node_role(store)
    if role != "township":
        raise ConflictError("只有乡镇节点才能生成区县汇总包；" + (
            "本机是区县节点，汇总包由各乡镇生成后在这里导入（district-import）。" if role == "district" else
            "本机是村的电脑，请由乡镇汇总各村的同步包后生成。"))
    from villagedesk.services.sync.pairing import sync_user

    actor = sync_user(store, actor)  # the role as the store knows the signed-in user, never the caller's
    if not Path(out_dir).is_dir():
        raise ValidationError("保存位置", f"“{out_dir}”不是文件夹，或U盘已拔出。")
    district = district_peer(store)
    township = this_township(store)
    body = json.dumps(payload(store, period), ensure_ascii=False, sort_keys=True).encode("utf-8")
    manifest = {"kind": DISTRICT_KIND, "package_id": new_id(), "recipient": district["node_id"],
                "township_code": township.code, "township_name": township.name, "period": period.label,
                "created_at": clock.now_iso(), "schema_version": SCHEMA_VERSION,
                "sha256": hashlib.sha256(body).hexdigest()}
    data = envelope.seal(keys(store), district["recipient"], manifest, {MEMBER: body})
    target = Path(out_dir) / f"区县汇总包_{township.name}_{period.label}_{clock.now().strftime('%Y%m%d-%H%M')}{SUFFIX}"
    try:
        write_atomically(target, lambda tmp: tmp.write_bytes(data))
    except FileWriteError as exc:
        raise ValidationError("区县汇总包", str(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    villages = len(json.loads(body)["villages"])
    with store.transaction():
        store.audit(actor, "生成区县汇总包", "sync_packages", manifest["package_id"],
                    f"发往 {district['name']}，{period.label}，{villages} 个村，{target.name}，sha256 {digest[:16]}")
    return Written(target, len(data), digest, villages, manifest)
