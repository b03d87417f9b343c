"""argparse in Chinese: its own strings (用法、错误、缺少参数、无效选项……) through a small gettext table."""

from __future__ import annotations

import argparse
import sys

# argparse looks every message up through the module-level `_` and `ngettext` it imported from gettext;
# this table is the translation a zh_CN catalogue would give, without depending on the system's locale.
_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "cannot have multiple subparser arguments": "不能有多组子命令",
}
_PLURALS = {
    "expected %s argument": "需要 %s 个值",
}


def _(message):
    return _WORDS.get(message, message)


def _ngettext(singular, plural, n):
    return _PLURALS.get(singular, singular if n == 1 else plural)


def install() -> None:
    """Route argparse's messages through the table (before any parser is built: group titles are read then)."""
    argparse._ = _
    argparse.ngettext = _ngettext


class ChineseParser(argparse.ArgumentParser):
    """A parser whose errors print the usage and a Chinese line naming the argument, exit status 2."""

    def __init__(self, *args, **kwargs):
        install()
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：参数错误：{message}\n（用 {self.prog} --help 查看用法）\n")
