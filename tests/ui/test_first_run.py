"""The first-run dialog: a refused field is named and nothing typed is lost (the demo: tests/ui/test_databases.py)."""

from villagedesk.store import open_store
from villagedesk.ui.first_run import FirstRunDialog
from villagedesk.ui.jobs import JobRunner

from .helpers import type_text


def _dialog(qtbot, tmp_path):
    store = open_store(tmp_path / "new.db", create=True)
    dialog = FirstRunDialog(store, JobRunner(store, inline=True))
    qtbot.addWidget(dialog)
    return store, dialog


def test_bad_division_code_is_named_and_the_form_keeps_its_text(qtbot, tmp_path):
    store, dialog = _dialog(qtbot, tmp_path)
    type_text(dialog.inputs["name"], "桂花村")
    type_text(dialog.inputs["code"], "51090310420")
    type_text(dialog.inputs["township"], "河东镇")
    type_text(dialog.inputs["user"], "李秀英")
    dialog.create_button.click()
    assert "统计用区划代码" in dialog.error.text() and "12 位" in dialog.error.text()
    assert dialog.inputs["name"].text() == "桂花村" and dialog.inputs["user"].text() == "李秀英"
    assert store.scalar("SELECT count(*) FROM villages") == 0

    assert dialog.inputs["code"].hasSelectedText()  # the refused field is selected, ready to retype
    type_text(dialog.inputs["code"], "510903104201")
    dialog.create_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor.name == "李秀英"
    assert store.scalar("SELECT name FROM villages") == "桂花村"
    store.close()
