"""The layers of DESIGN.md §1 (import-linter) and the code style (ruff) are part of the test command."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def test_import_layers_hold():
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = subprocess.run([_tool("ruff"), "check", "villagedesk", "tests", "bench"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_is_a_god_file():
    big = [str(p.relative_to(ROOT)) for p in (ROOT / "villagedesk").rglob("*.py")
           if len(p.read_text("utf-8").splitlines()) > 800]
    assert not big, f"files over 800 lines: {big}"


def test_every_module_has_a_docstring():
    import ast

    missing = [str(p.relative_to(ROOT)) for p in (ROOT / "villagedesk").rglob("*.py")
               if ast.get_docstring(ast.parse(p.read_text("utf-8"))) is None]
    assert not missing, missing


def test_today_and_now_come_from_the_one_clock():
    """Pages, services and reports read the date from domain/clock.py, which tests pin; a direct call
    to the system clock would make a test depend on the day the suite runs."""
    import re

    direct = re.compile(r"date\.today\(|datetime\.now\(|QDate\.currentDate|QDateTime\.currentDateTime")
    found = [f"{p.relative_to(ROOT)}:{n}" for top in ("villagedesk", "tests")
             for p in (ROOT / top).rglob("*.py") if p.name != "clock.py"
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if direct.search(line)]
    assert not found, found
