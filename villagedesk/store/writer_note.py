"""Who holds the write lock for long (an import, a sync, the demo): a note beside the database that the waiting side reads.

A long writer's one transaction cannot be cut into pieces without giving up all-or-nothing, so it says
what it is doing instead: `<database>.writing` holds one line (what, when it began, its process) for as
long as the transaction runs. The file is locked by the operating system while in use (flock, or a
byte-range lock on Windows, beyond the text so it can still be read), so a note left by a writer that
was killed is told from a live one and ignored. A writer that holds the lock briefly leaves no note.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from villagedesk.domain.clock import now_iso
from villagedesk.store.os_lock import try_lock

SUFFIX = ".writing"
_LOCK_OFFSET = 1 << 20  # Windows locks bytes, and a locked byte cannot be read: lock one far past the text


def note_path(db_path: Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


@contextlib.contextmanager
def held(db_path: Path, what: str) -> Iterator[None]:
    """Say, until the block ends, that this process is writing `what` (called once the write lock is taken)."""
    path = note_path(db_path)
    fd = _lock_own(path)
    if fd is None:  # a read-only folder, a full disk (or another live note, which cannot be while we hold the
        yield       # write lock): the write itself goes on, only the note is missing
        return
    try:
        line = f"{what}\t{now_iso()}\t{time.time():.0f}\t{os.getpid()}\n".encode()
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, line)
        yield
    finally:
        if os.name == "nt":  # an open file cannot be removed there; a reader finding it unlocked ignores it
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()
        else:
            with contextlib.suppress(OSError):
                path.unlink()
            os.close(fd)


def clear(db_path: Path) -> None:
    """Remove a note its writer left when it was killed (nobody holds its lock); a live one is left alone."""
    path = note_path(db_path)
    if not path.exists():
        return
    try:
        fd = _lock(path, os.O_RDONLY)
    except OSError:
        return
    if fd is not None:
        if os.name == "nt":
            os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        if os.name != "nt":
            os.close(fd)


def _lock_own(path: Path) -> int | None:
    """The note file opened and locked for writing; its lock is on the file under the name now (a clear() that
    removed the name between our open and our lock would leave us writing a note nobody can see)."""
    for _ in range(3):
        try:
            fd = _lock(path, os.O_RDWR | os.O_CREAT)
        except OSError:
            return None
        if fd is None:
            return None
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino or os.name == "nt":
                return fd
        except OSError:
            pass
        os.close(fd)
    return None


def current(db_path: Path) -> str | None:
    """What another process is writing, in Chinese with when it began ('导入同步包“a.vdsync”（14:02 开始，已 3 分钟）'),
    or None when no live writer left a note."""
    path = note_path(db_path)
    try:
        text = path.read_text("utf-8")
    except (OSError, ValueError):
        return None
    try:
        fd = _lock(path, os.O_RDONLY)  # never O_CREAT: a note removed meanwhile is not made again
    except OSError:
        return None
    if fd is not None:  # nobody holds it: its writer is gone (killed), or finished just now
        os.close(fd)
        return None
    parts = text.rstrip("\n").split("\t")
    if len(parts) != 4 or not parts[0]:
        return None
    what, began, wall = parts[0], parts[1], parts[2]
    minutes = int(max(0.0, time.time() - float(wall)) // 60) if wall.isdigit() else 0
    since = f"{began[11:16]} 开始" if len(began) >= 16 else "已开始"
    return f"{what}（{since}，{'已 ' + str(minutes) + ' 分钟' if minutes else '不到 1 分钟'}）"


def _lock(path: Path, flags: int) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None when another process holds it
    (OSError when it cannot be opened at all)."""
    fd = os.open(path, flags, 0o644)
    if not try_lock(fd, _LOCK_OFFSET):
        os.close(fd)
        return None
    return fd
