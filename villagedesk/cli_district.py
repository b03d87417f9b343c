"""villagedesk-cli district-export / district-import: the township's 区县汇总包, written and taken in."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import CLI
from villagedesk.domain.period import HELP as PERIOD_HELP
from villagedesk.domain.period import parse_period
from villagedesk.store import open_store


def run_export(args) -> int:
    from villagedesk.services.district import package
    from villagedesk.services.township.node import node_role

    store = open_store(args.db)
    try:
        # the package travels upward under a named user (the township's admin), like a sync package; a PC
        # that is no township is told so first, whoever asks
        actor = args.signed_in(store, args) if node_role(store) == "township" else CLI
        w = package.export_district_package(store, actor, parse_period(args.period), args.out)
    finally:
        store.close()
    print(f"区县汇总包已写入：{w.path}（{w.villages} 个村，{w.bytes / 1024:.0f} KB，sha256 {w.sha256}）\n"
          "只含各项指标的汇总数，不含姓名、身份证号、电话、住址和农户明细。")
    return 0


def run_import(args) -> int:
    from villagedesk.services.district import importing

    store = open_store(args.db)
    try:
        r = importing.import_district_package(store, args.signed_in(store, args), args.file)
    finally:
        store.close()
    print(f"{r.message}：{r.township_name}（{r.township_code}）{r.period}，{r.villages} 个村。")
    return 0


def add_commands(sub, common, add_user_option, signed_in) -> None:
    p = sub.add_parser("district-export", parents=[common], help="乡镇：生成某期的区县汇总包（只含汇总数）")
    p.add_argument("--period", required=True, help=PERIOD_HELP)
    p.add_argument("--out", type=Path, required=True, help="保存到哪个文件夹（如U盘）")
    add_user_option(p)
    p.set_defaults(fn=run_export, signed_in=signed_in)
    p = sub.add_parser("district-import", parents=[common], help="区县：导入乡镇的区县汇总包")
    p.add_argument("file", type=Path, help="区县汇总包 .vddist 文件")
    add_user_option(p)
    p.set_defaults(fn=run_import, signed_in=signed_in)
