"""villagedesk-cli backup / backup list / backup verify / restore: the backup commands of the command line."""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from pathlib import Path

from villagedesk import cli_users
from villagedesk.domain.errors import DamagedDatabaseError, ValidationError
from villagedesk.store import open_store as _open_store

PASSWORD_ENV = "VILLAGEDESK_BACKUP_PASSWORD"
# The backup services are imported inside the functions: every start of the CLI (stats too) registers these
# commands, and only backup and restore need them.


def open_store(path):
    """The database, backed up automatically before its schema is upgraded."""
    from villagedesk.services.backup import automatic

    return _open_store(path, before_migrate=automatic.before_migration)


def password(confirm: bool) -> str:
    """The backup password: from VILLAGEDESK_BACKUP_PASSWORD, else typed (twice for a new backup)."""
    from villagedesk.services.backup import encrypted

    value = os.environ.get(PASSWORD_ENV)
    if value is None:
        if not sys.stdin.isatty():
            raise ValidationError("备份密码", f"没有给出：请设置环境变量 {PASSWORD_ENV}，或在终端中运行以便输入")
        value = getpass.getpass("备份密码：")
        if confirm:
            encrypted.check_password(value, getpass.getpass("再输入一次："))
    encrypted.check_password(value)
    return value


def describe(b) -> str:
    from villagedesk.services.backup import restore

    m = b.manifest
    lock = "（已加密）" if b.encrypted else ""
    counts = "，".join(f"{label} {m[k]}" for k, label in restore.COUNTS if m.get(k) is not None)
    who = f"，{m['made_by']}" if m.get("made_by") else ""
    why = f"，{m['reason']}" if m.get("reason") else ""
    return f"{b.created_at[:19].replace('T', ' ')}  {b.path.name}{lock}  {counts}{who}{why}"


def cmd_backup(args) -> int:
    from villagedesk.services.backup import automatic, catalog, encrypted, manual

    if args.action == "list":
        folder = args.out or automatic.folder()
        found = catalog.list_backups(folder)
        if not found:
            print(f"“{folder}”中没有备份。")
        for b in found:
            print(describe(b))
        return 0
    if args.action == "verify":
        if args.file is None:
            raise ValidationError("FILE", "请给出要检查的备份文件")
        path = Path(args.file)
        pw = password(False) if path.name.endswith(encrypted.AGE_SUFFIX) and os.environ.get(PASSWORD_ENV) else None
        manifest = catalog.verify(path, pw)
        print(f"ok：{path.name} 完好（{manifest.get('created_at', '')[:19]}，"
              f"农户 {manifest.get('households')}，兑换凭证 {manifest.get('receipts')}）")
        if path.name.endswith(encrypted.AGE_SUFFIX) and pw is None:
            print(f"（加密的备份未解密，只核对了文件校验值；设置 {PASSWORD_ENV} 可完整检查。）")
        return 0
    store = open_store(args.db)
    try:
        actor = cli_users.signed_in(store, args)
        if args.encrypt:
            pw = password(True)
            with tempfile.TemporaryDirectory(prefix="vd-backup-") as work:
                plain = manual.backup(store, actor, "手动备份（加密）", where=Path(work))
                made = encrypted.encrypt_backup(plain, args.out or automatic.folder(), pw)
        else:
            made = manual.backup(store, actor, "手动备份", where=args.out)
    finally:
        store.close()
    print(f"已备份：{made.path}")
    return 0


def cmd_restore(args) -> int:
    from villagedesk.services.backup import catalog, damaged, encrypted, restore

    path = Path(args.file)
    pw = password(False) if path.name.endswith(encrypted.AGE_SUFFIX) else None
    catalog.load(path)  # a missing or unreadable file is refused before the database is touched
    try:
        store = open_store(args.db) if Path(args.db).exists() else None  # else: a new PC, restored onto
    except DamagedDatabaseError:
        aside = damaged.move_aside(Path(args.db))
        print(f"当前数据库已损坏，已移到：{aside}（未删除）", file=sys.stderr)
        store = None
    actor = None
    try:
        if store is not None:
            actor = restore.require_restore_role(store, cli_users.signed_in(store, args))
            for line in restore.preview(store, path).lines():
                print(line)
        done = restore.restore(Path(args.db), path, store=store, actor=actor, password=pw)
    except BaseException:
        if store is not None:
            store.close()
        raise
    try:
        if done.kept:
            print(f"恢复前的数据库已另存为：{done.kept}")
        for p in done.problems:
            print(p, file=sys.stderr)
        print(f"已恢复：{path.name}。本机从此作为新节点（{done.node_id[-8:]}），兑换凭证使用新的编号系列。")
    finally:
        done.store.close()
    return 0 if not done.problems else 1


def damaged_hint(db: Path) -> str:
    """What the CLI says when the database is damaged: the newest verified backups and the command."""
    from villagedesk.services.backup import automatic, damaged

    good = damaged.verified_backups()
    lines = ["损坏的文件不会被删除：restore 会先把它移到一旁。"]
    if good:
        lines.append("最近的完好备份：")
        lines += [f"  {describe(b)}" for b in good]
        lines.append(f"恢复：villagedesk-cli restore --db {db} \"{good[0].path}\"")
    else:
        lines.append(f"在“{automatic.folder()}”中没有找到完好的备份；如有U盘备份，请用 restore 文件 恢复。")
    return "\n".join(lines)


def add_commands(sub, common) -> None:
    p = sub.add_parser("backup", parents=[common], help="备份数据库；backup list 列出，backup verify FILE 检查")
    p.add_argument("action", nargs="?", choices=["list", "verify"], help="list：列出备份；verify：检查备份文件")
    p.add_argument("file", nargs="?", type=Path, help="verify 时要检查的备份文件")
    p.add_argument("--out", type=Path, help="备份放到哪个文件夹（默认：本用户数据文件夹下的 backups）")
    p.add_argument("--encrypt", action="store_true", help=f"用备份密码加密（密码取自 {PASSWORD_ENV} 或当场输入）")
    cli_users.add_user_option(p)
    p.set_defaults(fn=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="从备份恢复数据库（恢复前的数据库另存一份）")
    p.add_argument("file", type=Path, help="备份文件（.vdbak，或加密的 .vdbak.age）")
    cli_users.add_user_option(p)
    p.set_defaults(fn=cmd_restore)
