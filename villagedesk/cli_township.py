"""villagedesk-cli township overview / reporting / review / decide / notify / notices / tiers / summaries / pcs: the
township's 辖区总览, 上报情况, 报表审核, 通知下发, 补贴标准下发, 各村汇总表 and its villages' PCs' 凭证序列 on the
command line."""

from __future__ import annotations

import json

from villagedesk.domain.period import HELP as PERIOD_HELP
from villagedesk.domain.period import parse_period
from villagedesk.store import open_store


def run(args) -> int:
    from villagedesk.services.township import overview, reporting

    period = parse_period(args.period) if getattr(args, "period", None) else None
    store = open_store(args.db)
    try:
        if args.township in ("review", "decide"):
            out = _review(store, args, period)
        elif args.township in ("notify", "notices"):
            out = _notices(store, args)
        elif args.township == "tiers":
            out = _tiers(store, args)
        elif args.township == "pcs":
            out = _pcs(store, args)
        elif args.township == "summaries":
            from villagedesk.services.township import summaries

            done = summaries.export_summaries(store, args.signed_in(store, args), period or parse_period("last-month"),
                                              args.out)
            out = {"folder": str(done.folder), "files": done.files, "tables": len(done.tables)} if args.json else \
                f"各村汇总表已写入：{done.folder}（{len(done.tables)} 张表：" + "、".join(done.files) + "）"
        elif args.township == "overview":
            view = overview.overview(store, period)
            out = _overview_json(view) if args.json else _overview_text(view, overview)
        else:
            from villagedesk.services.township.node import node_role

            asked = period or parse_period("last-month")
            if node_role(store) == "district":  # its townships, as their district packages judged them
                from villagedesk.services.district import reporting as district_reporting
                found = district_reporting.completeness(store, asked)
            else:
                found = reporting.completeness(store, asked)
            out = _reporting_json(found) if args.json else _reporting_text(found)
    finally:
        store.close()
    print(json.dumps(out, ensure_ascii=False, indent=2) if args.json else out)
    return 0


def _review(store, args, period):
    from villagedesk.services.township import review

    if args.township == "decide":
        decision = "returned" if args.send_back else "approved"
        review.decide(store, args.signed_in(store, args), args.submission, decision, args.reason or "",
                      folder=args.folder)
        return {"submission": args.submission, "decision": decision} if args.json else \
            f"已{review.DECISIONS[decision]}：{args.submission}。结果随下一个发往该村的同步包送到村里。"
    rows = review.received(store, period or parse_period("last-month"))
    if args.json:
        return [{"submission": r.submission_id, "village": r.village_code, "name": r.village_name,
                 "report": r.report_key, "number": r.number, "period": r.period, "attempt": r.attempt,
                 "latest": r.latest, "submitted_at": r.submitted_at, "files": r.files, "decision": r.decision,
                 "reason": r.reason, "decided_by": r.decided_by, "files_check": r.files_check} for r in rows]
    lines = ["\t".join(["编号", "村", "统计期", "表号", "报表", "报送", "审核", "退回原因"])]
    lines += ["\t".join([r.submission_id, r.village_name, r.period, r.number, r.title, r.attempt_label,
                         r.state_label, r.reason]) for r in rows]
    return "\n".join(lines + [review.NOT_TRAVELLING + "；核对文件请加 decide --folder。"])


def _notices(store, args):
    from villagedesk.services.township import notices

    if args.township == "notify":
        ids = notices.issue_to_villages(store, args.signed_in(store, args), args.title, args.body or "",
                                        "urgent" if args.urgent else "routine", args.villages.split(","))
        return {"notices": ids} if args.json else f"已下发到 {len(ids)} 个村；随下一个发往各村的同步包送达。"
    lines = notices.issued(store)
    if args.json:
        return [{"notice": c.notice_id, "title": c.title, "issued_at": c.issued_at, "village": c.village_code,
                 "name": c.village_name, "target": c.target, "reached": c.reached, "covered_at": c.covered_at,
                 "hours": c.hours} for c in lines]
    rows = ["\t".join(["通知", "下发时间", "村", "送达", "全覆盖用时（小时）"])]
    rows += ["\t".join([c.title, c.issued_at, c.village_name, c.text, "—" if c.hours is None else f"{c.hours:g}"])
             for c in lines]
    return "\n".join(rows)


def _tiers(store, args):
    from villagedesk.domain.errors import ValidationError
    from villagedesk.services.township import stipends

    if args.withdraw:
        stipends.withdraw(store, args.signed_in(store, args), args.withdraw)
        return {"withdrawn": args.withdraw} if args.json else "已撤回；随下一个发往该村的同步包送达，该村自设的标准重新适用。"
    if args.tier or args.villages or args.effective:
        if not (args.tier and args.villages and args.effective):
            raise ValidationError("--from、--tier、--villages", "下发补贴标准须同时写明生效月份、各档和下发村")
        rows = []
        for n, text in enumerate(args.tier, 1):
            span, _, amount = text.partition(":")
            lo, _, hi = span.partition("-")
            if not amount:
                raise ValidationError(f"--tier 第 {n} 个", f"“{text}”应写成 起始人数-截止人数:元，如 0-99:50 或 300-:150")
            rows.append((lo, hi, amount))
        done = stipends.set_for_villages(store, args.signed_in(store, args), args.effective, rows,
                                         args.villages.split(","), args.notes or "")
        return {"tables": list(done)} if args.json else f"已下发到 {len(done)} 个村；随下一个发往各村的同步包送达。"
    tables = stipends.sent_tables(store)
    if args.json:
        return [{"id": t.id, "village": t.village_code, "name": t.village_name, "from": t.month, "notes": t.notes,
                 "tiers": [{"min_residents": x.min_residents, "max_residents": x.max_residents,
                            "yuan": x.amount_fen / 100} for x in t.tiers]} for t in tables]
    lines = ["\t".join(["编号", "村", "生效月份", "分档", "说明"])]
    lines += ["\t".join([t.id, t.village_name, t.month, t.text, t.notes]) for t in tables]
    return "\n".join(lines)


def _pcs(store, args):
    from villagedesk.services.township import series

    view = series.village_pcs(store, args.village)
    if args.json:
        return {"pcs": [{"village": p.village_code, "name": p.village_name, "node": p.node_id,
                         "node_short": p.node_short, "fingerprint": p.fingerprint, "first_pc": p.first_pc,
                         "series": p.series, "reported_at": p.reported_at, "granted": p.granted,
                         "granted_at": p.granted_at, "grant_state": p.grant_state or None,
                         "last_package_at": p.last_package_at} for p in view.pcs],
                "clashes": [{"village": c.village_code, "name": c.village_name, "series": c.series,
                             "nodes": list(c.nodes), "message": c.message} for c in view.clashes]}
    lines = ["\t".join(["村", "区划代码", "电脑", "指纹", "使用的凭证序列", "乡镇分配的序列", "最近收到同步包"])]
    lines += ["\t".join([p.village_name, p.village_code, p.node_short, p.fingerprint, p.series_text, p.grant_text,
                         (p.last_package_at or "尚未收到").replace("T", " ")[:16]]) for p in view.pcs]
    return "\n".join(lines + [f"注意：{c.message}" for c in view.clashes])


def _overview_json(view) -> dict:
    return {"period": view.period.label if view.period else None,
            "township": {"code": view.total.code, "name": view.total.name, "stats": view.total.figures},
            "villages": [{"code": c.code, "name": c.name, "stats": c.figures} for c in view.villages],
            "unit": view.unit,  # what the columns after the total are: 村, or 乡镇 at a district
            "waiting": list(view.waiting)}


def _overview_text(view, overview) -> str:
    head = ["指标", *(c.name for c in view.columns)]
    what = "本期区县汇总包的乡镇" if view.unit == "乡镇" else "同步包的村"
    tail = [f"另有已登记、尚未收到{what}（未计入）：{'、'.join(view.waiting)}"] if view.waiting else []
    rows = [[line.label, *(overview.shown(line.key.split(".")[0], v) for v in line.values)]
            for line in overview.lines(view)]
    return "\n".join(["\t".join(r) for r in [head, *rows]] + tail)


def _reporting_json(c) -> dict:
    return {"period": c.period.label, "today": c.today.isoformat(), "periods": [p.label for p in c.periods],
            "on_time_rate": c.on_time_rate, "counts": c.counts,
            "unit": c.unit,  # what each line of "villages" is: 村, or 乡镇 at a district
            "villages": [{"code": v.code, "name": v.name, "received": v.received, "counts": v.counts,
                          "on_time_rate": v.on_time_rate, **({"as_of": v.as_of} if c.unit == "乡镇" else {})}
                         for v in c.villages],
            "reminders": [{"village": r.village_code, "name": r.village_name, "report": r.report_key,
                           "number": r.number, "period": r.period, "due": r.due.isoformat(), "status": r.status,
                           "note": r.note} for r in c.reminders]}


def _reporting_text(c) -> str:
    from villagedesk.domain.reporting import STATUS_LABELS

    rate = "—" if c.on_time_rate is None else f"{c.on_time_rate * 100:.1f}%"
    district = c.unit == "乡镇"
    lines = [f"{c.period.title}：{len(c.villages)} 个{c.unit}，应报 {len(c.cells)} 张，按时报率 {rate}（截至 {c.today}"
             + ("；各乡镇的情况截至其汇总包生成之日" if district else "") + "）",
             "\t".join([c.unit, "区划代码", *STATUS_LABELS.values(), "按时报率", *(["截至"] if district else [])])]
    for v in c.villages:
        r = "—" if v.on_time_rate is None else f"{v.on_time_rate * 100:.1f}%"
        lines.append("\t".join([v.shown_name(c.unit), v.code, *(str(v.counts[s]) for s in STATUS_LABELS), r,
                                *([v.as_of or "—"] if district else [])]))
    if c.reminders:
        lines.append(f"待催报（{len(c.reminders)}）：")
        lines += [f"  {r.village_name} {r.number} {r.title} {r.period_title} 截止 {r.due} {r.status_label}"
                  + (f"：{r.note}" if r.note else "") for r in c.reminders]
    return "\n".join(lines)


def add_commands(sub, common, parser_class, add_user_option, signed_in) -> None:
    """`add_user_option` and `signed_in` are cli_users' (--user NAME with a PIN), handed in by cli.py."""
    from pathlib import Path

    p = sub.add_parser("township", parents=[common],
                       help="乡镇：辖区总览（overview）、上报情况（reporting）、报表审核（review、decide）、"
                            "通知下发（notify、notices）、补贴标准下发（tiers）、各村汇总表（summaries）、"
                            "凭证序列（pcs）")
    ts = p.add_subparsers(dest="township", required=True, parser_class=parser_class)
    q = ts.add_parser("overview", parents=[common], help="各项指标：乡镇合计与各村并列")
    q.add_argument("--period", help=PERIOD_HELP + "（默认：全部记录）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = ts.add_parser("reporting", parents=[common], help="上报情况：各村各表按时报、迟报、未报、已退回（区县节点：各乡镇，据其区县汇总包）")
    q.add_argument("--period", help=PERIOD_HELP + "（默认：上个月）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = ts.add_parser("review", parents=[common], help="报表审核：各村报出的报表（每次报送一行）及审核结果")
    q.add_argument("--period", help=PERIOD_HELP + "（默认：上个月）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = ts.add_parser("decide", parents=[common], help="审核一次报送：审核通过，或 --return 退回并写明 --reason")
    q.add_argument("--submission", required=True, help="报送编号（township review 列出的）")
    q.add_argument("--return", dest="send_back", action="store_true", help="退回（默认：审核通过）")
    q.add_argument("--reason", help="退回原因（退回时必填）")
    q.add_argument("--folder", type=Path, help="村里交来的报表文件夹：先核对各文件的 sha256")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_user_option(q)
    q = ts.add_parser("notify", parents=[common], help="通知下发：向所列的村下发一条通知（各村全部在用网格）")
    q.add_argument("--title", required=True, help="通知标题")
    q.add_argument("--body", help="通知内容")
    q.add_argument("--villages", required=True, help="村的区划代码，逗号分隔")
    q.add_argument("--urgent", action="store_true", help="紧急")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_user_option(q)
    q = ts.add_parser("notices", parents=[common], help="已下发的通知：各村送达户数与全覆盖用时")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = ts.add_parser("summaries", parents=[common], help="各村汇总表：每张报表一行一个村加合计（Excel 和 PDF 各一份）")
    q.add_argument("--period", help=PERIOD_HELP + "（默认：上个月）")
    q.add_argument("--out", type=Path, required=True, help="保存到哪个文件夹（其中建 乡镇名_期间_各村汇总表）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_user_option(q)
    q = ts.add_parser("tiers", parents=[common], help="补贴标准下发：列出已下发的阶梯补贴标准；加 --from、--tier、"
                                                      "--villages 下发一份；--withdraw 编号 撤回")
    q.add_argument("--from", dest="effective", help="生效月份，如 2027-01")
    q.add_argument("--tier", action="append", help="一档：起始人数-截止人数:元/月，最后一档截止人数留空，如 300-:150（可重复）")
    q.add_argument("--villages", help="村的区划代码，逗号分隔")
    q.add_argument("--notes", help="文件依据")
    q.add_argument("--withdraw", metavar="编号", help="撤回一份已下发的标准（township tiers 列出的编号）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_user_option(q)
    q = ts.add_parser("pcs", parents=[common], help="凭证序列：各村每台电脑使用的兑换凭证序列、乡镇分配的序列及是否采用，"
                                                    "同一村两台电脑序列相同时提示")
    q.add_argument("--village", help="只列这个村（12 位区划代码）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(fn=run, signed_in=signed_in)
