"""备份到U盘: removable drives, room and FAT32 checked first, the encrypted backup written and read back; the 首页 reminder."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now, now_iso
from villagedesk.domain.permissions import Action
from villagedesk.services.access import authorize
from villagedesk.services.backup import automatic, encrypted, manual
from villagedesk.services.backup.archive import Backup, BackupError
from villagedesk.store import backup_settings
from villagedesk.store.connection import Store

FAT32_LIMIT = 4 * 1024**3 - 1
FOLDER_ON_DRIVE = "村务台备份"
_FAT = {"vfat", "fat", "fat32", "msdos"}


@dataclass(frozen=True)
class Drive:
    """A removable drive as the list shows it."""

    path: Path
    label: str
    fs_type: str
    free_bytes: int
    total_bytes: int

    @property
    def fat32(self) -> bool:
        return self.fs_type.lower() in _FAT

    def text(self) -> str:
        gb = 1024**3
        return (f"{self.label}（{self.path}，{self.fs_type.upper()}，"
                f"可用 {self.free_bytes / gb:.1f} GB / 共 {self.total_bytes / gb:.1f} GB）")


def removable_drives(mounts: str | None = None) -> list[Drive]:
    """The removable drives plugged in now: on Linux the mounts under /media and /run/media, on
    Windows the drives Windows calls removable. `mounts` (the text of /proc/mounts) is for tests."""
    if sys.platform == "win32" and mounts is None:
        return _windows_drives()
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text("utf-8", errors="replace")
        except OSError:
            return []
    found = []
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        if not (point.startswith("/media/") or point.startswith("/run/media/")):
            continue
        found.append(_drive(Path(point), Path(point).name, parts[2]))
    return [d for d in found if d is not None]


def _drive(path: Path, label: str, fs_type: str) -> Drive | None:
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None
    return Drive(path, label, fs_type, usage.free, usage.total)


def _unescape(text: str) -> str:
    """/proc/mounts writes a space as \\040 (and tab, newline, backslash likewise)."""
    return text.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def _windows_drives() -> list[Drive]:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
    drive_removable = 2
    mask = kernel32.GetLogicalDrives()
    found = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(65 + i)}:\\"
        if kernel32.GetDriveTypeW(root) != drive_removable:
            continue
        name = ctypes.create_unicode_buffer(261)
        fs = ctypes.create_unicode_buffer(261)
        if not kernel32.GetVolumeInformationW(root, name, 261, None, None, None, fs, 261):
            continue  # no medium in the drive
        drive = _drive(Path(root), name.value or f"U盘 {root[:2]}", fs.value)
        if drive is not None:
            found.append(drive)
    return found


def check_room(drive: Drive, size: int) -> None:
    """Refuse, before writing anything, a file the drive cannot hold."""
    if drive.fat32 and size > FAT32_LIMIT:
        raise BackupError(f"U盘“{drive.label}”是 FAT32 格式，单个文件不能超过 4 GB，而这份备份有 "
                          f"{size / 1024**3:.1f} GB。请换用 exFAT 或 NTFS 格式的U盘。")
    need = size + 1024 * 1024
    if drive.free_bytes < need:
        raise BackupError(f"U盘“{drive.label}”空间不足：需要 {need / 1024**2:.0f} MB，"
                          f"只剩 {drive.free_bytes / 1024**2:.0f} MB。请清理U盘或换一个。")


def backup_to_drive(store: Store, drive: Drive, password: str, actor: Actor, job=None,
                    refresh: Callable[[Drive], Drive | None] | None = None) -> Backup:
    """A fresh backup by `actor` (kept in the automatic folder too), encrypted onto the drive and read back."""
    who = authorize(store, actor, Action.BACKUP)
    encrypted.check_password(password)
    if job is not None:
        job.progress(0.1, "正在备份数据库…")
    manual.audit(store, who, "备份到U盘", f"U盘“{drive.label}”（{drive.path}）")
    plain = automatic.backup_now(store, "备份到U盘", who.name)
    current = (refresh or _refresh)(drive)
    if current is None:
        raise BackupError(f"找不到U盘“{drive.label}”，可能已被拔出。请重新插入后再试。")
    check_room(current, plain.path.stat().st_size + 4096)
    if job is not None:
        job.progress(0.5, "正在加密并写入U盘…")
    folder = current.path / FOLDER_ON_DRIVE
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法在U盘“{drive.label}”上建立文件夹：{exc}") from exc
    name = f"村务台备份_{now().strftime('%Y%m%d-%H%M%S')}.vdbak"
    made = encrypted.encrypt_backup(plain, folder, password, name=name)
    backup_settings.put(store, "last_offpc", now_iso())
    if job is not None:
        job.progress(1.0, "已写入并读回校验")
    return made


def _refresh(drive: Drive) -> Drive | None:
    return _drive(drive.path, drive.label, drive.fs_type) if os.path.isdir(drive.path) else None
