"""villagedesk-cli district-export / district-import / district-packages: the township's 区县汇总包, written,
taken in, and listed where held."""

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


def run_list(args) -> int:
    import json

    from villagedesk.services.district import importing

    store = open_store(args.db)
    try:
        held = importing.held_packages(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps([h._asdict() for h in held], ensure_ascii=False, indent=2))
        return 0
    print("\t".join(["期间", "乡镇", "村数", "乡镇生成时间", "导入时间", "经办人", "文件"]))
    for h in held:
        print("\t".join([h.period, f"{h.township_name}（{h.township_code}）", str(h.villages), h.created_at,
                         h.imported_at, h.imported_by, h.file_name]))
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
    p = sub.add_parser("district-packages", parents=[common], help="区县：已导入的区县汇总包（每个乡镇每期最新的一个）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(fn=run_list)
