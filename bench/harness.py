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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.store import node

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

    @property
    def ratio(self) -> float:
        return self.median_s / self.baseline_s if self.baseline_s > 0 else float("inf")

    def line(self) -> str:
        verdict = "" if self.target is None else ("  ok" if self.ratio <= self.target else "  OVER")
        target = "" if self.target is None else f"(≤{self.target:g}×)"
        return (f"{self.name:<48} {self.scale:<9} {self.median_s * 1000:>10.1f} ms"
                f" {self.baseline_s * 1000:>10.1f} ms {self.ratio:>7.2f}× {target}{verdict}")


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
        target = to or self.tmp / f"{scale}-{len(list(self.tmp.iterdir()))}.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.dbs[scale], target)
        conn = sqlite3.connect(target)
        node_id, token = conn.execute("SELECT node_id, token FROM node_identity WHERE id = 1").fetchone()
        conn.close()
        node._write_sidecar(target, node_id, token=token, pending=None)
        if hasattr(os, "sync"):  # a 4 GB copy would otherwise be written back while we measure
            os.sync()
        return target

    def measure(self, name: str, scale: str, fn: Callable[[], object], baseline_fn: Callable[[], object],
                repeat: int = 5, target: float | None = None) -> Result:
        """Run operation and baseline alternately `repeat` times; record both medians."""
        ours, bare = [], []
        for _ in range(repeat):
            ours.append(_timed(fn))
            bare.append(_timed(baseline_fn))
        result = Result(name, scale, statistics.median(ours), statistics.median(bare), target)
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
        result = Result(name, scale, statistics.median(ours), statistics.median(bare), target)
        self.results.append(result)
        print(result.line(), flush=True)
        return result


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def demo_fingerprint() -> str:
    """Scale databases are rebuilt when the schema or the demo generator changes."""
    h = hashlib.sha256()
    for folder in ("villagedesk/store/migrations", "villagedesk/services/demo"):
        for path in sorted((ROOT / folder).glob("*.py")):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def build_scale_dbs(scales: list[str], rebuild: bool = False) -> dict[str, Path]:
    DATA.mkdir(parents=True, exist_ok=True)
    key = demo_fingerprint()
    dbs = {}
    for scale in scales:
        households, villages = SCALES[scale]
        path = DATA / f"{scale}-{key}.db"
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
