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


def _layers_contract() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    return [name.strip() for layer in layers for name in layer.split("|")]


def test_every_package_under_villagedesk_has_its_place_in_the_layers():
    """A new package no layer names would be checked by no contract: it could import anything."""
    on_disk = {f"villagedesk.{p.stem if p.is_file() else p.name}" for p in (ROOT / "villagedesk").iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    in_contract = set(_layers_contract())
    missing, stale = sorted(on_disk - in_contract), sorted(in_contract - on_disk)
    assert not missing, (f"{missing} are in no layer of the layers contract in pyproject.toml: add each to the "
                         "layer where it belongs (DESIGN.md §1), e.g. \"villagedesk.reports | villagedesk.new\"")
    assert not stale, f"the layers contract names {stale}, which no longer exist under villagedesk/"


# SQL a statement starts with, in capitals as the code writes it (Chinese UI text never matches).
_SQL = r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|" \
       r"(CREATE|DROP|ALTER)\s+(TABLE|INDEX|TRIGGER|VIEW)|PRAGMA\s+\w|BEGIN\s+IMMEDIATE|SAVEPOINT\s)"


def test_no_sql_text_outside_the_store():
    """DESIGN.md §1: SQL lives only in villagedesk/store/ (repositories); the other layers call them."""
    import ast
    import re

    sql = re.compile(_SQL)
    found = []
    for path in (ROOT / "villagedesk").rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[1] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.search(node.value):
                found.append(f"{rel}:{node.lineno}: {node.value.strip()[:60]!r}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in ("execute", "executemany", "executescript")):
                found.append(f"{rel}:{node.lineno}: .{node.func.attr}(…)")
    assert not found, "SQL outside villagedesk/store/ (move it into a repository there):\n" + "\n".join(found)
