"""The CLI acts as a named user: --user NAME, the PIN from VILLAGEDESK_PIN; check and stats need no user."""

from villagedesk import cli


def _run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_named_user_with_a_pin_from_the_environment(tmp_path, capsys, monkeypatch):
    db = tmp_path / "v.db"
    assert _run(capsys, "init", "--db", db, "--village-code", "510903104201", "--village-name", "桂花村",
                "--township-name", "河东镇", "--user", "王书记")[0] == 0
    monkeypatch.setenv("VILLAGEDESK_NEW_PIN", "2580")
    assert _run(capsys, "user", "add", "李会计", "--role", "文书/会计", "--db", db, "--user", "王书记")[0] == 0
    # 李会计 got the PIN 2580 from VILLAGEDESK_NEW_PIN; now 王书记 sets his own
    assert _run(capsys, "user", "pin", "王书记", "--db", db, "--user", "王书记")[0] == 0
    code, _out, err = _run(capsys, "user", "add", "张三", "--role", "worker", "--db", db, "--user", "王书记")
    assert code == 1 and "PIN 错误" in err  # 王书记 has a PIN now, and none was given
    monkeypatch.setenv("VILLAGEDESK_PIN", "2580")
    code, _out, err = _run(capsys, "user", "add", "张三", "--role", "worker", "--db", db, "--user", "王书记")
    assert code == 0, err
    code, _out, err = _run(capsys, "user", "add", "赵六", "--role", "head", "--db", db, "--user", "李会计")
    assert code == 1 and "没有管理使用人的权限" in err and "Traceback" not in err
    code, _out, err = _run(capsys, "export", "residents", "--out", tmp_path / "人口.xlsx", "--full", "--db", db)
    assert code == 1 and "--user" in err
    code, _out, err = _run(capsys, "export", "residents", "--out", tmp_path / "人口.xlsx", "--full", "--db", db,
                           "--user", "李会计")
    assert code == 1 and "导出含完整身份证号的名单" in err
    code, out, _err = _run(capsys, "audit", "--db", db, "--user", "王书记", "--kind", "拒绝")
    assert code == 0 and "李会计" in out and "管理使用人" in out
    assert _run(capsys, "check", "--db", db) == (0, "ok\n", "")  # the tool user: no --user needed
    assert _run(capsys, "stats", "--json", "--db", db)[0] == 0
    code, out, _err = _run(capsys, "user", "list", "--db", db)
    assert code == 0 and "王书记\t书记/主任\t在用\t有 PIN" in out


def test_the_pin_is_asked_at_a_terminal_and_a_wrong_one_changes_nothing(tmp_path, capsys, monkeypatch):
    import getpass
    import sys

    db = tmp_path / "v.db"
    assert _run(capsys, "init", "--db", db, "--village-code", "510903104201", "--village-name", "桂花村",
                "--township-name", "河东镇", "--user", "王书记")[0] == 0
    monkeypatch.setenv("VILLAGEDESK_NEW_PIN", "2580")
    assert _run(capsys, "user", "pin", "王书记", "--db", db, "--user", "王书记")[0] == 0
    monkeypatch.delenv("VILLAGEDESK_NEW_PIN")
    monkeypatch.delenv("VILLAGEDESK_PIN", raising=False)
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "1111")
    code, _out, err = _run(capsys, "user", "add", "李会计", "--role", "clerk", "--db", db, "--user", "王书记")
    assert asked == ["王书记 的 PIN："] and code == 1 and "PIN 错误，还可以再试 4 次" in err
    assert "李会计" not in _run(capsys, "user", "list", "--db", db)[1]
    monkeypatch.setattr(getpass, "getpass", lambda prompt: "2580")
    monkeypatch.setenv("VILLAGEDESK_USER", "王书记")  # the user from the environment, for automation
    assert _run(capsys, "user", "add", "李会计", "--role", "clerk", "--db", db)[0] == 0
