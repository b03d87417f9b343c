"""Writing a package for a peer onto a stick, and importing one: verified, backed up, all or nothing."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ValidationError, VillageDeskError
from villagedesk.domain.permissions import Action
from villagedesk.services import diagnostics, village
from villagedesk.services.backup import automatic
from villagedesk.services.sync.pairing import find_peer, keys, peer_name, sync_user
from villagedesk.services.township import series as township_series
from villagedesk.services.township.node import node_role
from villagedesk.services.writes import writes
from villagedesk.store import node
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store
from villagedesk.store.sync import packages as history
from villagedesk.store.sync import peers
from villagedesk.sync import envelope, export, ownership, receive
from villagedesk.sync.receive import Report

SUFFIX = ".vdsync"
CHUNK = 1 << 20  # written and read back a MiB at a time


class Written(NamedTuple):
    path: Path
    bytes: int
    entries: int  # change-log entries carried (0 for a snapshot)
    snapshot: bool


@writes(township=True)
def export_for(store: Store, actor: Actor, peer: str, out_dir: Path) -> Written:
    """Write a package for `peer` into `out_dir`: local temp file, copied, flushed, renamed, read back; by a user the
    policy lets exchange packages (a PC without users yet is being set up by whoever sits at it)."""
    actor = sync_user(store, actor)
    row = find_peer(store, peer)
    built = export.build(store, keys(store), row["node_id"], _series_for(store, actor, row))
    data = built.data
    _room_for(out_dir, len(data))
    stamp = clock.now().strftime("%Y%m%d-%H%M")
    target = out_dir / f"同步包_发往{peer_name(store, row)}_{stamp}_{built.manifest['package_id'][-6:]}{SUFFIX}"
    _write_verified(target, data)
    digest = hashlib.sha256(data).hexdigest()
    with store.transaction():
        history.record(store, {"package_id": built.manifest["package_id"], "direction": "out",
                               "peer": row["node_id"], "bytes": len(data),
                               "changes": built.manifest["records"]["changes.jsonl"],
                               "snapshot": int(built.manifest["snapshot"]), "sha256": digest,
                               "user_name": actor.name, "file_name": target.name, "summary": ""})
        store.audit(actor, "生成同步包", "sync_packages", built.manifest["package_id"],
                    f"发往 {peer_name(store, row)}，{target.name}")
    return Written(target, len(data), built.manifest["records"]["changes.jsonl"], built.manifest["snapshot"])


class Batch(NamedTuple):
    """What `import_files` did with each file, in the order given."""

    done: tuple[tuple[Path, Report], ...]  # imported, or found already held
    refused: tuple[tuple[Path, str], ...]  # the file and why (each refused whole, nothing of it written)
    backed_up: bool  # the one automatic backup was made (none when nothing was to be written)

    @property
    def imported(self) -> tuple[tuple[Path, Report], ...]:
        """The files that brought something (not held already)."""
        return tuple((p, r) for p, r in self.done if not (r.already or r.stale))


class _OneBackup:
    """A batch's automatic backup, made once, when its first package that writes is about to: the backup then
    holds the database as it was before the batch, and every package in it can be imported again after a
    restore (an import of a package already held changes nothing)."""

    def __init__(self, store: Store, made_by: str):
        self.store, self.made_by, self.made = store, made_by, False

    def __call__(self) -> None:
        if not self.made:
            automatic.before_import(self.store, made_by=self.made_by)
            self.made = True


@writes(township=True)
def import_files(store: Store, actor: Actor, paths: list[Path]) -> Batch:
    """导入 several package files (a township's villages' packages from one stick) with one automatic backup
    before the first that writes, instead of one per file. Each file goes in whole or not at all, as `import_file`;
    a refused one is named with its reason and the others are still imported."""
    actor = sync_user(store, actor, Action.IMPORT_SYNC)
    backup = _OneBackup(store, actor.name)
    done, refused = [], []
    for path in paths:
        try:
            done.append((path, import_file(store, actor, path, backup=backup)))
        except VillageDeskError as exc:
            refused.append((path, exc.message))
    return Batch(tuple(done), tuple(refused), backup.made)


@writes(township=True)
def import_file(store: Store, actor: Actor, path: Path, dry_run: bool = False,
                backup: Callable[[], object] | None = None) -> Report:
    """预检 (dry_run) or 导入 one package file; the database is unchanged unless it all goes in.

    Done by the signed-in user as the permission policy allows (导入同步包); a PC that has no users yet
    (a second PC taking its village from its first package) is set up by whoever sits at it. `backup` replaces
    the automatic backup made before the package writes (`import_files` makes one for the batch)."""
    actor = sync_user(store, actor, Action.IMPORT_SYNC)
    try:
        if path.stat().st_size > envelope.MAX_PACKAGE_BYTES:  # before reading it all into memory
            raise ValidationError("同步包", f"“{path.name}”过大，不是村务台同步包，未导入任何内容。")
        data = path.read_bytes()  # from the stick into memory first: pulling it out now cannot hurt
    except OSError as exc:
        raise ValidationError("同步包", f"无法读取“{path}”：{exc.strerror or exc}。") from None

    def adopt_and_audit(report: Report) -> None:  # inside the import's own transaction
        _adopt_village(store, report.sender)
        sender = peers.get(store, report.sender)
        if node_role(store) == "township":
            township_series.note_reported(store, sender, report)  # which series this village PC numbers under
        elif report.receipt_series:
            _take_series(store, actor, sender, report.receipt_series)
        store.audit(actor, "导入同步包", "sync_packages", report.package_id,
                    f"{path.name}：{report.applied} 条变更，{report.conflicts} 处冲突")

    try:
        return receive.receive(store, keys(store), data, path.name, actor.name, dry_run=dry_run,
                               before_write=backup or (lambda: automatic.before_import(store, made_by=actor.name)),
                               also=adopt_and_audit)
    except ownership.Refused as exc:
        # Rows the sender does not own (issue 17): the attempt goes into the audit trail, its only trace in the
        # database; the records, the change log and the watermarks stay as they were.
        diagnostics.note(f"同步包被拒绝（{actor.name}{'，预检' if dry_run else ''}）：{exc.message}")
        with store.transaction():
            store.audit(actor, "拒绝同步包", "sync_packages", None, exc.message)
        raise
    except VillageDeskError as exc:
        # A refused package leaves the database byte-identical, so the refusal is noted outside it:
        # in the diagnostics log (帮助 › 诊断信息), with who tried and the reason.
        diagnostics.note(f"同步包被拒绝（{actor.name}{'，预检' if dry_run else ''}）：{exc.message}")
        raise


def _series_for(store: Store, actor: Actor, peer_row) -> str:
    """A second PC of this village (registered before it had a village) gets its own receipt series from
    the village's primary PC (the one numbering without a series letter), so no number is issued twice.
    At a township: a village PC numbering without a letter that is not its village's first PC gets three
    letters (services/township/series.py)."""
    if node_role(store) == "township":
        return str(township_series.grant_for(store, actor, peer_row))  # its changes count in the export's
    if (peer_row["role"] != "village" or peer_row["code"] or node.role(store.conn) != "village"
            or village.home_village(store) is None or node.receipt_series(store.conn)):
        return ""
    with store.transaction():
        return node.series_for_peer(store.conn, peer_row["node_id"])


def _take_series(store: Store, actor: Actor, sender, series: str) -> None:
    """Take the receipt series a package hands this PC, only while it has none (first arrival wins: a PC already
    numbering under a series keeps it, so printed receipts keep their numbers). From a PC of this village: one or
    two letters; from this village's township: three, and never on the village's first PC, which numbers without
    a letter (the township hands none to it; this is the village's own check)."""
    if sender is None:
        return
    if sender["role"] == "village" and len(series) <= 2:
        node.take_series(store.conn, series)
    elif sender["role"] == "township" and township_series.GRANTED.fullmatch(series) and not _first_pc(store):
        if node.take_series(store.conn, series):
            store.audit(actor, "采用乡镇分配的凭证序列", "node_identity", store.node_id,
                        f"本机此后的兑换凭证编号用序列 {series}（如 {clock.now().year}-{series}-000001），"
                        f"由 {sender['name']} 随同步包分配")


def _first_pc(store: Store) -> bool:
    """This PC created its village's record: it is the village's first PC."""
    home = villages_repo.home_village_row(store)
    return home is not None and home["origin"] == store.node_id


def _adopt_village(store: Store, sender: str) -> None:
    """A second PC paired with its village's primary PC serves that village once its first package is in."""
    if node_role(store) != "village":
        return  # a township serves no village of its own: its villages' packages only come in
    sender_row = peers.get(store, sender)
    if village.home_village(store) is None and sender_row and sender_row["role"] == "village" and sender_row["code"]:
        villages_repo.set_home_village(store, sender_row["code"])


def _room_for(out_dir: Path, size: int) -> None:
    """Refused before the stick is touched: a package no peer would import (the importing side refuses one
    above envelope.MAX_PACKAGE_BYTES, which is below FAT32's 4 GB a file, so every package written fits any
    stick's file system), or one the stick has no room for."""
    if not out_dir.is_dir():
        raise ValidationError("保存位置", f"“{out_dir}”不是文件夹，或U盘已拔出。")
    if size > envelope.MAX_PACKAGE_BYTES:
        raise ValidationError("同步包", f"同步包有 {size / 1024**3:.1f} GB，超过对方能导入的 "
                                      f"{envelope.MAX_PACKAGE_BYTES / 1024**3:.0f} GB 上限，没有写入U盘。")
    free = shutil.disk_usage(out_dir).free
    if free < size + 1024 * 1024:
        raise ValidationError("保存位置", f"“{out_dir}”空间不足：需要 {size / 1e6:.1f} MB，剩余 {free / 1e6:.1f} MB，"
                                      "没有写入任何文件。请换一个空间足够的U盘，或先删去U盘上不需要的文件。")


def _write_verified(target: Path, data: bytes) -> None:
    """Never a half-written package under its final name (DESIGN.md §4). The package is complete in memory
    before the stick is touched (it plays the local temp file); it goes to a hidden .part file on the stick
    in chunks, is fsynced, renamed, the folder fsynced, then read back from the stick (its cached pages
    dropped first) and compared. Any failure removes what it wrote, so the folder holds the whole package
    or none; a stick pulled out mid-write may keep a .part file, which the next export clears."""
    _clear_leftovers(target.parent)
    part = target.with_name(f".{target.name}.part")
    try:
        with open(part, "wb") as fh:
            for at in range(0, len(data), CHUNK):
                fh.write(data[at:at + CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, target)
        _fsync_dir(target.parent)
        if _read_back(target) != hashlib.sha256(data).digest():
            _remove(target)
            raise ValidationError("同步包", f"写入“{target}”后读回校验不一致，U盘可能有问题，已删除这个文件，"
                                          "请换一个U盘再试。")
    except OSError as exc:
        left = [p for p in (part, target) if not _remove(p)]
        after = ("U盘上没有留下不完整的文件" if not left else
                 f"U盘上可能留有未写完的“{left[0].name}”，下次生成时会自动清除，也可以手动删除")
        raise ValidationError("同步包", f"同步包没有写入“{target.parent}”：{_stick_why(exc)}。{after}，"
                                      "请插好U盘（或换一个空间足够的U盘）后重新生成。") from None


def _read_back(path: Path) -> bytes:
    """The sha256 of the file as the stick holds it, not as the page cache remembers writing it."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.digest()


def _clear_leftovers(folder: Path) -> None:
    """Temp files an earlier export left when the stick was pulled out (only ours, by their name)."""
    try:
        stale = list(folder.glob(f".同步包_*{SUFFIX}.part"))
    except OSError:
        return
    for p in stale:
        _remove(p)


def _remove(path: Path) -> bool:
    """Remove `path` if it is there; False when it could not be (a stick already pulled out)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _stick_why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "U盘空间已满"
    if exc.errno == errno.EROFS:
        return "U盘是只读的（看看U盘侧面的写保护开关）"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入这个文件夹的权限"
    if exc.errno in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT, errno.ENOTDIR):
        return "U盘已拔出，或读写出错"
    return f"写入出错（{exc.strerror or exc}）"


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is already durable enough
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
