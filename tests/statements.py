"""Counting the SQL statements a block runs on a store's connection (sqlite3's trace callback)."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class Statements(list):
    """The statements run, in order; `len()` is the count.

    sqlite3's trace callback fires again, with the same expanded text, at the start of each trigger a write fires:
    those repeats are counted in `trigger_runs`, not as statements (two identical writes in a row cannot happen:
    every write stamps a new hybrid-clock value)."""

    def __init__(self):
        super().__init__()
        self.trigger_runs = 0

    def saw(self, sql: str) -> None:
        if self and sql == self[-1] and _WRITE.match(sql):
            self.trigger_runs += 1
        else:
            self.append(sql)

    def like(self, fragment: str) -> int:
        return sum(fragment in s for s in self)

    def most_common(self, n: int = 10) -> list[tuple[str, int]]:
        return Counter(re.sub(r"'[^']*'|\b\d+\b", "?", s)[:160] for s in self).most_common(n)

    def report(self) -> str:
        return (f"{len(self)} statements (+{self.trigger_runs} trigger runs); most repeated:\n" + "\n".join(f"{n:4d}  {s}" for s, n in self.most_common()))


@contextlib.contextmanager
def counting(store) -> Iterator[Statements]:
    """`with counting(store) as seen:` collects every statement the connection starts inside the block."""
    seen = Statements()
    store.conn.set_trace_callback(seen.saw)
    try:
        yield seen
    finally:
        store.conn.set_trace_callback(None)


class Steps:
    """How many SQLite virtual-machine instructions ran (in units of `every`): the work inside statements too, so a
    statement that scans a table grows with the table where the statement count cannot (a foreign-key check's scan
    of a child table runs inside the INSERT that triggers it)."""

    def __init__(self, every: int):
        self.every = every
        self.ticks = 0
        self.paused = False

    def tick(self) -> int:
        if not self.paused:
            self.ticks += 1
        return 0  # go on

    @property
    def count(self) -> int:
        return self.ticks * self.every

    @contextlib.contextmanager
    def pause(self) -> Iterator[None]:
        """Not counted inside the block (work that grows with the database file by nature: a backup)."""
        self.paused = True
        try:
            yield
        finally:
            self.paused = False


@contextlib.contextmanager
def stepping(store, every: int = 100) -> Iterator[Steps]:
    """`with stepping(store) as steps:` counts the VM instructions the connection runs inside the block."""
    steps = Steps(every)
    store.conn.set_progress_handler(steps.tick, every)
    try:
        yield steps
    finally:
        store.conn.set_progress_handler(None, 0)
