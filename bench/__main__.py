"""`python -m bench [--only NAME ...] [--scales village,township,district] [--rebuild] [--reuse]`: run the benchmarks."""

from __future__ import annotations

import argparse
import importlib
import platform
import sys

from bench.harness import ROOT, SCALES, BenchContext, build_scale_dbs, describe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--only", action="append", help="run only bench/ops_NAME.py (repeatable)")
    parser.add_argument("--scales", default=",".join(SCALES), help="village,township,district")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the scale databases")
    parser.add_argument("--reuse", action="store_true",
                        help="use a scale database an older demo generator built (district takes ~25 min to build)")
    args = parser.parse_args(argv)
    scales = [s for s in args.scales.split(",") if s]
    modules = sorted(p.stem for p in (ROOT / "bench").glob("ops_*.py"))
    if args.only:
        modules = [m for m in modules if m.removeprefix("ops_") in args.only]
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.node()}")
    ctx = BenchContext(build_scale_dbs(scales, args.rebuild, args.reuse))
    for scale, path in ctx.dbs.items():
        print(describe(scale, path))
    print(f"{'operation':<48} {'scale':<9} {'median':>13} {'baseline':>13} {'ratio':>8}")
    for name in modules:
        importlib.import_module(f"bench.{name}").run(ctx)
    over = [r for r in ctx.results if r.target is not None and r.ratio > r.target]
    print(f"\n{len(ctx.results)} measurements, {len(over)} over target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
