"""The coverage gate refuses a layer under its floor and a money path with a line no test runs."""

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_coverage.py"
spec = importlib.util.spec_from_file_location("check_coverage", SCRIPT)
gate = sys.modules["check_coverage"] = importlib.util.module_from_spec(spec)  # dataclasses look it up
spec.loader.exec_module(gate)


def _all_covered():
    files = {f"{layer}/x.py": (100, []) for layer in gate.FLOORS if layer != "cli"}
    files["cli.py"] = (100, [])
    files.update({p: (50, []) for p in gate.MONEY_PATHS})
    return files


def test_every_file_lands_in_a_layer_and_the_money_paths_exist():
    files = [p.relative_to(gate.PACKAGE).as_posix() for p in gate.PACKAGE.rglob("*.py")]
    assert {gate.layer_of(f) for f in files} == set(gate.FLOORS)
    assert set(gate.MONEY_PATHS) <= set(files)
    assert gate.layer_of("cli_sync.py") == gate.layer_of("app.py") == "cli"
    assert gate.layer_of("ui/pages/home/page.py") == "ui"


def test_a_full_run_passes_and_one_missed_money_line_fails():
    files = _all_covered()
    assert gate.verdict(files) == []
    files["services/points/redemption.py"] = (50, [123])
    assert gate.verdict(files) == ["money path services/points/redemption.py: lines 123 never run in a test"]


def test_a_layer_under_its_floor_fails_naming_it():
    files = _all_covered()
    floor = gate.FLOORS["services"]
    files["services/x.py"] = (1000, list(range(1000 - floor * 10 + 1 + 50)))
    [problem] = gate.verdict(files)
    assert problem.startswith("layer services:") and f"< floor {floor}%" in problem
