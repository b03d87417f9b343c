"""Dot-named work folders beside a database or in the backup folder: held while in use, cleared once their maker died."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from villagedesk.store.os_lock import try_lock

PREFIX = ".vd-"
LOCK = "in-use.lock"
# A folder with files but no lock file was left by a version that did not lock: cleared once nothing in it
# moved for this long. An empty one was killed between being made and locked: cleared at once.
UNLOCKED_GRACE_S = 600


@contextlib.contextmanager
def work_folder(folder: Path, kind: str) -> Iterator[Path]:
    """A fresh `.vd-<kind>-…` folder in `folder`, locked for this process until the block ends.

    The lock is the operating system's (flock, or a byte-range lock on Windows): a SIGKILL, a crash or
    a power cut releases it, so the next clear() can tell a dead restore's leftovers from a live one's.
    """
    for _attempt in range(5):
        path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-", dir=folder))
        lock = _lock(path / LOCK)
        if lock is not None and os.fstat(lock).st_nlink > 0:
            break
        # Another start's clear() took the folder for a dead one's in the instant before it was locked: again.
        if lock is not None:
            os.close(lock)
        shutil.rmtree(path, ignore_errors=True)
    else:
        raise OSError(f"无法在“{folder}”中建立临时工作文件夹")
    try:
        yield path
    finally:
        if lock is not None:
            os.close(lock)
        shutil.rmtree(path, ignore_errors=True)


def clear(folder: Path) -> list[Path]:
    """Remove the work folders in `folder` whose maker is gone (a killed backup or restore); a folder
    another process still holds is left alone. Returns what was removed."""
    gone: list[Path] = []
    try:
        candidates = [p for p in Path(folder).glob(f"{PREFIX}*") if p.is_dir()]
    except OSError:
        return gone
    for path in candidates:
        if _abandoned(path):
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                gone.append(path)
    return gone


def _abandoned(path: Path) -> bool:
    lock_file = path / LOCK
    if lock_file.exists():
        fd = _lock(lock_file)
        if fd is None:
            return False  # held: a backup or restore is running now
        os.close(fd)
        return True
    try:
        inside = list(path.iterdir())
        if not inside:
            return True  # killed between making and locking it (a live maker that loses it makes another)
        newest = max([path.stat().st_mtime, *(p.stat().st_mtime for p in inside)])
    except OSError:
        return False
    return time.time() - newest > UNLOCKED_GRACE_S


def _lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None when another process holds it."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    if not try_lock(fd):
        os.close(fd)
        return None
    return fd
