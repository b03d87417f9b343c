"""`villagedesk-cli sync …` pairs two databases and carries a package between them, in Chinese."""

from villagedesk import cli
from villagedesk.services import village
from villagedesk.store import open_store


def test_two_databases_pair_and_sync_from_the_command_line(tmp_path, capsys):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert cli.main(["init", "--db", str(a), "--village-code", "510903104201", "--village-name", "桂花村",
                     "--township-name", "河东镇"]) == 0
    open_store(b, create=True).close()
    # the tool user only checks: a PC with users registers, pairs and exports as one of them
    assert cli.main(["sync", "register-file", "--db", str(a), "--out", str(tmp_path / "a.vdreg")]) == 1
    assert "--user" in capsys.readouterr().err
    assert cli.main(["sync", "register-file", "--db", str(a), "--out", str(tmp_path / "a.vdreg"), "--user", "管理员"]) == 0
    assert cli.main(["sync", "register-file", "--db", str(b), "--out", str(tmp_path / "b.vdreg")]) == 0
    assert cli.main(["sync", "pair", "--db", str(a), str(tmp_path / "b.vdreg"), "--yes", "--user", "管理员"]) == 0
    assert cli.main(["sync", "pair", "--db", str(b), str(tmp_path / "a.vdreg")]) == 1  # no --yes, no terminal
    assert "核对指纹" in capsys.readouterr().err
    assert cli.main(["sync", "pair", "--db", str(b), str(tmp_path / "a.vdreg"), "--yes"]) == 0
    capsys.readouterr()
    peer = open_store(b)
    node_b = peer.node_id
    peer.close()
    assert cli.main(["sync", "export", "--db", str(a), "--peer", node_b, "--out", str(tmp_path)]) == 1
    assert "--user" in capsys.readouterr().err and not list(tmp_path.glob("*.vdsync"))
    assert cli.main(["sync", "export", "--db", str(a), "--peer", node_b, "--out", str(tmp_path), "--user", "管理员"]) == 0
    [package] = tmp_path.glob("*.vdsync")
    assert cli.main(["sync", "import", "--db", str(b), str(package), "--dry-run"]) == 0
    assert "预检结果（未导入）" in capsys.readouterr().out
    assert cli.main(["sync", "import", "--db", str(b), str(package)]) == 0
    # now b has the village's users: an import is done by one of them, as the policy allows
    assert cli.main(["sync", "import", "--db", str(b), str(package)]) == 1
    assert "--user" in capsys.readouterr().err
    assert cli.main(["sync", "import", "--db", str(b), str(package), "--user", "管理员"]) == 0
    out = capsys.readouterr().out
    assert "已导入" in out and "已导入过，无需重复" in out
    store = open_store(b)
    assert village.home_village(store).name == "桂花村"
    store.close()
    assert cli.main(["sync", "status", "--db", str(a)]) == 0
    assert "指纹" in capsys.readouterr().out


def test_a_damaged_package_is_a_chinese_error_and_exit_1(tmp_path, capsys, store):
    bad = tmp_path / "x.vdsync"
    bad.write_bytes(b"not a package")
    store.close()
    assert cli.main(["sync", "import", "--db", str(store.path), str(bad), "--user", "测试员"]) == 1
    err = capsys.readouterr().err
    assert "错误：" in err and "x.vdsync" in err and "Traceback" not in err
