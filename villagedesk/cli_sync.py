"""villagedesk-cli sync register-file / pair / revoke / export / import / status: the sync commands of the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from villagedesk.domain.actor import CLI
from villagedesk.domain.errors import VillageDeskError
from villagedesk.store import open_store


def run(args) -> int:
    from villagedesk.services.sync import (  # only when syncing: not every command's cost
        packages,
        pairing,
        status,
    )

    store = open_store(args.db)
    try:
        if args.sync == "register-file":
            reg = pairing.write_registration_file(store, _importer(store, args), args.out)
            print(f"注册文件已写入：{args.out}\n本机：{reg.title}\n指纹：{reg.fingerprint}（请与对方电话核对）")
        elif args.sync == "pair":
            who = _importer(store, args)  # signed in before the fingerprint is confirmed
            reg = pairing.read_registration_file(args.file)
            print(f"对方：{reg.title}\n指纹：{reg.fingerprint}")
            if not args.yes:
                if not sys.stdin.isatty():
                    raise VillageDeskError("请先与对方电话核对指纹，再加 --yes 确认配对。")
                if input("指纹与对方屏幕上的一致吗？输入 y 确认配对：").strip().lower() not in ("y", "yes", "是"):
                    print("未配对。")
                    return 1
            pairing.pair(store, who, reg)
            print(f"已配对：{reg.title}")
        elif args.sync == "revoke":
            name = pairing.revoke(store, _importer(store, args), args.peer)
            print(f"已停用：{name}。此后它的同步包一律拒绝导入；如需恢复，请重新导入它的注册文件并核对指纹。")
        elif args.sync == "export":
            w = packages.export_for(store, _importer(store, args), args.peer, args.out)
            kind = "首次同步（全部当前数据）" if w.snapshot else f"{w.entries} 条变更"
            print(f"同步包已写入并校验：{w.path}（{kind}，{w.bytes / 1024:.0f} KB）")
        elif args.sync == "import":
            return _import(store, args, packages, status)
        else:
            print(status.describe_status(status.status(store)))
    finally:
        store.close()
    return 0


def _import(store, args, packages, status) -> int:
    """One file as ever; several (a township's villages' packages on one stick) with one backup before them."""
    who = _importer(store, args)
    if len(args.file) == 1 or args.dry_run:
        for path in args.file:
            r = packages.import_file(store, who, path, dry_run=args.dry_run)
            print((f"{path.name}：\n" if len(args.file) > 1 else "") + status.describe_report(r, dry_run=args.dry_run))
        return 0
    batch = packages.import_files(store, who, args.file)
    for path, r in batch.done:
        print(f"{path.name}：\n{status.describe_report(r)}")
    for path, why in batch.refused:
        print(f"{path.name}：未导入：{why}", file=sys.stderr)
    fresh = len(batch.imported)
    print(f"共 {len(args.file)} 个同步包：导入 {fresh} 个，已导入过 {len(batch.done) - fresh} 个，拒绝 {len(batch.refused)} 个；"
          + ("导入前自动备份了一次（全部导入之前的数据）。" if batch.backed_up else "没有需要写入的内容，未备份。"))
    return 1 if batch.refused else 0


def _importer(store, args):
    """Who registers, pairs, revokes, exports or imports: the named user (--user) once this PC has users; a PC
    with none is being set up (the tool user is for check and stats only)."""
    from villagedesk.store import users

    return args.signed_in(store, args) if users.any_user(store) else CLI


def add_commands(sub, common, parser_class, add_user_option, signed_in) -> None:
    """`add_user_option` and `signed_in` are cli_users' (--user NAME with a PIN), handed in by cli.py."""
    p = sub.add_parser("sync", parents=[common], help="数据同步：注册、配对、生成和导入同步包")
    ss = p.add_subparsers(dest="sync", required=True, parser_class=parser_class)
    q = ss.add_parser("register-file", parents=[common], help="生成本机的注册文件，交给对方导入")
    q.add_argument("--out", type=Path, required=True, help="注册文件保存到")
    add_user_option(q)
    q = ss.add_parser("pair", parents=[common], help="导入对方的注册文件，核对指纹后配对")
    q.add_argument("file", type=Path, help="对方的注册文件")
    q.add_argument("--yes", action="store_true", help="已电话核对指纹，直接确认")
    add_user_option(q)
    q = ss.add_parser("revoke", parents=[common], help="停用一个已配对的节点（如电脑丢失）：此后拒收它的同步包")
    q.add_argument("--peer", required=True, help="对方：节点编号、区划代码或名称")
    add_user_option(q)
    q = ss.add_parser("export", parents=[common], help="为已配对的对方生成同步包")
    q.add_argument("--peer", required=True, help="对方：节点编号、区划代码或名称")
    q.add_argument("--out", type=Path, required=True, help="保存到的文件夹（如U盘）")
    add_user_option(q)
    q = ss.add_parser("import", parents=[common], help="导入同步包（--dry-run 只预检）；可一次给出多个，导入前只备份一次")
    q.add_argument("file", type=Path, nargs="+", help="同步包文件（一个或多个）")
    q.add_argument("--dry-run", action="store_true", help="只预检，不导入")
    add_user_option(q)
    ss.add_parser("status", parents=[common], help="已配对节点与同步记录")
    p.set_defaults(fn=run, signed_in=signed_in)
