"""`villagedesk-cli init --township-code … --township-name …` makes a township node; a bad code is refused in
Chinese, naming the field, with no database left behind."""

import pytest

from villagedesk import cli
from villagedesk.services import village
from villagedesk.services.scope import resolve_scope
from villagedesk.services.township import node
from villagedesk.store import open_store


def _init(db, *args) -> int:
    return cli.main(["init", "--db", str(db), *args])


def test_init_makes_a_township_node_with_its_admin_and_no_village_of_its_own(tmp_path, capsys):
    db = tmp_path / "township.db"
    assert _init(db, "--township-code", "510903104", "--township-name", "河东镇", "--user", "周镇干") == 0
    assert "已初始化乡镇节点：河东镇（510903104000）" in capsys.readouterr().out
    s = open_store(db)
    try:
        assert node.home_township(s) == ("510903104000", "河东镇") and node.node_role(s) == "township"
        assert [(a.name, a.role) for a in village.office_users(s)] == [("周镇干", "township_admin")]
        assert village.home_village(s) is None and village.is_set_up(s) and resolve_scope(s).villages == ()
    finally:
        s.close()
    assert cli.main(["stats", "--json", "--db", str(db)]) == 0  # no village yet: every count is 0
    assert '"households": 0' in capsys.readouterr().out
    assert _init(db, "--township-code", "510903104000", "--township-name", "河东镇") == 1
    assert "已经初始化过" in capsys.readouterr().err
    assert _init(db, "--village-code", "510903104201", "--village-name", "桂花村", "--township-name", "河东镇") == 1
    assert "已经初始化为乡镇节点" in capsys.readouterr().err


@pytest.mark.parametrize(("code", "says"), [
    ("510903104201", "最后 3 位应为 000；“510903104201”是一个村的代码，乡镇代码为“510903104000”"),
    ("5109031040", "应为 12 位数字（乡镇的 9 位代码后加 000），现在是 10 位"),
    ("51090310400a", "含有非数字字符"),
    ("990903104000", "前两位“99”不是有效的省级代码"),
    ("510903000000", "第 7–9 位是乡镇代码，不能为 000"),
    ("", "不能为空"),
])
def test_a_bad_township_code_is_refused_naming_the_field_and_leaves_no_file(tmp_path, capsys, code, says):
    db = tmp_path / "township.db"
    assert _init(db, "--township-code", code, "--township-name", "河东镇") == 1
    err = capsys.readouterr().err
    assert "乡镇区划代码" in err and says in err
    assert not db.exists()


def test_a_township_node_takes_no_village_code_or_name(tmp_path, capsys):
    db = tmp_path / "township.db"
    assert _init(db, "--township-code", "510903104000", "--township-name", "河东镇",
                 "--village-code", "510903104201") == 1
    assert "乡镇节点不填村的代码和村名" in capsys.readouterr().err and not db.exists()
    # neither code: a missing argument, as argparse says it (exit 2, the usage), naming the village's and the township's
    with pytest.raises(SystemExit) as usage:
        _init(db, "--township-name", "河东镇")
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "缺少必需的参数：--village-code" in err and "--township-code" in err and not db.exists()


def test_the_township_registers_a_village_from_the_command_line_only_within_its_nine_digits(tmp_path, capsys):
    township, near, far = tmp_path / "t.db", tmp_path / "near.db", tmp_path / "far.db"
    assert _init(township, "--township-code", "510903104000", "--township-name", "河东镇") == 0
    assert _init(near, "--village-code", "510903104201", "--village-name", "桂花村", "--township-name", "河东镇") == 0
    assert _init(far, "--village-code", "510903105201", "--village-name", "柳湾村", "--township-name", "河西镇") == 0
    for db in (near, far):
        assert cli.main(["sync", "register-file", "--db", str(db), "--out", str(tmp_path / f"{db.stem}.vdreg"),
                         "--user", "管理员"]) == 0
    capsys.readouterr()
    assert cli.main(["sync", "pair", "--db", str(township), str(tmp_path / "far.vdreg"), "--yes", "--user", "管理员"]) == 1
    assert "不以本乡镇的 510903104 开头" in capsys.readouterr().err
    assert cli.main(["sync", "pair", "--db", str(township), str(tmp_path / "near.vdreg"), "--yes", "--user", "管理员"]) == 0
    assert "已配对：桂花村（村，510903104201）" in capsys.readouterr().out
    assert cli.main(["sync", "register-file", "--db", str(township), "--out", str(tmp_path / "t.vdreg"),
                     "--user", "管理员"]) == 0
    assert "本机：河东镇（乡镇，510903104000）" in capsys.readouterr().out
