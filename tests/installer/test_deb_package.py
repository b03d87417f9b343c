"""The .deb end to end: built from this checkout, installed with dpkg, run from /usr/bin with no venv, removed.

Slow (a PyInstaller build, about a minute warm and two on a fresh machine); the built package is cached
under build/deb-cache/ by a hash of everything that goes into it, so an unchanged tree installs at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.store import frozen_schema
from villagedesk.services.backup import catalog
from villagedesk.store.connection import APPLICATION_ID
from villagedesk.store.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("villagedesk", "resources", "installer", "pyproject.toml")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("dpkg") is None or os.geteuid() != 0,
                       reason="needs a dpkg-based system and root, to install the package"),
]


def _deb_check():
    spec = importlib.util.spec_from_file_location("deb_check", ROOT / "installer" / "deb_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _source_hash() -> str:
    digest = hashlib.sha256()
    for top in INPUTS:
        paths = [ROOT / top] if (ROOT / top).is_file() else sorted((ROOT / top).rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _built_package() -> tuple[Path, float]:
    """The package for this tree, built now if no cached one matches; and the seconds the build took."""
    deb = ROOT / "build" / "deb-cache" / _source_hash() / "villagedesk.deb"
    if deb.exists():
        return deb, 0.0
    started = time.monotonic()
    result = subprocess.run(["bash", str(ROOT / "installer" / "build-deb.sh")], capture_output=True, text=True,
                            timeout=1200, env={**os.environ, "VILLAGEDESK_DEB_OUT": str(deb),
                                               "VILLAGEDESK_DEB_COMPRESS": "gzip"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return deb, time.monotonic() - started


def _readme_floor() -> str:
    found = re.search(r"最低 glibc：(\d+\.\d+)", (ROOT / "README.md").read_text("utf-8"))
    assert found, "README.md states the Linux package's glibc floor as “最低 glibc：X.Y”"
    return found.group(1)


def _as_user(home: Path, *command: str) -> subprocess.CompletedProcess:
    """A clerk's shell: the installed programs only, nothing of this checkout or its venv."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "VILLAGEDESK_NOW": os.environ["VILLAGEDESK_NOW"]}
    return subprocess.run(list(command), capture_output=True, text=True, timeout=300, env=env, cwd=home)


def _dpkg(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _old_database(path: Path) -> None:
    """A village's file as the newest released schema before this one left it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    version = max(v for v in frozen_schema.released_versions() if v < SCHEMA_VERSION)
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript(frozen_schema.dump_path(version).read_text("utf-8"))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute(f"PRAGMA user_version = {version}")
    old.close()


def test_the_deb_installs_runs_upgrades_and_uninstalls_leaving_the_data(tmp_path, capsys):
    started = time.monotonic()
    deb, build_seconds = _built_package()
    home = tmp_path / "clerk"
    home.mkdir()
    data = home / ".local" / "share" / "VillageDesk"
    with open("/tmp/villagedesk-deb-test.lock", "w") as lock:  # one install at a time on this machine
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            installed = _dpkg("-i", str(deb))
            assert "自检通过" in installed.stdout  # the package's own smoke test, run by postinst
            assert os.path.realpath("/usr/bin/villagedesk") == "/opt/villagedesk/villagedesk"
            assert os.path.islink("/usr/bin/villagedesk-cli")
            desktop = Path("/usr/share/applications/villagedesk.desktop").read_text("utf-8")
            assert "Name[zh_CN]=村务台" in desktop and "Exec=/usr/bin/villagedesk" in desktop
            assert Path("/usr/share/icons/hicolor/256x256/apps/villagedesk.png").is_file()

            check = _as_user(home, "villagedesk", "--healthcheck")
            assert check.returncode == 0, check.stdout + check.stderr
            assert "自检通过" in check.stdout and "/opt/villagedesk/" in check.stdout  # the installed font
            for command in (["init", "--village-code", "510903104201", "--village-name", "桂花村",
                             "--township-name", "河东镇"], ["demo"], ["check"]):
                run = _as_user(home, "villagedesk-cli", *command)
                assert run.returncode == 0, (command, run.stdout, run.stderr)
            assert run.stdout.strip() == "ok"
            before = _as_user(home, "villagedesk-cli", "stats", "--json").stdout
            assert json.loads(before), before

            # A newer package over the installed one (same file: dpkg runs the whole upgrade path).
            _dpkg("-i", str(deb))
            assert _as_user(home, "villagedesk-cli", "stats", "--json").stdout == before

            # A database left by the previous release: the new program's first start backs it up, then
            # migrates it.
            old = tmp_path / "old" / "villagedesk.db"
            _old_database(old)
            first = _as_user(home, "villagedesk", "--db", str(old), "--screenshot", str(tmp_path / "first.png"))
            assert first.returncode == 0, first.stdout + first.stderr
            assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            reasons = [b.manifest["reason"] for b in catalog.list_backups(data / "backups")]
            assert "升级数据结构前" in reasons

            floor, where = _deb_check().glibc_floor(Path("/opt/villagedesk"))
            depends = _dpkg("-f", str(deb), "Depends").stdout
        finally:
            removed = subprocess.run(["dpkg", "-r", "villagedesk"], capture_output=True, text=True, timeout=600)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/villagedesk").exists() and not os.path.lexists("/usr/bin/villagedesk")
    assert (data / "villagedesk.db").is_file() and (data / "villagedesk.db.node").exists()  # the data stays

    def key(v):
        return tuple(map(int, v.split(".")))

    assert key(floor) <= key(_readme_floor()), f"{where} needs glibc {floor}; README promises {_readme_floor()}"
    assert f"libc6 (>= {floor})" in depends
    with capsys.disabled():
        print(f"\n.deb: {deb.stat().st_size / 1048576:.0f} MB (gzip), glibc {floor} needed (by {where}), "
              f"built in {build_seconds:.0f} s, whole test {time.monotonic() - started:.0f} s")
