"""villagedesk-cli speaks Chinese in its help and in argparse's own errors (usage, required, invalid choice)."""

import re

import pytest

from villagedesk import cli

ENGLISH = re.compile(r"usage:|error:|options|positional arguments|the following arguments|invalid choice"
                     r"|show this help|unrecognized arguments|expected one argument")


def run(capsys, *argv):
    with pytest.raises(SystemExit) as stop:
        cli.main(list(argv))
    out, err = capsys.readouterr()
    return stop.value.code, out, err


@pytest.mark.parametrize("argv", [["--help"], ["init", "--help"], ["report", "--help"], ["stats", "-h"]])
def test_help_is_chinese(capsys, argv):
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith("用法：villagedesk-cli")
    assert "显示本帮助并退出" in out and "选项" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize(("argv", "says"), [
    (["init"], "缺少必需的参数：--village-code"),
    (["report", "x", "--format", "doc"], "无效的选择：'doc'"),
    (["nope"], "无效的选择：'nope'"),
    (["stats", "--bogus"], "无法识别的参数：--bogus"),
    (["demo", "--households", "many"], "无效的 int 值：'many'"),
    (["stats", "--period"], "需要一个值"),
])
def test_errors_are_chinese_and_exit_2(capsys, argv, says):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert says in err, err
    assert "参数错误" in err and err.startswith("用法：")
    assert not ENGLISH.search(err), err
