"""Reports 9–11: 志愿服务积分及兑换台账 (and 积分超市物资进出库台账), 医保参保统计表, 重点人群服务台账."""

from __future__ import annotations

from villagedesk.domain.register.categories import CATEGORIES
from villagedesk.reports.forms.common import Source, form_table, ratio, total_row
from villagedesk.reports.table import Column, ReportTable
from villagedesk.store.reports import groups

POINTS = [Column("序号", "int", 4), Column("网格", width=10), Column("发放积分", "int", 8),
          Column("兑换积分", "int", 8), Column("兑换凭证（张）", "int", 8), Column("发放物资价值（元）", "money", 10)]


def points(src: Source) -> ReportTable:
    rows = [[i, r["name"], r["awarded"], r["redeemed"], r["receipts"], round(r["value"], 2)]
            for i, r in enumerate(groups.points_by_grid(src.store, src.village_ids, src.start, src.end), 1)]
    if not any(r[2] or r[3] or r[4] for r in rows):
        rows = []
    notes = ["发放积分为本期入账的活动积分（已扣除冲正）；兑换积分、凭证与物资价值不含已作废的兑换。按户所在网格统计。",
             chain_head_note(groups.ledger_chain_heads(src.store, src.village_ids, src.end))]
    return form_table(src, POINTS, rows, text_columns=2, totals=total_row(POINTS, rows, skip=(0,)), notes=notes)


def chain_head_note(heads) -> str:
    """The ledger's chain head at the period's end, on paper: a ledger recomputed later no longer matches it."""
    if not heads:
        return "积分台账链头：截至本期末尚无积分记录。"
    return ("积分台账链头（截至本期末，留档备查：台账事后被改写则与此不符）："
            + "；".join(f"节点 {h['origin'][:8]} 第 {h['seq']} 条 {h['hash'][:12]}" for h in heads) + "。")


STOCK = [Column("序号", "int", 4), Column("物资", width=10), Column("单位", width=4), Column("参考单价（元）", "money", 7),
         Column("期初库存", "int", 6), Column("本期入库", "int", 6), Column("入库价值（元）", "money", 8),
         Column("本期兑出", "int", 6), Column("兑出价值（元）", "money", 8), Column("盘点调整", "int", 6),
         Column("期末库存", "int", 6)]


def stock(src: Source) -> ReportTable:
    rows = [[i, r["name"], r["unit"], r["value_yuan"], r["opening"], r["stocked"], round(r["stocked_value"], 2),
             r["issued"], round(r["issued"] * r["value_yuan"], 2), r["adjusted"], r["closing"]]
            for i, r in enumerate(groups.stock_by_goods(src.store, src.village_ids, src.start, src.end), 1)]
    notes = ["本期兑出已扣除作废退回；期末库存 = 期初库存 + 入库 − 兑出 + 盘点调整。"]
    return form_table(src, STOCK, rows, text_columns=4, totals=total_row(STOCK, rows, skip=(0, 3, 4, 10)),
                      notes=notes, landscape=True)


INSURANCE = [Column("序号", "int", 4), Column("网格", width=10), Column("在册人口", "int", 7),
             Column("应参保", "int", 7), Column("已参保", "int", 7), Column("无需参保", "int", 7),
             Column("未参保", "int", 7), Column("参保率", "rate", 7)]


def insurance(src: Source) -> ReportTable:
    year = src.period.start.year
    rows = []
    for i, r in enumerate(groups.insurance_by_grid(src.store, src.village_ids, year), 1):
        due = r["residents"] - r["exempt"]
        rows.append([i, r["name"], r["residents"], due, r["enrolled"], r["exempt"], due - r["enrolled"],
                     ratio(r["enrolled"], due)])
    totals = total_row(INSURANCE, rows, skip=(0,))
    totals[7] = ratio(totals[4] or 0, totals[3] or 0)
    notes = [f"{year} 年度医保参保。应参保 = 在册人口（在家和外出务工）− 无需参保；未登记的按未参保计。"
             "参保率 = 已参保 ÷ 应参保，与月报口径一致。"]
    return form_table(src, INSURANCE, rows, text_columns=2, totals=totals, notes=notes)


KEY_POPULATION = [Column("序号", "int", 4), Column("重点人群类别", width=12), Column("人数", "int", 6),
                  Column("入户走访（次）", "int", 7), Column("应回访（次）", "int", 7), Column("按期回访（次）", "int", 7),
                  Column("按期回访率", "rate", 7)]


def key_population(src: Source) -> ReportTable:
    by_cat = {r["category"]: r for r in groups.key_population_by_category(
        src.store, src.village_ids, src.start, src.end, src.today)}
    rows = []
    for i, (key, label) in enumerate(CATEGORIES.items(), 1):
        r = by_cat.get(key)
        people, visits, on_time, settled = (r["residents"], r["visits"], r["on_time"], r["settled"]) if r \
            else (0, 0, 0, 0)
        rows.append([i, label, people, visits, settled, on_time, ratio(on_time, settled)])
    if not any(r[2] for r in rows):
        rows = []
    totals = total_row(KEY_POPULATION, rows, skip=(0,))
    totals[6] = ratio(totals[5] or 0, totals[4] or 0)
    notes = ["一人属多个类别的，在各类别分别计数；走访与回访按其所在户统计。应回访为本期到期且已回访或已逾期的次数。"]
    return form_table(src, KEY_POPULATION, rows, text_columns=2, totals=totals, notes=notes)
