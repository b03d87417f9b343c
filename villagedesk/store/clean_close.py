"""Whether a database file is exactly as this app last closed it, so opening it need not quick_check it.

`PRAGMA quick_check` reads every page (10 s at district scale). It protects against a file damaged or
replaced since we last had it open: an unclean shutdown, a copy put back, an outside tool's edit, a
disk error found on the way. On a clean close we note the file's identity (inode, size, modification
and change times, in nanoseconds); the next open that finds exactly that identity, and no WAL left
behind, skips the check. Anything else — a crash (the WAL is still there), a file copied back (new
inode and change time), an edit (new times) — opens with the check. Kept outside the data folder, so
a folder copied back does not bring its stamp along. `check`, backups and sync exports check anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

NAME = "clean_close.txt"  # one line per database: its path, a tab, four integers (no json: start-up cost)


def _stamp_file() -> Path:
    from villagedesk.store.location import state_dir

    return state_dir() / NAME


def identity(path: Path) -> list[int] | None:
    """The file's identity as the OS reports it; None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _read() -> dict[str, list[int]]:
    try:
        text = _stamp_file().read_text("utf-8")
    except (OSError, ValueError):
        return {}
    stamps = {}
    for line in text.splitlines():
        key, _, numbers = line.rpartition("\t")
        parts = numbers.split()
        if key and len(parts) == 4 and all(p.isdigit() for p in parts):
            stamps[key] = [int(p) for p in parts]
    return stamps


def _write(stamps: dict[str, list[int]]) -> None:
    target = _stamp_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.write_text("".join(f"{k}\t{' '.join(map(str, v))}\n" for k, v in stamps.items()), "utf-8")
    os.replace(tmp, target)


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def _wal_left(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def known_clean(path: Path) -> bool:
    """True only when the file is byte-for-byte the one this app closed cleanly last (by its identity)."""
    seen = _read().get(_key(path))
    return seen is not None and seen == identity(path) and not _wal_left(path)


def forget(path: Path) -> None:
    """The file is not to be trusted unchecked any more (its pages failed a check): the next open checks."""
    stamps = _read()
    if stamps.pop(_key(path), None) is not None:
        _write(stamps)


def remember(path: Path) -> None:
    """Called after the last connection closed cleanly (SQLite has checkpointed and removed the WAL)."""
    if _wal_left(path):
        return  # another process still has it open: its own close will say
    now = identity(path)
    if now is not None:
        stamps = _read()
        stamps[_key(path)] = now
        _write(stamps)
