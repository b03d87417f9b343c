"""villagedesk-cli as a named user: --user NAME with the PIN from VILLAGEDESK_PIN or a prompt; user and audit commands."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import PermissionDenied
from villagedesk.domain.permissions import ROLE_LABELS

PIN_ENV, USER_ENV = "VILLAGEDESK_PIN", "VILLAGEDESK_USER"


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", dest="as_user", metavar="姓名",
                        help=f"以哪位使用人的身份办理（也可用环境变量 {USER_ENV}）；PIN 取自 {PIN_ENV}，否则提示输入")


def signed_in(store, args) -> Actor:
    """The named user, signed in with their PIN (audited like a sign-in at the desk)."""
    from villagedesk.services import sign_in

    name = getattr(args, "as_user", None) or os.environ.get(USER_ENV)
    if not name:
        raise PermissionDenied(f"这个命令要以使用人的身份办理：请加 --user 姓名（或设置环境变量 {USER_ENV}）。")
    pin = os.environ.get(PIN_ENV)
    if pin is None and _needs_pin(store, name):
        pin = getpass.getpass(f"{name} 的 PIN：") if sys.stdin.isatty() else ""
    return sign_in.sign_in(store, name, pin or "")


def _needs_pin(store, name: str) -> bool:
    from villagedesk.services import users

    return any(u.name == name and u.has_pin for u in users.list_users(store))


def _open(args):
    """Like every command's database: backed up automatically before its schema is upgraded."""
    from villagedesk.services.backup.automatic import before_migration
    from villagedesk.store import open_store

    return open_store(args.db, before_migrate=before_migration)


def _cmd_user(args) -> int:
    from villagedesk.services import users

    store = _open(args)
    try:
        if args.action == "list":
            for u in users.list_users(store):
                state = "在用" if u.active else f"已停用（{u.disabled_reason}）"
                print(f"{u.name}\t{u.role_label}\t{state}\t{'有 PIN' if u.has_pin else '无 PIN'}")
            return 0
        actor = signed_in(store, args)
        by_name = {u.name: u for u in users.list_users(store)}
        if args.action == "add":
            pin = os.environ.get("VILLAGEDESK_NEW_PIN")
            u = users.add_user(store, actor, args.name, _role(args.role), pin)
            print(f"已新增使用人：{u.name}（{u.role_label}）")
            return 0
        target = by_name.get(args.name)
        if target is None:
            raise PermissionDenied(f"没有名为“{args.name}”的使用人。")
        if args.action == "role":
            u = users.change_role(store, actor, target.id, _role(args.role))
            print(f"{u.name} 现在是{u.role_label}。")
        elif args.action == "disable":
            users.disable_user(store, actor, target.id, args.reason or "")
            print(f"已停用：{target.name}")
        elif args.action == "enable":
            users.enable_user(store, actor, target.id)
            print(f"已启用：{target.name}")
        elif args.action == "pin":
            pin = os.environ.get("VILLAGEDESK_NEW_PIN")
            if pin is None:
                pin = getpass.getpass(f"{target.name} 的新 PIN（留空为取消）：")
            users.set_pin(store, actor, target.id, pin or None)
            print(f"已{'设置' if pin else '取消'} {target.name} 的 PIN。")
    finally:
        store.close()
    return 0


def _role(value: str | None) -> str:
    from villagedesk.domain.errors import ValidationError

    for code, label in ROLE_LABELS.items():
        if value in (code, label) or (value and value in label.split("/")):
            return code
    raise ValidationError("角色", f"应为 {'、'.join(f'{c}（{lb}）' for c, lb in ROLE_LABELS.items())}")


def _cmd_audit(args) -> int:
    from villagedesk.services import privacy, users

    store = _open(args)
    try:
        actor = signed_in(store, args)
        uid = ""
        if args.of:
            match = [u for u in users.list_users(store) if u.name == args.of]
            if not match:
                raise PermissionDenied(f"没有名为“{args.of}”的使用人。")
            uid = match[0].id
        filters = {"user_id": uid, "kind": args.kind or "", "day_from": args.day_from or "", "day_to": args.day_to or ""}
        if args.out:
            out = privacy.export_audit(store, actor, args.out, **filters)
            print(f"已导出操作记录：{out}")
        else:
            for ln in privacy.audit_lines(store, actor, limit=args.limit, **filters):
                print(f"{ln.id}\t{ln.at.replace('T', ' ')[:19]}\t{ln.user}\t{ln.action}\t{ln.detail}")
    finally:
        store.close()
    return 0


def _cmd_export(args) -> int:
    from villagedesk.domain.register.filters import RegisterFilter
    from villagedesk.services.register import exports

    store = _open(args)
    try:
        actor = signed_in(store, args)
        path = exports.export_view(store, RegisterFilter(args.view, status=None), args.out, actor=actor,
                                   full=args.full)
        print(f"已导出：{path}")
    finally:
        store.close()
    return 0


def add_commands(sub, common, parser_class) -> None:
    p = sub.add_parser("user", parents=[common], help="使用人：list | add 姓名 --role 角色 | role | disable | enable | pin")
    p.add_argument("action", choices=["list", "add", "role", "disable", "enable", "pin"])
    p.add_argument("name", nargs="?", help="使用人姓名")
    p.add_argument("--role", help="head（书记/主任）、clerk（文书/会计）、worker（网格员）、township_admin（乡镇管理员）")
    p.add_argument("--reason", help="停用原因")
    add_user_option(p)
    p.set_defaults(fn=_cmd_user)

    p = sub.add_parser("audit", parents=[common], help="操作记录（按使用人、操作、日期筛选；--out 导出 Excel）")
    p.add_argument("--of", metavar="姓名", help="只看这位使用人的操作")
    p.add_argument("--kind", help="操作名称中包含的文字，例如：显示完整身份证号")
    p.add_argument("--from", dest="day_from", help="起始日期 2026-11-01")
    p.add_argument("--to", dest="day_to", help="截止日期")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--out", type=Path, help="导出为 .xlsx")
    add_user_option(p)
    p.set_defaults(fn=_cmd_audit)

    p = sub.add_parser("export", parents=[common], help="导出花名册（--full 含完整身份证号和电话，须有权限，留痕）")
    p.add_argument("view", choices=["households", "residents"])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--full", action="store_true", help="含完整身份证号和联系电话（文件名注明含敏感个人信息）")
    add_user_option(p)
    p.set_defaults(fn=_cmd_export)
