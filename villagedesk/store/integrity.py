"""Integrity checks that need SQL: SQLite's own checks, foreign keys, change-log sequences, households."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store


def sqlite_problems(store: Store) -> list[str]:
    problems = []
    result = [r[0] for r in store.query("PRAGMA integrity_check")]
    if result != ["ok"]:
        problems += [f"SQLite 完整性检查：{r}" for r in result[:20]]
    for r in store.query("PRAGMA foreign_key_check")[:20]:
        problems.append(f"外键不一致：表 {r[0]} 第 {r[1]} 行引用的 {r[2]} 不存在")
    return problems


def change_log_problems(store: Store) -> list[str]:
    """This node's change sequence runs 1..n with no gap; another node's, received by sync, has no gap from
    where this node first received it (a snapshot brings the state before that without the entries).
    Below the seq sync pruned through (sync_pruned) only the entries check needs are left: the run is
    gap-free from there."""
    problems = []
    for r in store.query("SELECT c.origin, count(*) AS n, MIN(c.seq) AS lo, MAX(c.seq) AS hi,"
                         " COALESCE(p.through, 0) AS pruned FROM change_log c"
                         " LEFT JOIN sync_pruned p ON p.origin = c.origin"
                         " WHERE c.seq > COALESCE(p.through, 0) GROUP BY c.origin"):
        first = r["pruned"] + 1 if r["origin"] == store.node_id else r["lo"]
        if r["lo"] != first or r["hi"] - first + 1 != r["n"]:
            problems.append(f"变更日志序号不连续：节点 {r['origin']} 有 {r['n']} 条，序号 {r['lo']}–{r['hi']}")
    return problems


def household_problems(store: Store) -> list[str]:
    """A live household has a head who is one of its own members."""
    rows = store.query("""
        SELECT h.id, h.house_number, h.hamlet FROM households h
        LEFT JOIN residents r ON r.id = h.head_resident_id AND r.household_id = h.id AND r.deleted_at IS NULL
        WHERE h.deleted_at IS NULL AND h.status = 'active' AND r.id IS NULL LIMIT 20""")
    return [f"农户 {r['hamlet']}{r['house_number']}（{r['id']}）没有户主，或户主不在本户" for r in rows]


def quick_check_problems(store: Store) -> list[str]:
    try:
        result = [r[0] for r in store.query("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:  # damaged beyond reading its pages
        return [f"SQLite 快速检查：{exc}"]
    return [] if result == ["ok"] else [f"SQLite 快速检查：{r}" for r in result[:20]]
