"""Wall-clock strings and the hybrid logical clock (HLC) that orders changes across nodes."""

from __future__ import annotations

import datetime as dt
import threading
import time


def now_iso() -> str:
    """Local time with its UTC offset, to the second: what a clerk reads in the audit trail."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class HybridClock:
    """HLC as a sortable string 'ms(13).counter(5)': never goes backwards on one node,
    and moves past any later clock seen in an imported change."""

    def __init__(self, last: str | None = None):
        self._lock = threading.Lock()
        self._ms, self._n = parse_hlc(last) if last else (0, 0)

    def now(self) -> str:
        with self._lock:
            wall = int(time.time() * 1000)
            if wall > self._ms:
                self._ms, self._n = wall, 0
            else:
                self._n += 1
            return format_hlc(self._ms, self._n)

    def observe(self, remote: str) -> None:
        """Merge a remote HLC so later local stamps sort after it."""
        ms, n = parse_hlc(remote)
        with self._lock:
            if (ms, n) > (self._ms, self._n):
                self._ms, self._n = ms, n


def format_hlc(ms: int, n: int) -> str:
    return f"{ms:013d}.{n:05d}"


def parse_hlc(value: str) -> tuple[int, int]:
    ms, _, n = value.partition(".")
    return int(ms), int(n or 0)
