"""Benchmark harness: scale databases built once, medians and ratios against a bare baseline in the same run."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.store import node

# The demo village's head (services/demo CAST): benches act as an office user the permission policy knows.
OFFICE_HEAD = Actor("demo-approver", "王书记", "head")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"

# scale -> (households, villages)
SCALES: dict[str, tuple[int, int]] = {
    "village": (600, 1),
    "township": (12_000, 20),
    "district": (150_000, 1),
}


@dataclass
class Result:
    name: str
    scale: str
    median_s: float
    baseline_s: float
    target: float | None
    runs: list[float] = field(default_factory=list)  # every run of the operation, in order
    baseline_runs: list[float] = field(default_factory=list)  # every run of the baseline, interleaved with those
    peak_mib: tuple[float, float] | None = None  # the most memory a run reached: (resident, of it private)
    baseline_peak_mib: tuple[float, float] | None = None

    @property
    def ratio(self) -> float:
        return self.median_s / self.baseline_s if self.baseline_s > 0 else float("inf")

    def line(self) -> str:
        verdict = "" if self.target is None else ("  ok" if self.ratio <= self.target else "  OVER")
        target = "" if self.target is None else f"(≤{self.target:g}×)"
        out = (f"{self.name:<48} {self.scale:<9} {self.median_s * 1000:>10.1f} ms"
               f" {self.baseline_s * 1000:>10.1f} ms {self.ratio:>7.2f}× {target}{verdict}")
        if len(self.runs) > 1:
            out += f"\n{'':<50}min–median–max {_spread(self.runs)} vs {_spread(self.baseline_runs)} ms"
            pairs = [a / b for a, b in zip(self.runs, self.baseline_runs, strict=True) if b > 0]
            if pairs:
                out += f"; pairwise ratio {min(pairs):.2f}–{statistics.median(pairs):.2f}–{max(pairs):.2f}×"
        if self.peak_mib is not None:
            (ours, ours_private), (bare, bare_private) = self.peak_mib, self.baseline_peak_mib
            out += (f"\n{'':<50}peak memory {ours:.0f} MiB resident ({ours_private:.0f} MiB private)"
                    f" vs {bare:.0f} MiB ({bare_private:.0f} MiB private); the rest is mapped file pages")
        return out


def _spread(values: list[float]) -> str:
    return f"{min(values) * 1000:.0f}–{statistics.median(values) * 1000:.0f}–{max(values) * 1000:.0f}"


@dataclass
class BenchContext:
    dbs: dict[str, Path]
    results: list[Result] = field(default_factory=list)
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="vd-bench-")))

    def __post_init__(self) -> None:
        # District copies are 4 GB each: never leave them behind, whatever ends the run.
        atexit.register(shutil.rmtree, self.tmp, True)

    def copy(self, scale: str, to: Path | None = None) -> Path:
        """A private copy of a scale database that an operation may write to.

        The copy keeps its node, as the office's own database does when the app opens it in place
        day after day: otherwise the first open would take a new node id with an empty change log,
        and the bench would never see what opening a node with years of changes costs.
        """
        return self.copy_file(self.dbs[scale], to or self.tmp / f"{scale}-{len(list(self.tmp.iterdir()))}.db")

    def copy_file(self, source: Path, target: Path) -> Path:
        """A copy of any database file (a cached sync pair's) that keeps its node, as `copy` does."""
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        conn = sqlite3.connect(target)
        node_id, token = conn.execute("SELECT node_id, token FROM node_identity WHERE id = 1").fetchone()
        high_water = node.high_water(conn, node_id)
        conn.close()
        node._write_sidecar(target, node_id, token=token, pending=None)
        # This computer remembers how far each node's change log has come; a copy that is behind a copy an
        # earlier operation wrote to would open as a restored database, a new node (and unknown to its peers).
        marks = node._read_marks()
        marks[node_id] = high_water
        node._write_marks(marks)
        if hasattr(os, "sync"):  # a 4 GB copy would otherwise be written back while we measure
            os.sync()
        return target

    def measure(self, name: str, scale: str, fn: Callable[[], object], baseline_fn: Callable[[], object],
                repeat: int = 5, target: float | None = None, tidy: Callable[[], object] | None = None) -> Result:
        """Run operation and baseline in interleaved pairs `repeat` times; record every run, the medians
        and each side's peak resident memory. `tidy` (untimed) runs after each run of either, to remove
        what it wrote."""
        ours, bare, ours_peak, bare_peak = [], [], [], []
        for _ in range(repeat):
            ours.append(_timed(fn, ours_peak))
            if tidy:
                tidy()
            bare.append(_timed(baseline_fn, bare_peak))
            if tidy:
                tidy()
        result = Result(name, scale, statistics.median(ours), statistics.median(bare), target, ours, bare,
                        _peaks(ours_peak), _peaks(bare_peak))
        self.results.append(result)
        print(result.line(), flush=True)
        return result

    def measure_values(self, name: str, scale: str, fn: Callable[[], float], baseline_fn: Callable[[], float],
                       repeat: int = 5, target: float | None = None) -> Result:
        """Like measure, for operations that report their own duration in seconds."""
        ours, bare = [], []
        for _ in range(repeat):
            ours.append(fn())
            bare.append(baseline_fn())
        result = Result(name, scale, statistics.median(ours), statistics.median(bare), target, ours, bare)
        self.results.append(result)
        print(result.line(), flush=True)
        return result


def _timed(fn: Callable[[], object], peaks: list[tuple[float, float]] | None = None) -> float:
    _reset_peak_memory()
    anon = _AnonSampler() if peaks is not None else None
    start = time.perf_counter()
    try:
        fn()
    finally:
        spent = time.perf_counter() - start
        private = anon.stop() if anon else None
    peak = _peak_memory_mib()
    if peaks is not None and peak is not None:
        peaks.append((peak, private or 0.0))
    return spent


def _peaks(seen: list[tuple[float, float]]) -> tuple[float, float] | None:
    return (max(r for r, _ in seen), max(p for _, p in seen)) if seen else None


class _AnonSampler:
    """The largest private (anonymous) resident memory seen every 20 ms while an operation runs:
    the part that mapped file pages (SQLite's mmap) do not make look bigger than it is."""

    def __init__(self) -> None:
        self.peak = _status_mib("RssAnon:") or 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, _status_mib("RssAnon:") or 0.0)

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return max(self.peak, _status_mib("RssAnon:") or 0.0)


def _status_mib(key: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak_memory() -> None:
    """Linux lets a process reset its high-water mark (VmHWM), so each run's own peak is read."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_memory_mib() -> float | None:
    hwm = _status_mib("VmHWM:")
    if hwm is not None:
        return hwm
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the process's peak so far
    except ImportError:
        return None


def describe(scale: str, path: Path) -> str:
    """What a scale database really holds, read from it: the scale printed is the scale measured."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        households = conn.execute("SELECT count(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]
        villages = conn.execute("SELECT count(*) FROM villages WHERE deleted_at IS NULL").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM point_entries").fetchone()[0]
    finally:
        conn.close()
    size = path.stat().st_size / (1 << 20)
    return f"{scale}: {households} 户, {villages} 个村, {entries} 条积分台账, {size:.0f} MiB ({path.name})"


def demo_fingerprint() -> str:
    """Scale databases are rebuilt when the schema or the demo generator changes."""
    h = hashlib.sha256()
    for folder in ("villagedesk/store/migrations", "villagedesk/services/demo"):
        for path in sorted((ROOT / folder).glob("*.py")):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def build_scale_dbs(scales: list[str], rebuild: bool = False, reuse: bool = False) -> dict[str, Path]:
    """The scale databases, built by today's demo generator (cached under its fingerprint); with `reuse`, a
    database an older generator built is taken as it is (opening its copy migrates it), and said so."""
    DATA.mkdir(parents=True, exist_ok=True)
    key = demo_fingerprint()
    dbs = {}
    for scale in scales:
        households, villages = SCALES[scale]
        path = DATA / f"{scale}-{key}.db"
        older = sorted(DATA.glob(f"{scale}-*.db"), key=lambda p: p.stat().st_mtime)
        if reuse and not rebuild and not path.exists() and older:
            print(f"沿用旧的 {scale} 规模数据库 {older[-1].name}（由较早的演示数据生成器生成，打开副本时升级）", flush=True)
            dbs[scale] = older[-1]
            continue
        if rebuild or not path.exists():
            for old in DATA.glob(f"{scale}-*"):
                old.unlink()
            print(f"正在生成 {scale} 规模数据库（{households} 户，{villages} 个村）……", flush=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "villagedesk.cli", "demo", "--db", str(path),
                            "--households", str(households), "--villages", str(villages)], check=True)
            print(f"  用时 {time.perf_counter() - start:.1f} s", flush=True)
        dbs[scale] = path
    return dbs
