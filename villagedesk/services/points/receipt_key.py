"""This installation's receipt key: the secret that keys each receipt QR (HMAC), kept beside the sync keys, never in the database."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from villagedesk.domain.errors import StoreError
from villagedesk.sync.keys import key_folder

FILE_NAME = "receipt-qr.key"


def path(folder: Path | None = None) -> Path:
    return (folder or key_folder()) / FILE_NAME


def load_or_create(folder: Path | None = None) -> bytes:
    """The 32-byte secret, made on first use; a copy of the database (or a backup) does not carry it, so
    whoever has only the file cannot print a receipt whose QR this PC accepts."""
    p = path(folder)
    if p.exists():
        return _read(p)
    key = secrets.token_bytes(32)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f"{p.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(tmp, p)  # never replaces a key another process made a moment ago
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read(p)


def _read(p: Path) -> bytes:
    try:
        key = bytes.fromhex(p.read_text("ascii").strip())
    except (OSError, ValueError) as exc:
        raise StoreError(f"本机兑换凭证密钥文件无法读取：{p}（{exc}）。") from exc
    if len(key) != 32:
        raise StoreError(f"本机兑换凭证密钥文件已损坏：{p}。")
    return key
