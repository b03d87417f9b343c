"""What the 数据同步 page and `sync status` show: peers, what each holds of ours, history, open conflicts."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.services.sync.pairing import own, peer_name, peer_title
from villagedesk.store import node
from villagedesk.store.connection import Store
from villagedesk.store.sync import log, packages, peers
from villagedesk.sync import ownership
from villagedesk.sync.receive import Report
from villagedesk.sync.registration import Registration

KIND_LABELS = {"new": "新增", "updated": "更新", "held": "已有", "conflict": "冲突"}
KINDS = tuple(KIND_LABELS)
TABLE_LABELS = {
    "villages": "村", "users": "使用人", "grids": "网格", "grid_assignments": "网格员任职", "workers": "网格员",
    "reserve_cadres": "后备干部", "households": "农户", "residents": "人口", "household_moves": "迁移记录",
    "resident_categories": "人员类别", "insurance_enrolments": "参保", "visits": "走访", "visit_findings": "走访发现",
    "follow_ups": "跟进事项", "notices": "通知", "notice_grids": "通知网格", "notice_reaches": "通知送达",
    "disputes": "矛盾纠纷", "dispute_parties": "纠纷当事人", "mediations": "调解", "emergencies": "应急事件",
    "emergency_actions": "应急处置", "emergency_grids": "应急网格", "emergency_service_days": "应急出勤",
    "activities": "志愿活动", "activity_grids": "活动网格", "activity_participants": "活动参与",
    "point_rules": "积分规则", "point_entries": "积分台账", "goods": "商品", "stock_movements": "库存变动",
    "redemptions": "兑换", "redemption_items": "兑换明细", "receipt_prints": "凭证打印", "payrolls": "补贴发放表",
    "payroll_lines": "发放明细", "payroll_adjustments": "发放调整", "payroll_paid_days": "发放天数",
    "stipend_tier_tables": "补贴档次表", "stipend_tiers": "补贴档次", "subsidy_rates": "补贴标准",
    "eval_rubrics": "考核细则", "eval_rubric_items": "考核细则条目", "evaluations": "考核", "evaluation_scores": "考核得分",
    "trainings": "培训", "training_attendance": "培训出勤", "report_forms": "报表格式", "report_submissions": "报表上报",
    "report_reviews": "报表审核",
}


def table_label(tbl: str) -> str:
    return TABLE_LABELS.get(tbl, tbl)


class PeerLine(NamedTuple):
    node_id: str
    title: str
    fingerprint: str
    last_sent: str | None
    last_received: str | None
    behind: int  # changes this node holds that the peer has not acknowledged


class Status(NamedTuple):
    me: Registration
    peers: list[PeerLine]
    history: list
    conflicts: list


def status(store: Store) -> Status:
    held = log.held(store)
    role = node.role(store.conn)
    history = _named(store, packages.history(store))
    lines = []
    for p in peers.active(store):
        acked = peers.acks(store, p["node_id"])
        mine = [h for h in history if h["peer"] == p["node_id"]]
        sent = next((h["at"] for h in mine if h["direction"] == "out"), None)
        got = next((h["at"] for h in mine if h["direction"] == "in"), None)
        behind = ownership.lacking(store, p["node_id"], role, held, acked)
        lines.append(PeerLine(p["node_id"], peer_title(store, p), p["fingerprint"], sent, got, behind))
    moot = set(packages.superseded_field_conflicts(store))  # set again here since (conflicts.open_conflicts)
    return Status(own(store), lines, history, [c for c in packages.open_conflicts(store) if c["id"] not in moot])


def _named(store: Store, history: list) -> list[dict]:
    """The history rows with each peer named as this PC names it (pairing.peer_name)."""
    names: dict[str, str] = {}
    out = []
    for h in history:
        if h["peer"] not in names:
            row = peers.get(store, h["peer"])
            names[h["peer"]] = h["peer_name"] if row is None else peer_name(store, row)
        out.append({**dict(h), "peer_name": names[h["peer"]]})
    return out


def describe_status(st: Status) -> str:
    out = [f"本机：{st.me.title}  指纹 {st.me.fingerprint}"]
    if not st.peers:
        out.append("尚未与任何电脑配对。")
    for p in st.peers:
        out.append(f"对方：{p.title}  指纹 {p.fingerprint}  最近发出 {p.last_sent or '—'}  最近收到 "
                   f"{p.last_received or '—'}  对方尚缺 {p.behind} 条")
    out.append(f"待处理冲突：{len(st.conflicts)} 处")
    return "\n".join(out)


def describe_report(r: Report, dry_run: bool = False) -> str:
    if r.stale:
        return "该同步包的内容已导入过，无需重复（其中的变更都已随后来的同步包到达本机），未做任何更改。"
    if r.already:
        return "该同步包已导入过，无需重复，未做任何更改。"
    head = "预检结果（未导入）：" if dry_run else "已导入："
    lines = [f"{head}{r.applied} 条变更" + ("，含首次同步的全部当前数据" if r.snapshot else "")]
    for tbl, counts in sorted(r.counts.items()):
        lines.append(f"  {table_label(tbl)}：" + "，".join(f"{KIND_LABELS.get(k, k)} {n}" for k, n in sorted(counts.items())))
    if r.conflicts:
        lines.append(f"冲突 {r.conflicts} 处，请在“数据同步 › 冲突”中核对。")
    if r.quarantined:
        lines.append(f"另有 {r.quarantined} 条变更与本机已有的同一编号变更内容不同，已隔离、未导入（可能是对方电脑的数据被改动过），"
                     "请在“数据同步 › 冲突”中查看，并联系对方核查。")
    if r.clock_warnings:
        lines.append(f"注意：{r.clock_warnings} 条记录的时间比本机时钟晚一天以上，对方电脑的日期可能不对。")
    return "\n".join(lines)
