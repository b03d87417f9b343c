"""A damaged database at start: moved aside (never deleted), and the newest backups that pass verification."""

from __future__ import annotations

import os
from pathlib import Path

from villagedesk.domain.clock import now
from villagedesk.services.backup import automatic, catalog
from villagedesk.services.backup.archive import Backup, BackupError, _why

_COMPANIONS = ("-wal", "-shm", ".node")


def move_aside(db_path: Path) -> Path:
    """Rename the damaged file (with its WAL, shared memory and sidecar) to …_损坏_<time>.db."""
    db_path = Path(db_path)
    stamp = now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}_损坏_{stamp}{db_path.suffix or '.db'}")
    n = 2
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}_损坏_{stamp}_{n}{db_path.suffix or '.db'}")
        n += 1
    try:
        for suffix in _COMPANIONS:
            side = Path(str(db_path) + suffix)
            if side.exists():
                os.replace(side, Path(str(target) + suffix))
        if db_path.exists():
            os.replace(db_path, target)
    except OSError as exc:
        raise BackupError(f"无法把损坏的数据库移到一旁：{_why(exc)}") from exc
    return target


def verified_backups(folder: Path | None = None, limit: int = 3, password: str | None = None) -> list[Backup]:
    """The newest backups (plain ones) that pass a full verification, newest first."""
    good = []
    for b in catalog.list_backups(folder or automatic.folder()):
        if b.encrypted and password is None:
            continue
        try:
            catalog.verify(b.path, password)
        except BackupError:
            continue
        good.append(b)
        if len(good) >= limit:
            break
    return good
