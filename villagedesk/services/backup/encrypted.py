"""Backups that leave the PC: the whole backup file encrypted with age (passphrase), written and read back."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from villagedesk.domain.errors import ValidationError
from villagedesk.services.backup.archive import (
    Backup,
    BackupError,
    _why,
    fsync_dir,
    manifest_path,
    read_json,
    sha256_file,
    write_json_atomically,
)

AGE_SUFFIX = ".age"
MIN_PASSWORD = 8
# What the manifest beside an encrypted backup may show: nothing about people or the village.
CLEAR_KEYS = ("format", "created_at", "schema_version", "households", "ledger_entries", "receipts")


def check_password(password: str, repeat: str | None = None) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("备份密码", f"至少 {MIN_PASSWORD} 个字符")
    if repeat is not None and repeat != password:
        raise ValidationError("确认密码", "两次输入的备份密码不一致")


def encrypt_backup(backup: Backup, folder: Path, password: str, name: str | None = None) -> Backup:
    """Write `backup` encrypted into `folder`: temp name, fsync, rename, read back, sha256 compared."""
    import pyrage

    check_password(password)
    data = backup.path.read_bytes()
    cipher = pyrage.passphrase.encrypt(data, password)
    final = Path(folder) / ((name or backup.path.name) + AGE_SUFFIX)
    tmp = final.with_name(f".{final.name}.tmp")
    want = hashlib.sha256(cipher).hexdigest()
    clear = {k: backup.manifest.get(k) for k in CLEAR_KEYS}
    clear.update(encrypted=True, file_sha256=want, file_size=len(cipher))
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            fh.write(cipher)
            fh.flush()
            os.fsync(fh.fileno())
        if sha256_file(tmp) != want:
            raise BackupError("写入U盘后读回的内容与写入的不一致，U盘可能有故障。请换一个U盘再试。")
        write_json_atomically(manifest_path(final), clear)
        os.replace(tmp, final)
        fsync_dir(Path(folder))
        _drop_cache(final)
        if sha256_file(final) != want:
            final.unlink(missing_ok=True)
            raise BackupError("写入U盘后读回的内容与写入的不一致，U盘可能有故障。请换一个U盘再试。")
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        manifest_path(final).unlink(missing_ok=True)
        raise BackupError(f"写入“{folder}”失败：{_why(exc)}。U盘上没有留下不完整的备份。") from exc
    return Backup(final, clear)


def decrypt_to(path: Path, target: Path, password: str) -> None:
    """Decrypt an encrypted backup into the plain backup file `target`; a wrong password is named."""
    import pyrage

    side = read_json(manifest_path(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"无法读取备份文件“{path.name}”：{_why(exc)}") from exc
    if side and side.get("file_sha256") and hashlib.sha256(data).hexdigest() != side["file_sha256"]:
        raise BackupError(f"备份文件“{path.name}”已损坏（文件校验值与清单不符）。")
    try:
        plain = pyrage.passphrase.decrypt(data, password or "")
    except pyrage.DecryptError as exc:
        raise BackupError(f"无法解密“{path.name}”：备份密码不对，或文件已损坏。") from exc
    try:
        target.write_bytes(plain)
    except OSError as exc:
        raise BackupError(f"无法把解密的备份写到“{target.parent}”：{_why(exc)}") from exc


def _drop_cache(path: Path) -> None:
    """Ask the kernel to forget the file's cached pages, so the read-back reads the stick itself."""
    if hasattr(os, "posix_fadvise"):
        try:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
        except OSError:
            pass
