"""The operating system's exclusive, non-blocking lock on an open file: released by a crash or a SIGKILL."""

from __future__ import annotations

import os
import sys


def try_lock(fd: int, offset: int = 0) -> bool:
    """Lock `fd` for this process (flock, or one byte at `offset` on Windows); False when another holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, offset, 0)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            os.lseek(fd, 0, 0)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
