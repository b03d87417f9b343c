"""Long writers (roster import, sync import, demo) say what they are doing while they hold the write lock, and a
writer kept waiting (the CLI, the counter) tells its user; a note left by a killed writer is ignored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTOR
from tests.points.conftest import pv  # noqa: F401 (fixture)
from tests.register.helpers import add_grids, corrected_roster
from villagedesk import cli
from villagedesk.domain.errors import StoreError
from villagedesk.services import demo
from villagedesk.services.register import importing
from villagedesk.store import connection, writer_note

ROOT = Path(__file__).resolve().parents[2]
# A second process that is a real long writer: the demo, held half-way through its one transaction (its
# progress report waits for a line on stdin), as a district-size demo or import holds it for minutes.
DEMO_HOLDER = """import sys
from villagedesk.domain.actor import SYSTEM
from villagedesk.services import demo
from villagedesk.store import open_store

class Job:
    cancelled = False
    held = False
    def progress(self, fraction, message):
        if not self.held:
            self.held = True
            print("held", flush=True)
            sys.stdin.readline()

store = open_store(sys.argv[1])
demo.generate_demo(store, SYSTEM, households=12, job=Job())
print("done", flush=True)
"""


class Seen:
    """A job that notes, at each progress report inside the writer's transaction, what a waiting side reads."""

    cancelled = False

    def __init__(self, path: Path):
        self.path, self.notes = path, set()

    def progress(self, fraction, message) -> None:
        self.notes.add(writer_note.current(self.path))


def test_the_demo_and_the_roster_import_say_what_they_do_while_they_hold_the_lock(store, tmp_path):
    seen = Seen(store.path)
    demo.generate_demo(store, TEST_ACTOR, households=12, job=seen)
    assert any(n and n.startswith("生成演示数据（1 个村，12 户）（") for n in seen.notes), seen.notes
    assert writer_note.current(store.path) is None and not writer_note.note_path(store.path).exists()

    other = connection.open_store(tmp_path / "roster.db", create=True)
    from villagedesk.services import village

    village.init_village(other, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员",
                         user_id=TEST_ACTOR.user_id)
    add_grids(other)
    seen = Seen(other.path)
    _, result = importing.import_file(other, TEST_ACTOR, corrected_roster(tmp_path / "花名册.xlsx"), job=seen)
    assert result is not None
    assert any(n and n.startswith("导入花名册“花名册.xlsx”，4 户（") for n in seen.notes), seen.notes
    assert None in seen.notes  # reading and checking the workbook holds no lock: no note then
    assert not writer_note.note_path(other.path).exists()
    other.close()


def test_a_sync_import_says_what_it_does_while_it_holds_the_lock(pv, tmp_path, monkeypatch):  # noqa: F811
    from tests.sync.test_faults import _pair
    from villagedesk.services.sync import packages
    from villagedesk.sync import receive

    second = connection.open_store(tmp_path / "second.db", create=True)
    _pair(pv.store, second, tmp_path)
    _pair(second, pv.store, tmp_path)
    package = packages.export_for(pv.store, TEST_ACTOR, second.node_id, tmp_path).path
    notes = []
    real = receive._apply
    monkeypatch.setattr(receive, "_apply", lambda store, *a: notes.append(writer_note.current(store.path))
                        or real(store, *a))
    packages.import_file(second, TEST_ACTOR, package)
    assert len(notes) == 1 and notes[0].startswith(f"导入同步包“{package.name}”，"), notes
    assert not writer_note.note_path(second.path).exists()
    second.close()


@pytest.fixture
def demo_holder(store):
    """The demo running in a second process on `store`'s file, stopped inside its transaction."""
    proc = subprocess.Popen([sys.executable, "-c", DEMO_HOLDER, str(store.path)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def test_the_cli_kept_waiting_by_the_demo_says_what_holds_the_lock(store, demo_holder, capsys, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)  # the CLI's 10 s wait, shortened for the test
    code = cli.main(["user", "add", "王会计", "--role", "clerk", "--user", "测试员", "--db", str(store.path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err, err
    assert err.startswith("正在等待其他操作完成：生成演示数据（1 个村，12 户）（"), err  # said before the wait
    assert "数据库正被其他操作占用" in err and "占用它的操作：生成演示数据（1 个村，12 户）（" in err, err
    assert "本次更改没有保存" in err
    demo_holder.stdin.write("\n")
    demo_holder.stdin.flush()
    assert demo_holder.stdout.readline().strip() == "done"
    assert cli.main(["user", "add", "王会计", "--role", "clerk", "--user", "测试员", "--db", str(store.path)]) == 0  # then it goes in


def test_a_note_left_by_a_killed_writer_is_ignored(store, demo_holder):
    with pytest.raises(StoreError) as held:
        with store.waiting_at_most(100), store.transaction():
            pass
    assert "生成演示数据" in held.value.message
    os.kill(demo_holder.pid, signal.SIGKILL)  # the OS lets go of its write lock and of its note's lock
    demo_holder.wait(10)
    assert writer_note.note_path(store.path).exists()  # left behind, but nobody holds it
    assert writer_note.current(store.path) is None
    with store.transaction():  # the next long writer writes over it
        pass
    with store.transaction(holding="导入同步包“a.vdsync”，3 条记录"):
        assert writer_note.note_path(store.path).read_text("utf-8").startswith("导入同步包“a.vdsync”")
    assert not writer_note.note_path(store.path).exists()
    stale = writer_note.note_path(store.path)
    stale.write_text("导入花名册“旧.xlsx”，9 户\t2026-11-30T14:00:00+08:00\t1\t1\n", "utf-8")  # a kill's leftover
    connection.open_store(store.path).close()
    assert not stale.exists()  # cleared at the next open, as the work folders of a killed backup are
