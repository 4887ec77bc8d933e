#!/usr/bin/env python3
"""The synthetic national commune run (fixtures/bench/README.md) end to end, as a user runs it:
a long CSV file in, a ranking out, each tool in a fresh process. Prints each run's wall time
(the median of `--repeat` runs) and peak memory (GNU time's maximum resident set size) and the
ratios the performance targets are stated in; asserts nothing.

    python3 scripts/national-run.py                  # builds the release `par` if needed
    python3 scripts/national-run.py --units 2000     # a smaller run
    python3 scripts/national-run.py --par target/release/par --keep /tmp/run

Runs:
- the plain-Python reference: the same arithmetic with `decimal` and the standard library only
  (read the CSV, the last appraisal over the self-score, sums up the tree, index rounded half-up
  to 0.01, ranks), writing a CSV ranking;
- `par score -f csv` and `par score -f json` (scores only, indented and on one line; and with
  every input), output to a file;
- `par score -f csv` on the same table with one self-score typed as text near its end, which it
  refuses, and under a title row and signed below, the place and date quoted (as officials'
  sheets are exported from Excel);
- `par score -f csv` on the same run as a `par.assessments/1` JSON document (124 MB, on one line,
  as a portal sends it), and on that document with one problem near its end, which it refuses;
- `par compare` of the full results document, and of the scores-only one, each with itself (as
  next year's run is compared with this one's), its memory against one document's size;

and checks that the reference and `par` give every unit the same rank and index.

Needs Linux with /usr/bin/time (Debian's `time` package) and cargo for the build.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METHODOLOGY = ROOT / "fixtures" / "bench" / "national-commune-100.json"
REASON = "Thiếu tài liệu kiểm chứng"

# The reference, run as its own program so that its time and memory are its own.
REFERENCE = r'''
import csv, json, sys
from decimal import Decimal, ROUND_HALF_UP

methodology, table, out = sys.argv[1:4]
tree = json.load(open(methodology, encoding="utf-8"))

maxima = {}
def walk(nodes, parents):
    for n in nodes:
        maxima[n["code"]] = Decimal(n["max"])
        walk(n.get("children", []), parents + [n["code"]])
        if not n.get("children"):
            ancestors[n["code"]] = parents + [n["code"]]
ancestors = {}
walk(tree["nodes"], [])
total_max = sum(Decimal(n["max"]) for n in tree["nodes"])

points = {}
with open(table, encoding="utf-8", newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    unit_at, code_at, self_at, appraised_at = (header.index(c) for c in ("unit", "code", "self", "appraised"))
    for row in rows:
        unit = row[unit_at]
        value = row[appraised_at] or row[self_at]
        nodes = points.setdefault(unit, {})
        leaf = Decimal(value)
        for code in ancestors[row[code_at]]:
            nodes[code] = nodes.get(code, Decimal(0)) + leaf

cent = Decimal("0.01")
ranked = []
for unit, nodes in points.items():
    total = sum(nodes[n["code"]] for n in tree["nodes"] if n["code"] in nodes)
    index = (total / total_max * 100).quantize(cent, ROUND_HALF_UP)
    ranked.append((index, unit, total.quantize(cent, ROUND_HALF_UP)))
ranked.sort(key=lambda r: (-r[0], r[1]))
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["rank", "unit", "points", "index"])
    rank = 0
    for i, (index, unit, total) in enumerate(ranked):
        if i == 0 or index != ranked[i - 1][0]:
            rank = i + 1
        w.writerow([rank, unit, total, index])
'''


def cents(c: int) -> str:
    return f"{c // 100}.{c % 100:02d}"


def leaves(nodes: list[dict]) -> list[str]:
    found = []
    for n in nodes:
        children = n.get("children", [])
        found += leaves(children) if children else [n["code"]]
    return found


def entries(codes: list[str], i: int):
    """Unit `i`'s rows by the recipe of fixtures/bench/README.md: each leaf's code, self-score,
    appraised value, evidence and reason (or None)."""
    for j, code in enumerate(codes):
        s = (i * 7 + j * 13) % 101
        cut = (i + j) % 5 == 0
        appraised = cents(max(s - 25, 0) if cut else s)
        yield code, cents(s), appraised, f"TLKC-{i}-{j}", REASON if cut else None


def write_long_table(path: Path, codes: list[str], units: int) -> None:
    """The run as the long table (one row per unit and leaf)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unit", "code", "self", "appraised", "evidence", "reason", "by"])
        for i in range(units):
            for code, s, appraised, evidence, reason in entries(codes, i):
                w.writerow([f"Xã {i:05d}", code, s, appraised, evidence, reason or "", "HĐTĐ"])


def write_assessments(path: Path, codes: list[str], units: int) -> None:
    """The same run as a `par.assessments/1` document on one line, written unit by unit."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"schema":"par.assessments/1","units":[')
        for i in range(units):
            unit = {"unit": f"Xã {i:05d}", "entries": {}}
            for code, s, appraised, evidence, reason in entries(codes, i):
                appraisal = {"round": 1, "value": appraised, "by": "HĐTĐ"}
                if reason:
                    appraisal["reason"] = reason
                unit["entries"][code] = {"self": s, "evidence": [evidence], "appraisals": [appraisal]}
            f.write(("," if i else "") + json.dumps(unit, ensure_ascii=False, separators=(",", ":")))
        f.write("]}")


def timed(command: list[str], stdout: Path, refused: bool = False) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of a command run in a fresh process, which
    must succeed, or refuse its input (exit status 1) where `refused`."""
    with open(stdout, "wb") as out:
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], stdout=out,
                              stderr=subprocess.PIPE, text=True, check=False)
    last = done.stderr.strip().splitlines()[-1]
    if done.returncode != (1 if refused else 0):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    seconds, kib = last.split()
    return float(seconds), int(kib) * 1024


def ranking(path: Path) -> dict[str, tuple[str, str]]:
    """Each unit's rank and index, from a CSV with `unit`, `rank` and `index` columns."""
    with open(path, encoding="utf-8", newline="") as f:
        return {row["unit"]: (row["rank"], row["index"]) for row in csv.DictReader(f)}


def par_binary(given: str | None) -> str:
    if given:
        return given
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "par-cli"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "release" / "par")


def main() -> None:
    ask = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ask.add_argument("--units", type=int, default=10_600)
    ask.add_argument("--par", help="the par binary (default: build target/release/par)")
    ask.add_argument("--keep", help="a directory to keep the table and the outputs in")
    ask.add_argument("--repeat", type=int, default=3,
                     help="runs of each command, each in a fresh process: the median time and the "
                          "highest peak memory are shown, with the range of times (default 3; the "
                          "reference's time alone varies by up to 2× with the host's load)")
    args = ask.parse_args()
    par = par_binary(args.par)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="par-national-"))
    work.mkdir(parents=True, exist_ok=True)

    methodology = json.loads(METHODOLOGY.read_text("utf-8"))
    table = work / "national-long.csv"
    write_long_table(table, leaves(methodology["nodes"]), args.units)
    size = table.stat().st_size
    document = work / "national.json"
    write_assessments(document, leaves(methodology["nodes"]), args.units)
    # The same document with one appraisal round given as text in its last unit: read for its
    # problems (a unit at a time), which `par` reports and refuses.
    text = document.read_text("utf-8")
    at = text.rindex('"round":1')
    flawed = work / "national-with-a-problem.json"
    flawed.write_text(text[:at] + '"round":"một"' + text[at + len('"round":1'):], "utf-8")
    del text
    # The table under a title row and signed below it, as Excel saves an official's sheet (the
    # place and date quoted for its comma), and with one self-score typed as text in its last unit.
    text = table.read_text("utf-8")
    titled = work / "national-long-titled.csv"
    signatures = [",,,,,,", ',,,,"Cà Mau, ngày 15 tháng 11 năm 2024",,',
                  "NGƯỜI LẬP BIỂU,,,,KT. GIÁM ĐỐC,,", "(Ký ghi rõ họ tên),,,,PHÓ GIÁM ĐỐC,,",
                  ",,,,,,", ",,,,,,", "Nguyễn Văn A,,,,Trần Thị B,,"]
    titled.write_text("BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM,,,,,,\n" + text + "\n".join(signatures) + "\n",
                      "utf-8")
    rows = text.split("\n")
    cells = rows[-50].split(",")
    cells[2] = "x" + cells[2]
    rows[-50] = ",".join(cells)
    flawed_table = work / "national-long-with-a-problem.csv"
    flawed_table.write_text("\n".join(rows), "utf-8")
    del text, rows
    script = work / "reference.py"
    script.write_text(REFERENCE, "utf-8")

    score = [par, "score", "-m", str(METHODOLOGY)]
    runs = [
        ("plain-Python reference (decimal)", [sys.executable, str(script), str(METHODOLOGY),
                                              str(table), str(work / "reference.csv")], "reference.log"),
        ("par score -f csv", [*score, str(table), "-f", "csv"], "results.csv"),
        ("  … a table with a problem (refused)", [*score, str(flawed_table), "-f", "csv"],
         "table-problems.txt"),
        ("  … under a title row, signed below", [*score, str(titled), "-f", "csv"], "titled.csv"),
        ("par score -f json --detail scores", [*score, str(table), "-f", "json", "--detail", "scores"],
         "scores.json"),
        ("  … --compact", [*score, str(table), "-f", "json", "--detail", "scores", "--compact"],
         "compact.json"),
        ("par score -f json (full)", [*score, str(table), "-f", "json"], "results.json"),
        ("JSON in: par score -f csv", [*score, str(document), "-f", "csv"], "from-json.csv"),
        ("  … with a problem (refused)", [*score, str(flawed), "-f", "csv"], "problems.txt"),
        # Next year's comparison, of the documents written above (each with itself).
        ("par compare (full documents)", [par, "compare", str(work / "results.json"),
                                          str(work / "results.json")], "compared.txt"),
        ("  … scores only", [par, "compare", str(work / "scores.json"), str(work / "scores.json")],
         "compared-scores.txt"),
    ]
    print(f"national commune run: {args.units:,} units × {len(leaves(methodology['nodes']))} leaves, "
          f"long CSV {size / 1e6:.1f} MB ({table}), as JSON {document.stat().st_size / 1e6:.1f} MB; "
          f"{os.cpu_count()} cores")
    print(f"{'run':<38} {'time':>8} {'× reference':>12} {'peak memory':>12} {'× input':>8} "
          f"{'output':>10}  times of {args.repeat} runs")
    reference_time = None
    for name, command, output in runs:
        inputs = (table, document, flawed, flawed_table, titled, work / "results.json",
                  work / "scores.json")
        given = next(Path(a) for a in command if a in map(str, inputs))
        refused = given in (flawed, flawed_table)
        times, peaks = zip(*(timed(command, work / output, refused) for _ in range(args.repeat)))
        seconds, peak = statistics.median(times), max(peaks)
        reference_time = reference_time or seconds
        out = (work / output).stat().st_size
        given = given.stat().st_size
        # A comparison does another job than the reference: its time is not set against it.
        ratio = f"{'—':>11} " if command[1] == "compare" else f"{reference_time / seconds:>11.1f}×"
        print(f"{name:<38} {seconds:>7.2f}s {ratio} "
              f"{peak / 1e6:>9.0f} MB {peak / given:>7.1f}× {out / 1e6:>7.1f} MB  "
              f"{min(times):.2f}–{max(times):.2f}s")
    print("targets (issue 17): csv ≥ 20× the reference, json ≥ 5×, peak memory ≤ 3× the input")
    agree = (ranking(work / "reference.csv") == ranking(work / "results.csv")
             == ranking(work / "from-json.csv"))
    print(f"the reference and par rank every unit alike, with the same index: {'yes' if agree else 'NO'}")
    if not args.keep:
        for f in work.iterdir():
            f.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
