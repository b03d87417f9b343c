"""The backup file: a consistent copy, checked, compressed, hashed, moved into place, with its manifest."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import struct
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain.clock import now, now_iso
from villagedesk.domain.errors import VillageDeskError
from villagedesk.store import scratch, snapshot
from villagedesk.store.connection import Store

SUFFIX = ".vdbak"
MAGIC = b"VDBAK1\n"
TRAILER = b"VDBAKEND"
FORMAT = 1
_CHUNK = 1 << 20
# zstd's third fast level: at district scale 0.7 s less of a backup's wait than level -1 (the compression shares
# two cores with the copy's check) for a file a tenth larger, still about 6× smaller than the database.
ZSTD_LEVEL = -3
# The copy's check runs table by table on this many threads beside the compression (more than four only waits on the disk).
CHECK_WORKERS = max(1, min(4, os.cpu_count() or 1))


class BackupError(VillageDeskError):
    """A backup that cannot be made, read or trusted; the message names the file."""


@dataclass(frozen=True)
class Backup:
    """A backup file on disk and what its manifest says."""

    path: Path
    manifest: dict

    @property
    def created_at(self) -> str:
        return self.manifest.get("created_at", "")

    @property
    def encrypted(self) -> bool:
        return bool(self.manifest.get("encrypted"))

    def count(self, key: str) -> int | None:
        return self.manifest.get(key)


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def make_backup(store: Store, folder: Path, *, reason: str, made_by: str, name: str | None = None,
                extra: dict | None = None) -> Backup:
    """Copy the live database into `folder` as a verified, compressed backup with a manifest beside it.

    Nothing appears under the final name until it is complete and synced to disk; a failure (full
    disk, a kill) leaves only dot-named temp files, which the next backup clears away.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法创建备份文件夹“{folder}”：{_why(exc)}") from exc
    clear_stale_temp_files(folder)
    head = {"format": FORMAT, "created_at": now_iso(), "reason": reason, "made_by": made_by}
    pages = None
    try:
        with scratch.work_folder(folder, "backup") as work:
            copy = Path(work) / "copy.db"
            snapshot.backup_into(store, copy)
            tmp = Path(work) / "backup.tmp"
            final = None
            try:
                manifest = write_container(copy, tmp, {**head, **(extra or {})}, checked=True)
                pages = _unlinked_but_open(copy)
                final = _free_name(folder, name or default_name(manifest))
                write_json_atomically(manifest_path(final), manifest)
                os.replace(tmp, final)
                fsync_dir(folder)
            except OSError as exc:
                if final is not None:
                    manifest_path(final).unlink(missing_ok=True)
                raise BackupError(f"备份写入“{folder}”失败：{_why(exc)}。原数据库未受影响。") from exc
    finally:
        _free_later(pages)  # after the work folder is gone: its removal would wait on the freeing
    return Backup(final, manifest)


def default_name(manifest: dict) -> str:
    stamp = now().strftime("%Y%m%d-%H%M%S")
    return f"村务台备份_{manifest.get('village_code') or '未初始化'}_{stamp}{SUFFIX}"


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    n = 2
    while target.exists() or manifest_path(target).exists():
        target = folder / f"{stem}_{n}{SUFFIX}"
        n += 1
    return target


def write_container(db_file: Path, out: Path, manifest: dict, *, checked: bool = False) -> dict:
    """Lay out `out` as MAGIC, the zstd-compressed database, the manifest, its length and TRAILER, synced;
    returns the manifest, with the file's sha256 and size.

    With `checked`, SQLite's integrity check (table by table, on CHECK_WORKERS threads) and the manifest's
    facts are read from the copy while this thread compresses it (SQLite and zstd both release the GIL): a
    copy that fails the check raises BackupError and leaves no backup. The body's sha256 goes into the
    manifest and the whole file's beside it; zstd's own checksum covers the database's bytes."""
    file_hash = hashlib.sha256()
    with ThreadPoolExecutor(max_workers=1) as pool:
        check = pool.submit(snapshot.integrity_problems, db_file, workers=CHECK_WORKERS) if checked else None
        with out.open("wb") as dst:
            _write(dst, MAGIC, file_hash)
            body_sha256, size = _compress(db_file, dst, file_hash)
            if check is not None:
                found = snapshot.copy_facts(db_file)
                problems = check.result() or ([] if found is not None else ["无法读取副本中的记录"])
                if problems:
                    raise BackupError("数据库副本未通过完整性检查，未生成备份：" + "；".join(problems))
                manifest = {**manifest, **(found or {})}
            manifest = {**manifest, "body_sha256": body_sha256, "db_size": size}
            body = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
            _write(dst, body + struct.pack(">Q", len(body)) + TRAILER, file_hash)
            dst.flush()
            os.fsync(dst.fileno())
            return {**manifest, "file_sha256": file_hash.hexdigest(), "file_size": dst.tell()}


def _unlinked_but_open(path: Path) -> int | None:
    """Take a temp copy's name away but keep it open, so that freeing its pages (1–2 s for a 4 GB copy at district
    scale, and the file system's journal waits on it) comes after the backup is in place (_free_later). None on
    Windows, which cannot delete an open file: there the work folder's removal deletes it."""
    if os.name == "nt":
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    path.unlink(missing_ok=True)
    return fd


def _free_later(fd: int | None) -> None:
    """Close the last descriptor of an unlinked copy on a background thread (or at the process's exit)."""
    if fd is not None:
        threading.Thread(target=os.close, args=(fd,), name="vd-free-copy", daemon=True).start()


def _write(dst, data: bytes, *hashes) -> None:
    for h in hashes:
        h.update(data)
    dst.write(data)


class _HashingWriter:
    def __init__(self, dst, *hashes):
        self.dst, self.hashes = dst, hashes

    def write(self, data) -> int:
        _write(self.dst, data, *self.hashes)
        return len(data)

    def flush(self) -> None:
        self.dst.flush()


def _compress(db_file: Path, dst, file_hash) -> tuple[str, int]:
    import zstandard

    body_hash = hashlib.sha256()
    size = 0
    sink = _HashingWriter(dst, file_hash, body_hash)
    buffer = bytearray(_CHUNK)  # read into one buffer: no new megabyte to allocate for every chunk
    view = memoryview(buffer)
    with db_file.open("rb") as src, zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True).stream_writer(
            sink, closefd=False) as z:  # type: ignore[arg-type]  # zstandard takes any object with write()
        while n := src.readinto(buffer):
            size += n
            z.write(view[:n])
    return body_hash.hexdigest(), size


def read_manifest_from_file(path: Path) -> dict:
    """The manifest stored at the end of a backup file (no decompression)."""
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size < len(MAGIC) + 16:
                raise BackupError(f"备份文件“{path.name}”不完整（只有 {size} 字节）。")
            fh.seek(0)
            head = fh.read(len(MAGIC))
            fh.seek(size - 16)
            tail = fh.read(16)
            if head != MAGIC or tail[8:] != TRAILER:
                raise BackupError(f"备份文件“{path.name}”不完整或不是村务台备份。")
            length = struct.unpack(">Q", tail[:8])[0]
            if length > size - len(MAGIC) - 16:
                raise BackupError(f"备份文件“{path.name}”已损坏（清单长度不对）。")
            fh.seek(size - 16 - length)
            manifest = json.loads(fh.read(length).decode("utf-8"))
            manifest["_body"] = (len(MAGIC), size - 16 - length)
            return manifest
    except (OSError, ValueError) as exc:
        raise BackupError(f"无法读取备份文件“{path.name}”：{_why(exc)}") from exc


def extract_db(path: Path, target: Path) -> dict:
    """Decompress a plain backup into `target`, checking its sha256 on the way; returns the manifest."""
    import zstandard

    manifest = read_manifest_from_file(path)
    start, end = manifest.pop("_body")
    body = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as src, target.open("wb") as dst:
            src.seek(start)
            reader = zstandard.ZstdDecompressor().stream_reader(_Limited(src, end - start, body),  # type: ignore[arg-type]
                                                                   closefd=False)  # any object with read()
            while chunk := reader.read(_CHUNK):
                size += len(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except zstandard.ZstdError as exc:
        raise BackupError(f"备份文件“{path.name}”已损坏（解压失败：{exc}）。") from exc
    except OSError as exc:
        raise BackupError(f"无法读取或解压备份“{path.name}”：{_why(exc)}") from exc
    if body.hexdigest() != manifest.get("body_sha256") or size != manifest.get("db_size"):
        raise BackupError(f"备份文件“{path.name}”已损坏（内容校验值不符）。")
    return manifest


class _Limited:
    """A read-only view of the first `n` bytes from a file's current position."""

    def __init__(self, fh, n: int, digest):
        self.fh, self.left, self.digest = fh, n, digest

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.fh.read(size)
        self.left -= len(data)
        self.digest.update(data)
        return data


def verify_plain(path: Path) -> dict:
    """A plain backup's file hash (against the manifest beside it, when there is one) and content hash."""
    side = read_json(manifest_path(path))
    if side is not None and side.get("file_sha256") and sha256_file(path) != side["file_sha256"]:
        raise BackupError(f"备份文件“{path.name}”已损坏（文件校验值与清单不符）。")
    with tempfile.TemporaryDirectory(prefix=".vd-verify-") as work:
        copy = Path(work) / "copy.db"
        manifest = extract_db(path, copy)
        problems = snapshot.integrity_problems(copy)
    if problems:
        raise BackupError(f"备份“{path.name}”中的数据库未通过检查：" + "；".join(problems))
    return manifest


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def write_json_atomically(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; NTFS journals the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clear_stale_temp_files(folder: Path, older_than_s: float = 600) -> None:
    """Remove the dot-named temp files and work folders of backups killed before they finished (not
    those of one running now)."""
    scratch.clear(folder)
    limit = time.time() - older_than_s
    for p in folder.glob(".*.tmp"):
        try:
            if p.is_file() and p.stat().st_mtime < limit:
                p.unlink()
        except OSError:
            continue
    for side in folder.glob(f"*{SUFFIX}*.json"):  # a manifest whose backup never got its final name
        try:
            if not side.with_name(side.name[:-5]).exists() and side.stat().st_mtime < limit:
                side.unlink()
        except OSError:
            continue


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘空间不足"
    if isinstance(exc, OSError) and exc.errno in (errno.EIO, errno.ENODEV, errno.ENOENT, errno.ENXIO):
        return "设备读写出错或已被拔出"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    return str(exc)

