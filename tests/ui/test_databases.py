"""Leaving the demo: the demo in its own file, the title saying so, 新建本村 and 切换数据库, the file remembered."""

from pathlib import Path

from villagedesk import app
from villagedesk.services import village
from villagedesk.store import open_store
from villagedesk.store.location import default_db_path
from villagedesk.ui import databases
from villagedesk.ui.first_run import FirstRunDialog
from villagedesk.ui.jobs import JobRunner


def test_the_demo_goes_into_its_own_file_and_the_village_file_stays_empty(qtbot, tmp_path):
    store = open_store(tmp_path / "villagedesk.db", create=True)
    dialog = FirstRunDialog(store, JobRunner(store, inline=True))
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Path(dialog.store.path) == tmp_path / "villagedesk-demo.db"
    assert dialog.store.scalar("SELECT count(*) FROM households") == 600 and village.is_demo(dialog.store)
    assert not village.is_set_up(store) and store.scalar("SELECT count(*) FROM households") == 0
    dialog.store.close()
    store.close()


def test_the_title_bar_and_settings_say_the_demo_is_open(make_window, demo_store):
    window = make_window(demo_store)
    assert "演示村" in window.windowTitle() and "新建本村" in window.windowTitle()
    page = window.show_page("settings")
    assert page.db_fields["kind"].text().startswith("演示村")
    assert not page.tech.isVisibleTo(page)  # the node's id waits behind 技术信息
    assert demo_store.node_id not in [label.text() for label in page.findChildren(type(page.db_fields["kind"]))
                                      if label.isVisibleTo(page)]


def test_a_village_of_its_own_is_not_called_a_demo(make_window, store):
    window = make_window(store)
    assert "演示村" not in window.windowTitle()


def test_new_village_leaves_the_demo_for_an_empty_file_in_the_data_folder(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    qtbot.waitUntil(lambda: window.started, timeout=3000)
    window.database_actions["new"].trigger()  # the fixture answers its confirm box yes
    assert window.reopen_path == default_db_path().parent / "villagedesk.db"
    assert not window.isVisible()
    assert Path(demo_store.path).exists()  # the demo stays, to come back to


def test_switching_refuses_a_file_that_is_not_ours_and_stays(make_window, demo_store, messages, tmp_path):
    window = make_window(demo_store)
    foreign = tmp_path / "notes.db"
    foreign.write_text("不是数据库")
    assert not databases.switch_database(window, foreign)
    assert window.reopen_path is None and messages and "notes.db" in messages[-1][1]


def test_switching_to_another_village_closes_this_window_for_it(make_window, demo_store, store, tmp_path):
    window = make_window(demo_store)
    assert databases.switch_database(window, Path(store.path))
    assert window.reopen_path == Path(store.path) and not window.isVisible()


def test_the_app_opens_the_next_file_as_at_a_start_and_remembers_it(monkeypatch, tmp_path):
    seen = []

    def run(args):
        seen.append(args)
        return tmp_path / "b.db" if len(seen) == 1 else 0

    monkeypatch.setattr(app, "_run", run)
    assert app.main(["--db", str(tmp_path / "a.db"), "--page", "grids"]) == 0
    assert [a.db for a in seen] == [tmp_path / "a.db", tmp_path / "b.db"]
    assert seen[1].page is None and seen[1].remember
    databases.remember_database(tmp_path / "a.db")
    (tmp_path / "a.db").write_bytes(b"")
    assert databases.remembered_database() == (tmp_path / "a.db").resolve()
    (tmp_path / "a.db").unlink()
    assert databases.remembered_database() is None  # a file gone is not opened: the data folder's own is


def test_init_on_the_demo_says_where_the_village_begins(demo_store):
    import pytest

    from tests.conftest import TEST_ACTOR
    from villagedesk.domain.errors import ConflictError

    with pytest.raises(ConflictError, match="演示村.*新建本村"):
        village.init_village(demo_store, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "李秀英")
