"""Wall-clock strings and the hybrid logical clock (HLC) that orders changes across nodes."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time

# The one source of "today" and "now" for pages, services and reports. Tests pin it (and
# VILLAGEDESK_NOW pins it for a whole process, e.g. a CLI run by a test) so that nothing
# depends on the date the suite happens to run on. The HLC below stays on the real clock:
# it orders changes, it says nothing a clerk reads as a date.
_pinned: dt.datetime | None = None


def _from_env() -> dt.datetime | None:
    value = os.environ.get("VILLAGEDESK_NOW")
    return dt.datetime.fromisoformat(value).replace(tzinfo=None) if value else None


_pinned = _from_env()


def pin(when: dt.datetime | None) -> None:
    """Freeze now() at `when` (local, naive); None goes back to the process's setting."""
    global _pinned
    _pinned = when.replace(tzinfo=None) if when is not None else _from_env()


def now() -> dt.datetime:
    """Local wall time, naive, as a clerk's calendar and watch read it."""
    return _pinned if _pinned is not None else dt.datetime.now()


def today() -> dt.date:
    return now().date()


def now_iso() -> str:
    """Local time with its UTC offset, to the second: what a clerk reads in the audit trail."""
    return now().astimezone().isoformat(timespec="seconds")


def local_time(stamp: str | None) -> str:
    """A stored stamp (ISO, with or without its UTC offset) as a clerk reads it: local time, to the minute."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M")


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
