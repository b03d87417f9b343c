"""`check` for points: every chain recomputed, balances equal their sums, receipts gap-free and complete."""

from __future__ import annotations

import json

from villagedesk.domain.points.hashing import GENESIS, entry_hash
from villagedesk.domain.points.receipt import check_value
from villagedesk.store.connection import Store
from villagedesk.store.points import checks as repo

MAX_REPORTED = 20


def _name(e) -> str:
    return f"积分台账记录 {e['id']}（节点 {e['origin']} 第 {e['seq']} 条，{e['at'][:10]}，{e['delta']:+d} 分，{e['reason']}）"


def ledger_chain_problems(store: Store) -> list[str]:
    """Recompute each node's chain: seq 1..n with no gap, each prev_hash the hash before, each hash its content."""
    problems: list[str] = []
    origin, seq, prev = None, 0, GENESIS
    for e in repo.entries_in_chain_order(store):
        if e["origin"] != origin:
            origin, seq, prev = e["origin"], 0, GENESIS
        seq += 1
        if e["seq"] != seq:
            problems.append(f"积分台账序号不连续：节点 {origin} 缺第 {seq} 条（下一条是第 {e['seq']} 条）")
            seq = e["seq"]
        if e["prev_hash"] != prev:
            problems.append(f"{_name(e)}的前一条哈希不符，链条在此断开")
        if entry_hash(e["prev_hash"], e) != e["hash"]:
            problems.append(f"{_name(e)}的内容与哈希不符，已被改动")
        prev = e["hash"]
        if len(problems) >= MAX_REPORTED:
            break
    return problems


def balance_problems(store: Store) -> list[str]:
    return [f"农户 {r['household_id']} 的积分余额缓存为 {r['balance']}（{r['entries']} 条），"
            f"但台账合计为 {r['total']}（{r['n']} 条）" for r in repo.balance_mismatches(store)]


def receipt_problems(store: Store) -> list[str]:
    """Receipt numbers per village per year run 1..n; each has its debit, stock movements and check value."""
    problems = []
    for r in repo.receipt_sequences(store):
        if r["lo"] != 1 or r["hi"] != r["n"] or r["distinct_n"] != r["n"]:
            problems.append(f"{r['village']} {r['year']} 年兑换凭证编号不连续：{r['n']} 张，编号 {r['lo']}–{r['hi']}")
    problems += [f"兑换凭证 {r['number']} 的编号与年度序号不一致" for r in repo.receipt_number_mismatches(store)]
    problems += [f"兑换凭证 {r['number']} 没有对应的积分扣减记录（应扣 {r['total_points']} 分）"
                 for r in repo.redemptions_without_debit(store)]
    problems += [f"兑换凭证 {r['number']} 的合计积分 {r['total_points']} 与明细 {r['items_points']} 或余额不符"
                 for r in repo.redemption_totals_mismatch(store)]
    problems += [f"兑换凭证 {r['number']} 的{r['name']}兑换 {r['qty']}，库存出库却是 {r['moved']}"
                 for r in repo.redemption_stock_mismatches(store, "redemption")]
    problems += [f"已作废的兑换凭证 {r['number']} 的{r['name']}应退回库存 {r['qty']}，实际退回 {r['moved']}"
                 for r in repo.redemption_stock_mismatches(store, "void_return")]
    problems += [f"已作废的兑换凭证 {r['number']} 没有对应的冲正记录" for r in repo.voids_without_reversal(store)]
    for r in repo.receipts_for_check_value(store):
        items = [tuple(i) for i in json.loads(r["items"])]
        if check_value(r["village_code"], r["number"], r["at"], r["household_id"], r["total_points"],
                       r["balance_after"], items) != r["check_value"]:
            problems.append(f"兑换凭证 {r['number']} 的校验码与内容不符")
            if len(problems) >= MAX_REPORTED:
                break
    return problems


def stock_and_reversal_problems(store: Store) -> list[str]:
    problems = [f"物资“{r['name']}”库存为负（{r['stock']}）" for r in repo.negative_stock(store)]
    problems += [f"物资“{r['name']}”的库存记为 {r['stock']}（{r['movements']} 笔），但库存流水合计为 "
                 f"{r['total']}（{r['n']} 笔）" for r in repo.stock_cache_mismatches(store)]
    problems += [f"冲正记录 {r['id']}（节点 {r['origin']} 第 {r['seq']} 条）与被冲正的记录不对应"
                 for r in repo.bad_reversals(store)]
    problems += [_movement_problem(r) for r in repo.receipt_movements_without_item(store)]
    return problems


def _movement_problem(r) -> str:
    what = f"库存流水 {r['id']}（{r['name']} {r['quantity']:+d}，{'兑换出库' if r['kind'] == 'redemption' else '作废退回'}）"
    if r["number"] is None:
        return f"{what}没有对应的兑换凭证，物资出入库无据可查"
    if r["kind"] == "void_return" and r["voided_at"] is None:
        return f"{what}：兑换凭证 {r['number']} 并未作废，不应退回库存"
    return f"{what}：兑换凭证 {r['number']} 上没有这项物资，物资出入库无据可查"


CHECKS = [ledger_chain_problems, balance_problems, receipt_problems, stock_and_reversal_problems]
