"""villagedesk-cli: a thin command line over the services, for automation and township IT staff."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from villagedesk.cli_argparse import ChineseParser
from villagedesk.domain.actor import CLI
from villagedesk.domain.errors import DamagedDatabaseError, ValidationError, VillageDeskError
from villagedesk.domain.kpis import KPI_LABELS, shown
from villagedesk.domain.period import HELP as PERIOD_HELP
from villagedesk.domain.period import parse_period
from villagedesk.domain.village import make_village
from villagedesk.services import stats, village
from villagedesk.store import open_store as _open_store
from villagedesk.store.location import default_db_path, remove_database_files


def open_store(path, **kw):
    """Every command's database, backed up automatically before its schema is upgraded."""
    return _open_store(path, before_migrate=_before_migration, **kw)


def _before_migration(store) -> None:
    from villagedesk.services.backup.automatic import before_migration  # only when a migration is due

    before_migration(store)


_ChineseParser = ChineseParser


def _cmd_init(args) -> int:
    # argparse cannot say "a village's code or a township's": the missing one is named here as argparse would
    # (exit 2 with the usage), the village's first since a village is what most installations are
    if args.district_code is not None:
        return _init_district(args)
    missing = [flag for flag, value in (("--village-code", args.village_code or args.township_code),
                                        ("--township-name", args.township_name)) if value is None]
    if missing:
        hint = "（乡镇节点用 --township-code 代替 --village-code）" if "--village-code" in missing else ""
        args.init_parser.error(f"缺少必需的参数：{'、'.join(missing)}{hint}")
    if args.township_code is not None:
        return _init_township(args)
    if args.village_name is None:
        raise ValidationError("--village-name", "请给出村名")
    make_village(args.village_code, args.village_name, args.township_name)  # refuse before creating a file
    store = open_store(args.db, create=True)
    try:
        user = village.init_village(store, CLI, args.village_code, args.village_name,
                                    args.township_name, args.user)
        v = village.home_village(store)
        print(f"已初始化：{v.township_name} {v.name}（{v.code}），首位使用人：{user.name}。数据库：{args.db}")
    finally:
        store.close()
    return 0


def _init_township(args) -> int:
    """init --township-code CODE --township-name NAME: a township node (no village of its own)."""
    from villagedesk.domain.township import make_township
    from villagedesk.services.township import node

    if args.village_code is not None or args.village_name is not None:
        raise ValidationError("--township-code", "乡镇节点不填村的代码和村名（--village-code、--village-name）")
    make_township(args.township_code, args.township_name)  # refuse before creating a file
    store = open_store(args.db, create=True)
    try:
        user = node.init_township(store, CLI, args.township_code, args.township_name, args.user)
        t = node.home_township(store)
        print(f"已初始化乡镇节点：{t.name}（{t.code}），首位使用人：{user.name}（乡镇管理员）。数据库：{args.db}\n"
              "下一步：导入各村的注册文件（sync pair 文件），再导入各村的同步包。")
    finally:
        store.close()
    return 0


def _init_district(args) -> int:
    """init --district-code CODE --district-name NAME: a district node (区县), receiving townships' aggregates."""
    from villagedesk.domain.district import make_district
    from villagedesk.services.district import node

    if any(v is not None for v in (args.village_code, args.village_name, args.township_code, args.township_name)):
        raise ValidationError("--district-code", "区县节点不填村和乡镇的代码与名称（--village-…、--township-…）")
    if args.district_name is None:
        args.init_parser.error("缺少必需的参数：--district-name")
    make_district(args.district_code, args.district_name)  # refuse before creating a file
    store = open_store(args.db, create=True)
    try:
        user = node.init_district(store, CLI, args.district_code, args.district_name, args.user)
        d = node.home_district(store)
        print(f"已初始化区县节点：{d.name}（{d.code}），首位使用人：{user.name}。数据库：{args.db}\n"
              "下一步：导入各乡镇的注册文件（sync pair 文件），再导入各乡镇的区县汇总包（district-import 文件）。")
    finally:
        store.close()
    return 0


def _cmd_demo(args) -> int:
    store = open_store(args.db, create=True)
    try:
        from villagedesk.services import demo
        from villagedesk.services.backup.automatic import before_demo

        before_demo(store)
        result = demo.generate_demo(store, CLI, villages=args.villages,
                                    households=demo.DEFAULT_HOUSEHOLDS if args.households is None else args.households,
                                    seed=demo.DEFAULT_SEED if args.seed is None else args.seed)
        print(f"演示数据已生成：{result.villages} 个村，{result.grids} 个网格，"
              f"{result.households} 户，{result.residents} 人。")
    finally:
        store.close()
    return 0


def _cmd_check(args) -> int:
    store = open_store(args.db, read_only=True)  # check writes nothing: no migration, no token turnover
    try:
        from villagedesk.services import integrity

        problems = integrity.check(store)
    finally:
        store.close()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"检查未通过：发现 {len(problems)} 处问题。", file=sys.stderr)
        return 1
    print("ok")
    return 0


def _cmd_stats(args) -> int:
    period = parse_period(args.period) if args.period else None
    store = open_store(args.db)
    try:
        from villagedesk.services.scope import resolve_scope
        from villagedesk.services.township.node import node_role

        if node_role(store) == "district" and args.village is None:  # the townships' packages, added up
            from villagedesk.services.district.overview import district_stats

            values = district_stats(store, period)
        else:
            values = stats.compute_stats(store, period, resolve_scope(store, args.village))
    finally:
        store.close()
    if args.json:
        print(json.dumps(values, ensure_ascii=False, indent=2))
    else:
        for name, value in values.items():
            print(f"{KPI_LABELS[name]}（{name}）：{shown(name, value)}")
    return 0


def _cmd_import(args) -> int:
    from villagedesk.cli_users import signed_in
    from villagedesk.services.register import importing

    store = open_store(args.db)
    try:
        preview, result = importing.import_file(store, signed_in(store, args), args.file, sheet=args.sheet,
                                                year=args.year)
    finally:
        store.close()
    if result is None:
        for problem in preview.problems:
            print(problem, file=sys.stderr)
        print(f"错误：花名册“{args.file.name}”有 {len(preview.problems)} 处问题，未导入任何数据。", file=sys.stderr)
        return 1
    print(f"已导入：{result.households} 户，{result.residents} 人（重点人群 {result.categories} 条，"
          f"医保参保 {result.enrolments} 条）。")
    return 0


def _cmd_report(args) -> int:
    from villagedesk.cli_users import signed_in
    from villagedesk.services.reports import building, export, sending, specs

    store = open_store(args.db)
    try:
        if args.name == "list":
            for key, spec in specs.specs(store).items():
                print(f"{key}\t{spec.number}\t{spec.title}\t{spec.period_label}")
            return 0
        if not args.period:
            raise ValidationError("--period", "请给出" + PERIOD_HELP)
        if not args.out:
            raise ValidationError("--out", "请给出输出文件（单表）或文件夹（report set）")
        if args.name != "set":
            building.check_key(args.name)
        p = building.period_of(args.period)
        fmt = None if args.name == "set" else export.check_format(args.format or (args.out.suffix.lstrip(".").lower()
                                                                                 or "xlsx"))
        actor = signed_in(store, args)  # exporting is preparing: the 文书/会计, named as 填表人
        if fmt is None:
            result = sending.prepare_set(store, actor, p, args.out)
            print(f"已导出 {len(result.files)} 个文件到：{result.folder}")
            return 0
        path = sending.prepare_report(store, actor, args.name, p, fmt, args.out)
        print(f"已导出：{path}")
    finally:
        store.close()
    return 0


def _cmd_household_file(args) -> int:
    """household-file HOUSEHOLD --out FILE.pdf: one household's 一户一档 as an A4 PDF, for the signed user."""
    from villagedesk.cli_users import signed_in
    from villagedesk.services.register import household_file

    store = open_store(args.db)
    try:
        actor = signed_in(store, args)
        household_id = household_file.find_household(store, actor, args.household)
        path = household_file.write_pdf(store, actor, household_id, args.out)
        label = household_file.household_file(store, actor, household_id).label
    finally:
        store.close()
    print(f"已保存一户一档（{label}）：{path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = ChineseParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help=f"数据库文件（默认：{default_db_path()}）")
    parser = _ChineseParser(prog="villagedesk-cli", description="村务台命令行", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_ChineseParser)

    p = sub.add_parser("init", parents=[common], help="初始化村庄信息（或乡镇节点：--township-code）")
    p.add_argument("--village-code", help="本村的 12 位统计用区划代码")
    p.add_argument("--village-name", help="村名")
    p.add_argument("--township-code", help="乡镇节点：乡镇的区划代码（9 位乡镇代码后加 000，共 12 位）")
    p.add_argument("--township-name", help="乡镇名称（必填）")
    p.add_argument("--district-code", help="区县节点：区县的区划代码（6 位区县代码后加 000000，共 12 位）")
    p.add_argument("--district-name", help="区县节点：区县名称")
    p.add_argument("--user", default="管理员", help="首位使用人姓名")
    p.set_defaults(fn=_cmd_init, init_parser=p)

    p = sub.add_parser("demo", parents=[common], help="生成演示村（或更大规模的测试数据）")
    p.add_argument("--households", type=int, help="户数（默认 600）")
    p.add_argument("--seed", type=int, help="随机种子")
    p.add_argument("--villages", type=int, default=1, help="村数（乡镇规模测试用）")
    p.set_defaults(fn=_cmd_demo)

    p = sub.add_parser("check", parents=[common], help="检查数据库完整性，通过则输出 ok")
    p.set_defaults(fn=_cmd_check)

    p = sub.add_parser("stats", parents=[common], help="输出统计指标")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--period", help=PERIOD_HELP)
    p.add_argument("--village", help="只统计这个村（12 位区划代码；默认：本机的村，乡镇库为库中全部村）")
    p.set_defaults(fn=_cmd_stats)

    from villagedesk import cli_users

    p = sub.add_parser("report", parents=[common], help="报表：list 列出，NAME 导出单表，set 导出全套")
    p.add_argument("name", help="list、set，或报表名（见 report list）")
    p.add_argument("--period", help=PERIOD_HELP)
    p.add_argument("--format", choices=["xlsx", "pdf"], help="单表格式（默认按 --out 的扩展名）")
    p.add_argument("--out", type=Path, help="输出文件（单表）或文件夹（set）")
    cli_users.add_user_option(p)  # exporting is preparing: a 文书/会计 (report list needs no user)
    p.set_defaults(fn=_cmd_report)

    p = sub.add_parser("import", parents=[common], help="导入 Excel 花名册（全部正确才导入）")
    p.add_argument("what", choices=["households"], help="导入什么：households（农户与人口花名册）")
    p.add_argument("file", type=Path, help="花名册 .xlsx 文件")
    p.add_argument("--sheet", help="工作表名称（默认第一个）")
    p.add_argument("--year", type=int, help="“医保参保”列所指的年度（默认今年）")
    cli_users.add_user_option(p)
    p.set_defaults(fn=_cmd_import)

    p = sub.add_parser("household-file", parents=[common], help="打印一户一档（A4 PDF）：成员、重点人群、医保、走访回访、纠纷、积分")
    p.add_argument("household", metavar="农户", help="农户编号，或户主/成员姓名、门牌地址、电话（须只对应一户）")
    p.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    cli_users.add_user_option(p)
    p.set_defaults(fn=_cmd_household_file)

    from villagedesk import cli_backup

    cli_backup.add_commands(sub, common)
    from villagedesk import cli_sync

    cli_sync.add_commands(sub, common, _ChineseParser, cli_users.add_user_option, cli_users.signed_in)
    cli_users.add_commands(sub, common, _ChineseParser)
    from villagedesk import cli_township

    cli_township.add_commands(sub, common, _ChineseParser, cli_users.add_user_option, cli_users.signed_in)
    from villagedesk import cli_district

    cli_district.add_commands(sub, common, cli_users.add_user_option, cli_users.signed_in)
    return parser



def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = default_db_path()
    existed = Path(args.db).exists()
    if existed and args.command != "check":  # every other command writes (the node token at least)
        from villagedesk.services.lock_wait import holder_of

        if (what := holder_of(args.db)) is not None:  # a long writer has the database: say so before waiting
            print(f"正在等待其他操作完成：{what}。轮到后继续……", file=sys.stderr, flush=True)
    try:
        return args.fn(args)
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the terminal; it goes to the log
        if not existed:
            remove_database_files(Path(args.db))  # a failed first command leaves no empty file behind
        from villagedesk.services import diagnostics

        message = diagnostics.report(exc, f"villagedesk-cli {args.command}", args.db)
        logged = not isinstance(exc, VillageDeskError) or exc.__cause__ is not None
        print(f"错误：{message}" + (f"\n（详情已记录在 {diagnostics.log_path()}）" if logged else ""),
              file=sys.stderr)
        if isinstance(exc, DamagedDatabaseError) and args.fn.__name__ != "cmd_restore":
            from villagedesk.cli_backup import damaged_hint

            print(damaged_hint(Path(args.db)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断，未提交的更改已撤销。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
