"""The coverage gate: each layer's line coverage at or above its floor, the money paths at 100%."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "villagedesk"

# Floors in percent, a little under what the suite measured when each was set: a drop means tests were lost
# or code landed untested. Raise them as tests grow; never lower one to let a change through.
FLOORS = {
    "domain": 92,
    "store": 94,
    "services": 92,
    "reports": 98,
    "sync": 93,
    "ui": 88,
    "cli": 55,  # the CLI is mostly run as a subprocess, as a user runs it, and subprocesses are not measured
}
# Where points and money move, and the identity check every register row depends on: every line runs in a test.
MONEY_PATHS = (
    "domain/identity.py",
    "domain/points/hashing.py",
    "services/points/ledger.py",
    "services/points/redemption.py",
    "store/points/ledger.py",
    "store/points/redemptions.py",
    "services/grids/payroll.py",
)


@dataclass
class Tally:
    statements: int = 0
    missing: int = 0

    @property
    def percent(self) -> float:
        return 100.0 if not self.statements else 100.0 * (self.statements - self.missing) / self.statements


def layer_of(relative: str) -> str:
    """domain, store, services, reports, sync, ui; the top-level modules (cli*, app, …) count as cli."""
    head = relative.split("/", 1)[0]
    return head if "/" in relative and head in FLOORS else "cli"


def measure(data_file: Path) -> dict[str, tuple[int, list[int]]]:
    """relative path -> (statements, missing line numbers), for every module of the package, imported or not."""
    import coverage

    cov = coverage.Coverage(data_file=str(data_file), config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        _name, statements, _excluded, missing, _text = cov.analysis2(str(path))
        out[path.relative_to(PACKAGE).as_posix()] = (len(statements), list(missing))
    return out


def verdict(files: dict[str, tuple[int, list[int]]]) -> list[str]:
    """What falls short, in Chinese and English a developer can act on; empty when the gate passes."""
    layers: dict[str, Tally] = {name: Tally() for name in FLOORS}
    for relative, (statements, missing) in files.items():
        t = layers[layer_of(relative)]
        t.statements += statements
        t.missing += len(missing)
    problems = [f"layer {name}: {t.percent:.1f}% < floor {FLOORS[name]}%" for name, t in layers.items()
                if t.percent < FLOORS[name]]
    for relative in MONEY_PATHS:
        if relative not in files:
            problems.append(f"money path {relative}: not found (moved? update MONEY_PATHS)")
            continue
        missing = files[relative][1]
        if missing:
            problems.append(f"money path {relative}: lines {', '.join(map(str, missing))} never run in a test")
    return problems


def report(files: dict[str, tuple[int, list[int]]]) -> str:
    layers: dict[str, Tally] = {name: Tally() for name in FLOORS}
    for relative, (statements, missing) in files.items():
        t = layers[layer_of(relative)]
        t.statements += statements
        t.missing += len(missing)
    return "  ".join(f"{name} {t.percent:.1f}%" for name, t in layers.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-file", type=Path, default=ROOT / ".coverage")
    args = parser.parse_args(argv)
    files = measure(args.data_file)
    print("coverage:", report(files))
    problems = verdict(files)
    for p in problems:
        print("coverage gate:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
