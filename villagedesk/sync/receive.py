"""Importing a package: verify, then in one transaction with capture off insert its changes gap-free
per origin, merge them, check the ledger chains, advance the watermarks, and record the package."""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from villagedesk.domain.clock import parse_hlc
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.points.hashing import GENESIS, entry_hash
from villagedesk.store import node
from villagedesk.store.connection import Store
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.store.sync import log, packages, peers, rows
from villagedesk.sync import envelope, housekeeping, merge, ownership
from villagedesk.sync.keys import NodeKeys, load_public

FAR_AHEAD_MS = 24 * 3600 * 1000  # a stamp more than a day ahead of this PC's clock is flagged
MIN_SCHEMA = 12  # 0012_sync: the first schema that writes packages; anything older is not a package of ours


class Report(NamedTuple):
    package_id: str
    sender: str
    already: bool
    counts: dict  # table -> Counter of new / updated / held / conflict
    applied: int  # changes this node did not hold yet
    conflicts: int
    clock_warnings: int
    snapshot: bool
    stale: bool = False  # not seen before, but every change it carries is held already
    receipt_series: str = ""  # handed by the village's primary PC (or the township) to a PC that has none yet
    sender_series: str | None = None  # the series the sending village PC numbers under ('' none; None: not said)
    created_at: str = ""  # when the sender wrote the package (its manifest's time)
    quarantined: int = 0  # changes numbered as one this node holds, with other content: set aside, not applied


class _DryRun(Exception):
    def __init__(self, report: Report):
        self.report = report


def receive(store: Store, keys: NodeKeys, data: bytes, source: str, user_name: str,
            dry_run: bool = False, before_write: Callable[[], object] | None = None,
            also: Callable[[Report], None] | None = None) -> Report:
    """Verify `data`, then merge it in one transaction. Every refusal is raised before anything is
    written; `before_write` (the automatic backup) runs only once the package has passed every check
    that needs no write, so a refused package leaves no trace in the database or the backup folder.
    `also(report)` runs inside the same transaction (the caller's audit line): a kill leaves all or nothing."""
    opened = envelope.open_package(data, keys, lambda node: _sender_key(store, node, source), source)
    m = opened.manifest
    if m.get("kind") == DISTRICT_KIND:
        raise ValidationError("同步包", f"“{source}”是乡镇的区县汇总包，不是同步包；请在区县节点用 district-import 导入，"
                                      "未导入任何内容。")
    _check_schema(m, source)
    _check_series(m, source)
    if packages.seen(store, m["package_id"]):
        return Report(m["package_id"], m["sender"], True, {}, 0, 0, 0, bool(m.get("snapshot")))
    entries = _lines(opened.members.get("changes.jsonl", b""), source)
    snapshot = _lines(opened.members.get("snapshot.jsonl", b""), source) if m.get("snapshot") else []
    declared = m.get("records") or {}
    if declared.get("changes.jsonl", 0) != len(entries) or declared.get("snapshot.jsonl", 0) != len(snapshot):
        raise ValidationError("同步包", f"“{source}”的记录数与清单不符（清单写 {declared.get('changes.jsonl', 0)} 条变更、"
                                      f"{declared.get('snapshot.jsonl', 0)} 条当前数据，包内实有 {len(entries)} 条、"
                                      f"{len(snapshot)} 条），文件可能被改动过，未导入任何内容。")
    _check_shape(store, entries, snapshot, source)
    if not snapshot and _all_held_already(store, m, entries):
        # an older package whose every change came here in a later one: nothing to do, nothing written
        return Report(m["package_id"], m["sender"], True, {}, 0, 0, 0, False, stale=True)
    _precheck(store, entries, source)
    ownership.check_received(store, m["sender"], node.role(store.conn), snapshot, entries, source)
    if before_write is not None and not dry_run:
        before_write()
    sha = hashlib.sha256(data).hexdigest()
    try:
        with store.transaction(holding=f"导入同步包“{source}”，{len(entries) + len(snapshot)} 条记录"):
            report = _apply(store, m, entries, snapshot, source)
            peers.raise_acks(store, m["sender"], {o: int(s) for o, s in (m.get("held") or {}).items()})
            packages.record(store, {"package_id": m["package_id"], "direction": "in", "peer": m["sender"],
                                    "bytes": len(data), "changes": len(entries), "snapshot": int(bool(snapshot)),
                                    "sha256": sha, "user_name": user_name, "file_name": source,
                                    "summary": json.dumps(_summary(report), ensure_ascii=False)})
            if dry_run:
                raise _DryRun(report)
            housekeeping.prune(store)  # what every peer now holds leaves the change log
            if also is not None:
                also(report)
    except _DryRun as done:
        return done.report
    except rows.IntegrityError as exc:
        raise ConflictError(f"“{source}”中的记录与本机数据不一致（{exc}），未导入任何内容。") from None
    for e in entries:
        if not ownership.is_placeholder(e):
            store.clock.observe(e["h"])
    return report


def _apply(store: Store, m: dict, entries: list[dict], snapshot: list[dict], source: str) -> Report:
    log.capture(store, False)
    rows.defer_foreign_keys(store)
    counts: dict[str, Counter] = {}
    conflicts = warnings = 0
    held = log.held(store)
    for item in snapshot:
        out = merge.apply_snapshot_row(store, item["t"], item["p"], item.get("c") or {}, m["package_id"])
        counts.setdefault(item["t"], Counter())[out.kind] += 1
        if out.kind != "held":
            store.wrote(item["t"], item["p"]["id"])  # the pages showing these records redraw
        conflicts += out.conflicts
    quarantine: list[dict] = []
    new = _new_entries(store, entries, held, source, m["package_id"], counts, quarantine)
    new = [e for e in new if not ownership.is_placeholder(e)]  # not for this node: kept the sequence gap-free
    open_fields = packages.open_field_conflicts(store)
    wall_ms = int(time.time() * 1000)
    for e in sorted(new, key=lambda e: (e["h"], e["o"], e["s"])):
        entry = {"origin": e["o"], "seq": e["s"], "tbl": e["t"], "row_id": e["r"], "op": e["op"],
                 "payload": e["p"], "hlc": e["h"], "fields": e.get("f")}
        if e["t"] == "point_entries":
            _check_ledger(store, entry, source)
        if parse_hlc(e["h"])[0] > wall_ms + FAR_AHEAD_MS:
            warnings += 1
            packages.add_conflict(store, {"kind": "clock", "tbl": e["t"], "row_id": e["r"], "kept": e["h"],
                                    "kept_by": e["o"], "package_id": m["package_id"]})
        out = merge.apply_change(store, entry, m["package_id"], open_fields)
        counts.setdefault(e["t"], Counter())[out.kind] += 1
        if out.kind != "held":
            store.wrote(e["t"], e["r"])
        conflicts += out.conflicts
    for cid in packages.superseded_field_conflicts(store):  # set again since, here or by a peer: moot now
        packages.resolve(store, cid, "之后的修改（已取代）")
    for origin, seq in (m.get("held") or {}).items() if snapshot else ():
        log.set_held(store, origin, int(seq))
    for origin in {e["o"] for e in new}:
        log.set_held(store, origin, max(e["s"] for e in new if e["o"] == origin))
    log.capture(store, True)
    return Report(m["package_id"], m["sender"], False, counts, len(new), conflicts, warnings, bool(snapshot),
                  receipt_series=m.get("receipt_series") or "", quarantined=len(quarantine),
                  sender_series=m.get("sender_series"), created_at=str(m.get("created_at") or ""))


def _new_entries(store: Store, entries: list[dict], held: dict[str, int], source: str, package_id: str,
                 counts: dict, quarantine: list[dict]) -> list[dict]:
    """The entries this node does not hold yet, each origin's gap-free from what it holds; an entry it
    holds with other content is quarantined (listed in 冲突 and counted in `quarantine`, never applied)."""
    by_origin: dict[str, list[dict]] = {}
    for e in entries:
        by_origin.setdefault(e["o"], []).append(e)
    new = []
    for origin, items in by_origin.items():
        items.sort(key=lambda e: e["s"])
        expected = held.get(origin, 0) + 1
        for e in items:
            if e["s"] < expected and ownership.is_placeholder(e):
                continue
            if e["s"] < expected:
                mine = log.entry(store, origin, e["s"])
                if mine is not None and _entry_digest(mine) != _entry_digest(e):
                    packages.add_conflict(store, {"kind": "quarantine", "tbl": e["t"], "row_id": e["r"],
                                                  "lost": json.dumps(e, ensure_ascii=False), "lost_by": origin,
                                                  "package_id": package_id})
                    quarantine.append(e)
                counts.setdefault(e["t"], Counter())["held"] += 1
                continue
            if e["s"] > expected:
                raise _gap(source, expected, e["s"])
            new.append(e)
            expected += 1
    return new


_OPS = ("insert", "update", "delete")


def _check_shape(store: Store, entries: list[dict], snapshot: list[dict], source: str) -> None:
    """Every line names a table of this schema and has the fields merging reads (a peer's software fault
    or a package made by hand, refused in Chinese rather than failing half-way)."""
    tables = set(rows.synced_tables(store))
    for n, e in enumerate(entries, 1):
        if isinstance(e, dict) and ownership.is_placeholder(e):  # a change not for this node: its place only
            if not (isinstance(e.get("o"), str) and type(e.get("s")) is int and e["s"] > 0 and set(e) == {"o", "s", "x"}):
                raise ValidationError("同步包", f"“{source}”的第 {n} 条变更格式不对，未导入任何内容。")
            continue
        ok = isinstance(e, dict) and isinstance(e.get("o"), str) and type(e.get("s")) is int and e["s"] > 0 \
            and isinstance(e.get("r"), str) and e.get("op") in _OPS and isinstance(e.get("p"), dict) \
            and isinstance(e.get("h"), str)
        if not ok:
            raise ValidationError("同步包", f"“{source}”的第 {n} 条变更格式不对，未导入任何内容。")
        if e.get("t") not in tables:
            raise ValidationError("同步包", f"“{source}”的第 {n} 条变更属于本机没有的数据表“{e.get('t')}”，"
                                          "未导入任何内容。")
    for n, item in enumerate(snapshot, 1):
        if not isinstance(item, dict) or item.get("t") not in tables or not isinstance(item.get("p"), dict) \
                or not isinstance(item["p"].get("id"), str):
            raise ValidationError("同步包", f"“{source}”的第 {n} 条当前数据格式不对，或属于本机没有的数据表，"
                                          "未导入任何内容。")


def _gap(source: str, expected: int, got: int) -> ValidationError:
    return ValidationError("同步包", f"“{source}”缺少 第 {expected}–{got - 1} 条变更"
                                   "（来自同一台电脑的更早同步包），请先导入上一个同步包，未导入任何内容。")


def _precheck(store: Store, entries: list[dict], source: str) -> None:
    """The refusals that need no write, made before the backup (a refused package is not worth one, and
    its thinning would drop an older backup): a gap in an origin's changes, a ledger that does not chain.
    The transaction checks both again, under the write lock."""
    held = log.held(store)
    expected: dict[str, int] = {}
    ledger: dict[tuple, str] = {}  # (origin, ledger seq) -> hash, of the entries this package brings
    new = []
    for e in sorted(entries, key=lambda e: (e["o"], e["s"])):
        nxt = expected.setdefault(e["o"], held.get(e["o"], 0) + 1)
        if e["s"] < nxt:
            continue
        if e["s"] > nxt:
            raise _gap(source, nxt, e["s"])
        expected[e["o"]] = nxt + 1
        new.append(e)
    entries_of_ledger = [e for e in new if e.get("t") == "point_entries"]
    for e in sorted(entries_of_ledger, key=lambda e: (str(e["p"].get("origin")), int(e["p"].get("seq") or 0))):
        _check_ledger(store, {"op": e["op"], "row_id": e["r"], "payload": e["p"]}, source, ledger)
        ledger[(e["p"].get("origin"), int(e["p"].get("seq") or 0))] = e["p"].get("hash")


def _check_ledger(store: Store, e: dict, source: str, pending: dict | None = None) -> None:
    """The ledger is append-only and chained: an edit, or an entry not chaining onto what this node
    holds (or, in `pending`, onto the entries before it in the same package), is tampering."""
    p = e["payload"]
    if e["op"] != "insert" and rows.get(store, "point_entries", e["row_id"]) is not None:
        raise _tampered(source, f"修改了已有的积分台账记录（{p.get('seq')} 号）")
    if p.get("hash") != entry_hash(p.get("prev_hash", ""), p):
        raise _tampered(source, f"积分台账第 {p.get('seq')} 条的校验值与内容不符")
    seq = int(p.get("seq") or 0)
    before = GENESIS if seq == 1 else (pending or {}).get((p["origin"], seq - 1)) \
        or rows.ledger_hash(store, p["origin"], seq - 1)
    if before is not None and before != p.get("prev_hash"):
        raise _tampered(source, f"积分台账第 {seq} 条接不上本机已有的第 {seq - 1} 条")


def _tampered(source: str, why: str) -> ConflictError:
    return ConflictError(f"“{source}”疑似被篡改：{why}。未导入任何内容，请联系乡镇核查。")


DISTRICT_KIND = "district-aggregates"  # a township's package for its district (services/district), not changes


def _sender_key(store: Store, node_id: str, source: str):
    """A paired peer's signing key (None if never paired); a revoked peer is refused by name."""
    peer = peers.get(store, node_id)
    if peer is not None and peer["revoked_at"]:
        raise ValidationError("同步包", f"“{source}”由已停用的节点“{peer['name']}”签名（{peer['revoked_at'][:16]} 停用），"
                                      "停用后它的同步包一律不再接受，未导入任何内容。")
    return None if peer is None else load_public(peer["sign_public"])


def _check_schema(m: dict, source: str) -> None:
    """A package from a newer app cannot be read here; one from before sync's own schema cannot be merged."""
    try:
        version = int(m.get("schema_version", ""))
    except (TypeError, ValueError):
        raise ValidationError("同步包", f"“{source}”的清单没有有效的数据结构版本，未导入任何内容。") from None
    if not isinstance(m.get("package_id"), str) or not isinstance(m.get("held") or {}, dict) \
            or not isinstance(m.get("records") or {}, dict):
        raise ValidationError("同步包", f"“{source}”的清单缺少编号或格式不对，未导入任何内容。")
    if version > SCHEMA_VERSION:
        raise ValidationError("同步包", f"“{source}”来自更新版本的村务台（数据结构 {version}），"
                                      f"本机为 {SCHEMA_VERSION}。请先升级本机的村务台，未导入任何内容。")
    if version < MIN_SCHEMA:
        raise ValidationError("同步包", f"“{source}”来自不兼容的旧版本村务台（数据结构 {version}，"
                                      f"本机只接受 {MIN_SCHEMA} 及以上）。请先升级对方电脑的村务台，未导入任何内容。")


_SERIES = re.compile(r"[A-Z]{1,3}")
_SERIES_KEYS = {"receipt_series": "交给本机的凭证编号序列", "sender_series": "对方使用的凭证编号序列"}


def _check_series(m: dict, source: str) -> None:
    """A receipt series in a manifest is one to three capital letters, or '' for none: anything else is a
    faulty or hand-made package, refused before anything is written (it used to be passed over in silence)."""
    for key, label in _SERIES_KEYS.items():
        if key not in m:
            continue
        value = m[key]
        if isinstance(value, str) and (value == "" or _SERIES.fullmatch(value)):
            continue
        shown = json.dumps(value, ensure_ascii=False)[:20]
        raise ValidationError("同步包", f"“{source}”的清单中{label}（{key}）“{shown}”不对：应为 1 至 3 个大写字母（或空），"
                                      "文件可能被改动过或来自有问题的程序，未导入任何内容。")


def _all_held_already(store: Store, m: dict, entries: list[dict]) -> bool:
    """True for an older package: it carries changes, every one held here with the same content, and no
    acknowledgement this node does not have from its sender yet."""
    if not entries:
        return False
    held = log.held(store)
    if any(e["s"] > held.get(e["o"], 0) for e in entries):
        return False
    acked = peers.acks(store, m["sender"])
    if any(int(s) > acked.get(o, 0) for o, s in (m.get("held") or {}).items()):
        return False
    for e in entries:
        mine = None if ownership.is_placeholder(e) else log.entry(store, e["o"], e["s"])
        if mine is not None and _entry_digest(mine) != _entry_digest(e):
            return False  # the same number with other content: imported, to be quarantined and reported
    return True


def _lines(data: bytes, source: str) -> list[dict]:
    try:
        return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("同步包", f"“{source}”的内容无法读取，未导入任何内容。") from None


def _entry_digest(e) -> str:
    if isinstance(e, dict) and "o" in e:
        body = [e["t"], e["r"], e["op"], e["p"], e["h"], e.get("f")]
    else:
        body = [e[2], e[3], e[4], json.loads(e[5]), e[6], None if e[7] is None else json.loads(e[7])]
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _summary(report: Report) -> dict:
    return {t: dict(c) for t, c in report.counts.items()}


sender_key = _sender_key  # the district's import verifies its townships' packages with the same rule
