"""The backups in a folder: listed newest first from their manifests, verified, deleted."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from villagedesk.services.backup.archive import (
    SUFFIX,
    Backup,
    BackupError,
    manifest_path,
    read_json,
    read_manifest_from_file,
    sha256_file,
    verify_plain,
)
from villagedesk.services.backup.encrypted import AGE_SUFFIX, decrypt_to


def is_backup_name(path: Path) -> bool:
    return not path.name.startswith(".") and (path.name.endswith(SUFFIX) or path.name.endswith(SUFFIX + AGE_SUFFIX))


def load(path: Path) -> Backup:
    """A backup and its manifest: from the file beside it, else (plain backups) from the file itself."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"备份文件“{path}”不存在。")
    side = read_json(manifest_path(path))
    if side is None:
        if path.name.endswith(AGE_SUFFIX):
            side = {"encrypted": True}
        else:
            side = read_manifest_from_file(path)
            side.pop("_body", None)
    return Backup(path, side)


def list_backups(folder: Path) -> list[Backup]:
    """Every backup under its final name in `folder`, newest first; unreadable ones are skipped."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        if is_backup_name(p):
            try:
                found.append(load(p))
            except BackupError:
                continue
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def newest(folder: Path, *, node_id: str | None = None) -> Backup | None:
    for b in list_backups(folder):
        if node_id is None or b.manifest.get("node_id") == node_id:
            return b
    return None


def made_at(backup: Backup) -> dt.datetime:
    """The local wall time the backup was made (its manifest's time, without the UTC offset)."""
    try:
        return dt.datetime.fromisoformat(backup.created_at).replace(tzinfo=None)
    except ValueError:
        return dt.datetime.fromtimestamp(backup.path.stat().st_mtime)


def verify(path: Path, password: str | None = None) -> dict:
    """Check a backup through and through: file hash, content hash, SQLite's integrity check.

    An encrypted backup needs its password for more than its file hash."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"备份文件“{path}”不存在。")
    if not path.name.endswith(AGE_SUFFIX):
        return verify_plain(path)
    if password is None:
        side = read_json(manifest_path(path))
        if not side or sha256_file(path) != side.get("file_sha256"):
            raise BackupError(f"备份文件“{path.name}”已损坏，或缺少旁边的清单文件；请输入备份密码做完整检查。")
        return side
    with tempfile.TemporaryDirectory(prefix=".vd-verify-") as work:
        plain = Path(work) / "plain.vdbak"
        decrypt_to(path, plain, password)
        return verify_plain(plain)


def delete(backup: Backup) -> None:
    backup.path.unlink(missing_ok=True)
    manifest_path(backup.path).unlink(missing_ok=True)
