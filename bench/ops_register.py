"""Register benchmarks: search as you type at district scale, the page's first rows, importing a 20,000-row roster."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import time
from pathlib import Path

from bench.harness import BenchContext

TYPED = ("zhangs", "zjg", "张家", "liu", "wang", "4521", "13912", "shan")
ROSTER_ROWS = 20_000


def run(ctx: BenchContext) -> None:
    scale = "district" if "district" in ctx.dbs else next(iter(ctx.dbs))
    _search(ctx, scale)
    _first_rows(ctx, scale)
    _import(ctx, "village" if "village" in ctx.dbs else scale)


def _keystrokes() -> list[str]:
    return [word[:i] for word in TYPED for i in range(1, len(word) + 1)]


def _search(ctx: BenchContext, scale: str) -> None:
    from villagedesk.domain.actor import Actor
    from villagedesk.services.register import search
    from villagedesk.store import open_store
    from villagedesk.store.register.search_query import prefixes_for

    head = Actor("demo-approver", "王书记")  # the demo's 书记 (services/demo CAST)

    store = open_store(ctx.copy(scale))
    search.ensure_index(store)  # an older database gets its keys once, before timing
    keys = _keystrokes()
    ours_cycle, bare_cycle = itertools.cycle(keys), itertools.cycle(keys)
    bare = sqlite3.connect(store.path)

    def ours():
        search.search(store, next(ours_cycle), actor=head, limit=50)

    def baseline():  # one indexed range lookup of the same term, with the names, no ranking or grouping
        prefix = prefixes_for(next(bare_cycle))[0]
        bare.execute("SELECT r.name FROM register_search_terms t JOIN register_search_entities e ON e.n = t.n"
                     " JOIN residents r ON r.id = e.ref WHERE t.term >= ? AND t.term < ? LIMIT 50",
                     (prefix, prefix + "\U0010ffff")).fetchall()

    # The issue sets the 3x bar at district scale; in a village-only run the bare lookup takes a tenth
    # of a millisecond and the ratio says little, so it is printed without a verdict.
    result = ctx.measure("search as you type, per keystroke", scale, ours, baseline, repeat=len(keys) * 3,
                         target=3 if scale == "district" else None)
    print(f"    median per keystroke {result.median_s * 1000:.1f} ms (must be < 50 ms)", flush=True)
    store.close()
    bare.close()


def _first_rows(ctx: BenchContext, scale: str) -> None:
    from villagedesk.domain.register.filters import RegisterFilter
    from villagedesk.services.register import listing
    from villagedesk.services.register.kpis import overview
    from villagedesk.store import open_store

    store = open_store(ctx.copy(scale))
    bare = sqlite3.connect(store.path)
    for view in ("households", "residents"):
        f = RegisterFilter(view, status="active" if view == "households" else "present")

        def ours(f=f):  # what the page's model does before it can paint: count, then the first page
            listing.count_rows(store, f)
            listing.fetch_rows(store, f, 0, 200)

        def baseline(view=view):
            bare.execute(f"SELECT * FROM {view} LIMIT 200").fetchall()

        result = ctx.measure(f"households page first rows ({view})", scale, ours, baseline, repeat=5)
        print(f"    first rows in {result.median_s * 1000:.0f} ms (must be < 1000 ms)", flush=True)
    start = time.perf_counter()
    overview(store)
    print(f"    page figures (households, residents, key populations, enrolment rate): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms", flush=True)
    store.close()
    bare.close()


def _roster(path: Path, grid_names: list[str]) -> Path:
    from openpyxl import Workbook

    from villagedesk.domain.identity import check_digit

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["全村花名册"])
    ws.append(["网格", "湾", "组", "门牌号", "姓名", "与户主关系", "身份证号", "联系电话", "居住状态", "医保参保"])
    relations = ("户主", "配偶", "子", "女")
    for i in range(ROSTER_ROWS):
        house, member = divmod(i, 4)
        grid = grid_names[house % len(grid_names)]
        born = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 37) % 20_000)  # unique for i < 20,000
        first17 = f"510904{born:%Y%m%d}{i % 1000:03d}"
        ws.append([grid, grid, f"{house % 9 + 1}组", f"B{house}号", "王" + "建国秀英浩然子轩"[i % 8] + "明",
                   relations[member], first17 + check_digit(first17), "", "在家居住", "已参保"])
    wb.save(path)
    return path


def _import(ctx: BenchContext, scale: str) -> None:
    from openpyxl import load_workbook

    from villagedesk.domain.actor import SYSTEM
    from villagedesk.domain.ids import new_id
    from villagedesk.services.register import importing
    from villagedesk.store import open_store

    probe = open_store(ctx.copy(scale))
    grid_names = [r[0] for r in probe.query("SELECT name FROM grids WHERE status = 'active' ORDER BY code")]
    grid_ids = {r[0]: r[1] for r in probe.query("SELECT name, id FROM grids")}
    probe.close()
    roster = _roster(ctx.tmp / "roster-20000.xlsx", grid_names)
    repeat = 3
    ours_dbs = [open_store(ctx.copy(scale)) for _ in range(repeat)]
    bare_dbs = [open_store(ctx.copy(scale)) for _ in range(repeat)]

    def ours():
        preview, result = importing.import_file(ours_dbs.pop(), SYSTEM, roster)
        assert result is not None and result.residents == ROSTER_ROWS, preview.problems[:3]

    def baseline():  # read the same rows with openpyxl and executemany them into the same tables
        store = bare_dbs.pop()
        wb = load_workbook(roster, read_only=True)
        rows = list(wb.worksheets[0].iter_rows(min_row=3, values_only=True))
        wb.close()
        stamp = store.stamp(SYSTEM, new=True)
        common = (stamp["origin"], stamp["hlc"], stamp["created_at"], stamp["updated_at"], stamp["updated_by"])
        homes, people = {}, []
        for grid, hamlet, group, house, name, relation, number, phone, _res, _ins in rows:
            hid = homes.setdefault((hamlet, group, house), (new_id(), grid_ids[grid]))[0]
            people.append((new_id(), hid, name, number, "男", "1960-01-01", relation, phone or "", *common))
        with store.transaction():
            store.conn.executemany("INSERT INTO households (id, grid_id, hamlet, group_name, house_number, origin, hlc,"
                                   " created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   [(hid, gid, *key, *common) for key, (hid, gid) in homes.items()])
            store.conn.executemany("INSERT INTO residents (id, household_id, name, id_number, sex, birth_date, relation,"
                                   " phone, origin, hlc, created_at, updated_at, updated_by)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", people)

    ctx.measure(f"import a {ROSTER_ROWS:,}-row roster", scale, ours, baseline, repeat=repeat, target=2)
    for store in ours_dbs + bare_dbs:
        store.close()
