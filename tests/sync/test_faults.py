"""Every bad package is refused through the import service in Chinese, and the receiving database file
is byte-identical afterwards.

How "byte-identical" is measured: the store stays open (closing and reopening turns over the node
token, a write of its own); before and after each attempt the WAL is checkpointed with
`PRAGMA wal_checkpoint(TRUNCATE)` (nothing else holds the file, so it must not be busy) and the main
file's bytes plus whatever is left in `-wal` are hashed. A transaction that was rolled back leaves
no committed frame, so anything the refusal committed (an audit line, a quarantine row, a recorded
package) changes the hash; the backup folder is counted too, since a refused package is not worth
a backup. Refusals are noted outside the database, in the diagnostics log.

test_envelope.py and test_round_trip.py check some of these faults against the envelope alone or one
by one; here every fault goes through `packages.import_file` into the same receiving database.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from tests.conftest import TEST_ACTOR
from tests.points.conftest import award
from villagedesk import cli
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.ids import new_id
from villagedesk.services import diagnostics, integrity
from villagedesk.services.backup import automatic
from villagedesk.services.sync import packages, pairing, status
from villagedesk.store import open_store
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.sync import envelope


def database_digest(store) -> str:
    busy, _, _ = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0, "something else holds the database: the comparison would not be honest"
    wal = Path(f"{store.path}-wal")
    return hashlib.sha256(store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


def _pair(a, b, folder: Path) -> None:
    """b trusts a (b can check a's signature, a can encrypt for b is the other call)."""
    out = folder / f"{a.node_id}.vdreg"
    pairing.write_registration_file(a, TEST_ACTOR, out)
    pairing.pair(b, TEST_ACTOR, pairing.read_registration_file(out))


class World:
    """The primary PC of a small village, its second PC (the receiver), a third PC the primary also
    writes for, and a stranger the second PC never paired with."""

    def __init__(self, pv, tmp_path: Path):
        award(pv, ["张大山", "王小明"])
        self.tmp = tmp_path
        self.stick = tmp_path / "stick"
        self.stick.mkdir()
        self.primary = pv.store
        self.second = open_store(tmp_path / "second.db", create=True)
        self.other = open_store(tmp_path / "other.db", create=True)
        self.stranger = open_store(tmp_path / "stranger.db", create=True)
        _pair(self.primary, self.second, tmp_path)
        _pair(self.second, self.primary, tmp_path)
        _pair(self.other, self.primary, tmp_path)
        _pair(self.second, self.stranger, tmp_path)  # the stranger can encrypt for the second PC
        self.send(self.primary, self.second)  # the snapshot
        self.send(self.second, self.primary)  # its acks: from now on packages are incremental
        self.pv = pv
        self.edit("13900000001")
        award(pv, ["赵一"], title="修路")  # ledger entries in the next package

    def close(self):
        for s in (self.second, self.other, self.stranger):
            s.close()

    def keys(self, store):
        return pairing.keys(store)

    def edit(self, phone: str) -> None:
        hid = self.primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
        self.primary.update("households", hid, {"phone": phone}, TEST_ACTOR)

    def export(self, src, dst) -> Path:
        return packages.export_for(src, TEST_ACTOR, dst.node_id, self.stick).path

    def send(self, src, dst):
        return packages.import_file(dst, TEST_ACTOR, self.export(src, dst))

    def file(self, name: str, data: bytes) -> Path:
        path = self.tmp / name
        path.write_bytes(data)
        return path

    def unsealed(self, path: Path, keys) -> dict[str, bytes]:
        """The members of a package as its recipient reads them (manifest and signature included)."""
        zf = zipfile.ZipFile(io.BytesIO(pyrage.decrypt(path.read_bytes(), [keys.identity])))
        return {n: zf.read(n) for n in zf.namelist()}

    def sealed_for_second(self, members: dict[str, bytes], damage: bytes = b"") -> bytes:
        """A zip encrypted for the second PC: anyone holding its registration file can do this. With
        `damage`, those bytes of a member are flipped inside the zip (its stream no longer matches its CRC)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if damage else zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        raw = buf.getvalue()
        if damage:
            raw = _flip(raw, raw.index(damage))
        return pyrage.encrypt(raw, [x25519.Recipient.from_str(self.keys(self.second).recipient)])

    def signed(self, members: dict[str, bytes], edit, signer=None) -> bytes:
        """The primary's good package with its manifest edited by `edit` and signed again by `signer` (the
        primary itself by default: a peer whose software misbehaves, or whose key was stolen)."""
        manifest = json.loads(members["manifest.json"])
        manifest["package_id"] = new_id()  # a package not seen before
        edit(manifest)
        raw = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        sig = self.keys(signer or self.primary).signing.sign(raw)
        return self.sealed_for_second({**members, "manifest.json": raw, "manifest.sig": sig})

    def resealed(self, members: dict[str, bytes], edit=lambda m: None) -> bytes:
        """New content sealed honestly by the primary (member digests recomputed), manifest edited."""
        manifest = {k: v for k, v in json.loads(members["manifest.json"]).items()
                    if k not in ("format", "sender", "members")}
        manifest["package_id"] = new_id()
        edit(manifest)
        body = {k: v for k, v in members.items() if k not in ("manifest.json", "manifest.sig")}
        return envelope.seal(self.keys(self.primary), self.keys(self.second).recipient, manifest, body)


def _flip(data: bytes, *positions: int) -> bytes:
    out = bytearray(data)
    for p in positions:
        out[p] ^= 0x04
    return bytes(out)


def _header_mac_at(data: bytes) -> int:
    return data.index(b"\n--- ") + 8  # inside the age header's MAC


def _drop_first_change(members):
    lines = members["changes.jsonl"].decode().splitlines(keepends=True)
    first = json.loads(lines[0])
    return {**members, "changes.jsonl": "".join(lines[1:]).encode()}, first["s"]


def _lie_counts(m):
    m["records"]["changes.jsonl"] += 1


def _lie_digest(m):
    m["members"]["changes.jsonl"]["sha256"] = "0" * 64


def _lie_bytes(m):
    m["members"]["changes.jsonl"]["bytes"] += 1


def _tampered_ledger(members):
    """A points award edited inside the package, its digests and signature made good again."""
    lines = []
    for line in members["changes.jsonl"].decode().splitlines():
        e = json.loads(line)
        if e["t"] == "point_entries" and e["op"] == "insert":
            e["p"]["delta"] += 1000
        lines.append(json.dumps(e, ensure_ascii=False) + "\n")
    return {**members, "changes.jsonl": "".join(lines).encode()}


def _rechained_ledger(members):
    """A new points entry whose own hash is right but whose chain is another (the sender's chain recomputed
    after an amount held here was edited): it does not chain onto the entry this PC holds before it."""
    from villagedesk.domain.points.hashing import entry_hash

    lines = []
    for line in members["changes.jsonl"].decode().splitlines():
        e = json.loads(line)
        if e["t"] == "point_entries" and e["op"] == "insert":
            e["p"]["prev_hash"] = hashlib.sha256(b"a recomputed chain").hexdigest()
            e["p"]["hash"] = entry_hash(e["p"]["prev_hash"], e["p"])
        lines.append(json.dumps(e, ensure_ascii=False) + "\n")
    return {**members, "changes.jsonl": "".join(lines).encode()}


def _unknown_table(members):
    lines = members["changes.jsonl"].decode().splitlines(keepends=True)
    e = json.loads(lines[-1])
    e["t"] = "secret_table"
    return {**members, "changes.jsonl": ("".join(lines[:-1]) + json.dumps(e) + "\n").encode()}


def _bomb(w, members):
    bomb = {**members, "changes.jsonl": b"\0" * (4 << 20)}  # 4 MB of zeros pack into a few KB
    return w.resealed(bomb, lambda m: m["records"].update({"changes.jsonl": 1}))


def _refusals(w: World, good: Path) -> list[tuple[str, Path, str]]:
    """(fault, file, what the refusal must say). None of them may change the second PC's database."""
    data = good.read_bytes()
    members = w.unsealed(good, w.keys(w.second))
    gap, missing = _drop_first_change(members)
    for_other = w.export(w.primary, w.other)
    other_members = w.unsealed(for_other, w.keys(w.other))
    from_stranger = w.export(w.stranger, w.second)
    stranger_members = w.unsealed(from_stranger, w.keys(w.second))
    claims_primary = json.loads(stranger_members["manifest.json"])
    claims_primary["sender"] = w.primary.node_id
    raw = json.dumps(claims_primary, sort_keys=True, separators=(",", ":")).encode()
    return [
        ("empty file", w.file("empty.vdsync", b""), "空文件"),
        ("truncated to half", w.file("half.vdsync", data[: len(data) // 2]), "文件不完整或已损坏"),
        ("truncated by one byte", w.file("short.vdsync", data[:-1]), "文件不完整或已损坏"),
        ("truncated inside the header", w.file("head.vdsync", data[:40]), "文件不完整或已损坏"),
        ("bit flipped in the magic", w.file("magic.vdsync", _flip(data, 3)), "文件开头不对"),
        ("bit flipped in the header MAC", w.file("mac.vdsync", _flip(data, _header_mac_at(data))), "文件不完整或已损坏"),
        ("bit flipped in the body", w.file("body.vdsync", _flip(data, len(data) // 2)), "文件不完整或已损坏"),
        ("bit flipped in the last byte", w.file("last.vdsync", _flip(data, len(data) - 1)), "文件不完整或已损坏"),
        ("bit flipped in the signature", w.file("sig.vdsync", w.sealed_for_second(
            {**members, "manifest.sig": _flip(members["manifest.sig"], 10)})), "签名无效"),
        ("manifest edited, not signed again", w.file("edited.vdsync", w.sealed_for_second(
            {**members, "manifest.json": members["manifest.json"].replace(b'"snapshot":false', b'"snapshot":true')})),
         "签名无效"),
        ("out of order (an earlier package skipped)", w.file("gap.vdsync", w.resealed(
            gap, lambda m: m["records"].update({"changes.jsonl": m["records"]["changes.jsonl"] - 1}))),
         f"缺少 第 {missing}–{missing} 条变更.*请先导入上一个同步包"),
        ("addressed to another node", for_other, "不是发给本机的同步包"),
        ("re-addressed to this node", w.file("readdressed.vdsync", w.sealed_for_second(other_members)),
         "发给另一台电脑"),
        ("signed by an unknown key", from_stranger, "不是已配对的节点"),
        ("an unknown key claiming to be the primary", w.file("claims.vdsync", w.sealed_for_second(
            {**stranger_members, "manifest.json": raw, "manifest.sig": w.keys(w.stranger).signing.sign(raw)})),
         "签名无效"),
        ("from a newer schema", w.file("newer.vdsync", w.signed(
            members, lambda m: m.update(schema_version=SCHEMA_VERSION + 1))), "更新版本.*请先升级本机"),
        ("from an incompatible older schema", w.file("older.vdsync", w.signed(
            members, lambda m: m.update(schema_version=11))), "不兼容的旧版本"),
        ("from another package format", w.file("format.vdsync", w.signed(
            members, lambda m: m.update(format="villagedesk-sync/0"))), "格式版本不兼容"),
        ("a zip bomb", w.file("bomb.vdsync", _bomb(w, members)), "解压后过大"),
        ("a member damaged inside the zip", w.file("crc.vdsync", w.sealed_for_second(
            members, damage=members["changes.jsonl"][:40])), "“changes.jsonl”无法读取"),
        ("manifest lies about its counts", w.file("counts.vdsync", w.signed(members, _lie_counts)),
         "记录数与清单不符"),
        ("manifest lies about a member's sha256", w.file("digest.vdsync", w.signed(members, _lie_digest)),
         "“changes.jsonl”与清单不符"),
        ("manifest lies about a member's size", w.file("size.vdsync", w.signed(members, _lie_bytes)),
         "“changes.jsonl”与清单不符"),
        ("a member the manifest does not list", w.file("extra.vdsync", w.signed(
            {**members, "extra.bin": b"x"}, lambda m: None)), "清单所列内容与包内文件不一致"),
        ("a change for a table this schema does not have", w.file("table.vdsync", w.resealed(_unknown_table(members))),
         "本机没有的数据表“secret_table”"),
        ("a ledger entry edited by the sender", w.file("ledger.vdsync", w.resealed(_tampered_ledger(members))),
         "疑似被篡改"),
        ("a ledger entry chained onto a recomputed chain", w.file("rechained.vdsync",
                                                                   w.resealed(_rechained_ledger(members))),
         "疑似被篡改：积分台账第 \\d+ 条接不上本机已有的第 \\d+ 条"),
    ]


def _attempt(w: World, path: Path) -> str:
    """What the clerk reads after 导入 (the refusal's message, or the report)."""
    try:
        return status.describe_report(packages.import_file(w.second, TEST_ACTOR, path))
    except VillageDeskError as exc:
        return exc.message


def _backups() -> int:
    return len(list(automatic.folder().glob("*"))) if automatic.folder().is_dir() else 0


def test_every_faulty_package_is_refused_in_chinese_and_the_database_is_byte_identical(pv, tmp_path, monkeypatch):
    import re

    monkeypatch.setattr(envelope, "MAX_MEMBER_BYTES", 1 << 20)  # so a small bomb shows the check
    w = World(pv, tmp_path)
    good = w.export(w.primary, w.second)
    failures = []

    def refused(fault: str, path: Path, expected: str) -> None:
        before, backups = database_digest(w.second), _backups()
        said = _attempt(w, path)
        if not re.search(expected, said) or path.name not in said and "无需重复" not in said:
            failures.append(f"{fault}: said {said!r}, expected /{expected}/ naming {path.name}")
        if database_digest(w.second) != before:
            failures.append(f"{fault}: the database changed")
        if _backups() != backups:
            failures.append(f"{fault}: a backup was made for a refused package")

    for fault, path, expected in _refusals(w, good):
        refused(fault, path, expected)
    assert "同步包被拒绝" in diagnostics.recent_text()  # noted outside the database

    # the good package goes in; then it again, and an older package whose changes it carried
    w.edit("13900000002")
    older = w.export(w.primary, w.second)
    w.edit("13900000003")
    newer = w.export(w.primary, w.second)
    assert packages.import_file(w.second, TEST_ACTOR, newer).applied > 0
    refused("replayed", newer, "已导入过，无需重复")
    refused("an older package, its changes already here", older, "已导入过，无需重复")
    refused("replayed after a later one", good, "已导入过，无需重复")

    # the primary is revoked on the second PC: its packages are refused from then on
    pairing.revoke(w.second, TEST_ACTOR, w.primary.node_id)
    w.edit("13900000004")
    refused("signed by a revoked key", w.export(w.primary, w.second), "已停用的节点.*不再接受")
    assert not failures, "\n".join(failures)
    assert integrity.check(w.second) == []
    w.close()


def test_a_peer_revoked_from_the_command_line_is_audited_and_written_for_no_more(pv, tmp_path, capsys):
    w = World(pv, tmp_path)
    assert cli.main(["sync", "revoke", "--db", str(w.second.path), "--peer", w.primary.node_id]) == 1
    assert "--user" in capsys.readouterr().err  # the tool user does not decide whom this PC trusts
    assert cli.main(["sync", "revoke", "--db", str(w.second.path), "--peer", w.primary.node_id,
                     "--user", TEST_ACTOR.name]) == 0
    assert "已停用" in capsys.readouterr().out
    audit = w.second.query("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert audit["action"] == "停用同步节点" and "指纹" in audit["detail"]
    with pytest.raises(VillageDeskError, match="找不到唯一的已配对节点"):
        packages.export_for(w.second, TEST_ACTOR, w.primary.node_id, w.stick)
    assert cli.main(["sync", "revoke", "--db", str(w.second.path), "--peer", w.primary.node_id,
                     "--user", TEST_ACTOR.name]) == 1
    w.close()
