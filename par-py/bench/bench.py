"""Benchmark: the synthetic national commune run (fixtures/bench/README.md) scored by `parindex`
and by the pure-Python reference (tests/reference.py), side by side, in one run.

    python par-py/bench/bench.py            # 10,600 units, 100 leaves, self + one appraisal
    python par-py/bench/bench.py --units 1000 --repeat 3

Times are wall clock: the first run in a fresh process (what a notebook's first call costs:
fresh memory is expensive on the first touch; the DataFrame's first run is timed in a process of
its own, started with --first-from-dataframe) and the best of --repeat runs; the inputs are
built before timing. "dicts" is
`parindex.score(m, list_of_dicts)`, conversion from Python objects included; "DataFrame" is
`parindex.score(m, df)` on the long table (one row per unit and leaf), conversion included.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import parindex  # noqa: E402
import reference  # noqa: E402

METHODOLOGY = HERE.parents[1] / "fixtures" / "bench" / "national-commune-100.json"
REASON = "Thiếu tài liệu kiểm chứng"


def cents(c: int) -> str:
    return f"{c // 100}.{c % 100:02d}"


def national_run(leaves: list[str], count: int) -> list[dict]:
    """The recipe of fixtures/bench/README.md, unit by unit."""
    units = []
    for i in range(count):
        entries = {}
        for j, code in enumerate(leaves):
            s = (i * 7 + j * 13) % 101
            cut = (i + j) % 5 == 0
            appraisal = {"round": 1, "value": cents(max(s - 25, 0) if cut else s), "by": "HĐTĐ"}
            if cut:
                appraisal["reason"] = REASON
            entries[code] = {"self": cents(s), "evidence": [f"TLKC-{i}-{j}"],
                             "appraisals": [appraisal]}
        units.append({"unit": f"Xã {i:05d}", "entries": entries})
    return units


def long_table(units: list[dict]):
    import pandas as pd

    rows = {k: [] for k in ("unit", "code", "self", "appraised", "evidence", "reason", "by")}
    for u in units:
        for code, e in u["entries"].items():
            a = e["appraisals"][0]
            rows["unit"].append(u["unit"])
            rows["code"].append(code)
            rows["self"].append(e["self"])
            rows["appraised"].append(a["value"])
            rows["evidence"].append(e["evidence"][0])
            rows["reason"].append(a.get("reason"))
            rows["by"].append(a["by"])
    return pd.DataFrame(rows)


def timed(repeat: int, run) -> tuple[tuple[float, float], object]:
    """(the first run's time, the best run's time), and the last run's output."""
    times, out = [], None
    for _ in range(repeat):
        out = None  # the previous run's results are freed outside the timing
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
    return (times[0], min(times)), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dataframe", action="store_true")
    parser.add_argument("--first-from-dataframe", action="store_true",
                        help="print only the time of one run from a DataFrame (a fresh process's first)")
    args = parser.parse_args()

    if not (args.no_dataframe or args.first_from_dataframe):
        # Before this process holds the run's inputs and results: a process beside one that holds
        # gigabytes finds fresh memory slower still (1.2-1.3 s against 0.9 s measured).
        fresh = subprocess.run(
            [sys.executable, __file__, "--first-from-dataframe", "--units", str(args.units)],
            check=True, capture_output=True, text=True)
        first_from_dataframe = float(fresh.stdout)

    m_dict = json.loads(METHODOLOGY.read_text("utf-8"))
    m = parindex.Methodology.from_dict(m_dict)
    leaves = [t.code for t in m.tree() if t.leaf]
    units = national_run(leaves, args.units)
    if args.first_from_dataframe:
        df = long_table(units)
        del units  # as a notebook holds only its DataFrame
        (first, _), _ = timed(1, lambda: parindex.score(m, df))
        print(first)
        return
    print(f"national commune run: {len(units):,} units x {len(leaves)} leaves, "
          f"self + 1 appraisal round; first run and best of {args.repeat}")

    t_dicts, results = timed(args.repeat, lambda: parindex.score(m, units))
    rows = [("parindex, from dicts", t_dicts)]
    if not args.no_dataframe:
        df = long_table(units)
        (_, best), from_df = timed(args.repeat, lambda: parindex.score(m, df))
        assert [(u.unit, u.rank) for u in from_df.units] == [(u.unit, u.rank) for u in results.units]
        rows.append(("parindex, from DataFrame (long)", (first_from_dataframe, best)))
    (t_ref, _), ref = timed(1, lambda: reference.score(m_dict, units))
    rows.append(("pure-Python reference, from dicts", (t_ref, t_ref)))

    assert ref[0] == "results"
    assert [(u["unit"], u["rank"], str(u["index"])) for u in ref[1]] == [
        (u.unit, u.rank, str(u.index)) for u in results.units
    ], "parindex and the reference disagree"

    # What an analyst does next: the results as a table of nodes, a row per unit and criterion.
    if not args.no_dataframe:
        (first, best), frame = timed(args.repeat, lambda: results.to_pandas("node"))
        print(f"results.to_pandas('node'): {len(frame):,} rows, first {first:.3f} s, best {best:.3f} s")
        del frame

    width = max(len(name) for name, _ in rows)
    print(f"  {'':<{width}}  {'first':>8}     {'best':>8}")
    for name, (first, fastest) in rows:
        print(f"  {name:<{width}}  {first:8.3f} s   {fastest:8.3f} s   "
              f"({t_ref / first:5.1f}x the reference, first run)")
    print(f"top: {results.units[0].unit} {results.units[0].index}; "
          f"last: {results.units[-1].unit} {results.units[-1].index}")


if __name__ == "__main__":
    main()
