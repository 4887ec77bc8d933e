"""A tour of parindex: score a year of assessments, rank, see where a unit lost points, compare
with the next year. Run it from anywhere: python par-py/examples/tour.py

The sample data (assessments-2023.json, assessments-2024.json) are invented self-assessments and
appraisals of seven Cà Mau departments and districts under the built-in excerpt of Cà Mau's
decision 1880/QĐ-UBND (2013), field 1, whose leaves have choice, bands and points rules.
"""

from pathlib import Path

import parindex

HERE = Path(__file__).resolve().parent

# 1. A methodology: built in, from a file, or from a dict.
print("Built-in methodologies:")
for info in parindex.Methodology.list_builtin():
    print(f"  {info.id:<34} {info.completeness or '':<10} {info.name}")
m = parindex.Methodology.builtin("camau-1880-2013-field1-excerpt")

# 2. Score a year: a path to JSON or CSV, a list of dicts, or a pandas DataFrame.
results_2023 = parindex.score(m, HERE / "assessments-2023.json")

# 3. The ranking. Amounts are decimal.Decimal at the methodology's scale (2 places here).
print(f"\nRanking 2023 ({m.name}):")
for row in results_2023.rank_table():
    print(f"  {row['rank']:>2}. {row['unit']:<24} {row['points']:>5} / {row['max']}  "
          f"index {row['index']:>6} %")

# 4. Where did a unit lose points? The five criteria with the most points lost.
unit = results_2023.units[-1].unit
print(f"\nWhere {unit} lost most points:")
for lost in results_2023.lost_points(unit)[:5]:
    print(f"  {lost.code:<6} −{lost.lost}  ({lost.points} of {lost.max}, {lost.source})  "
          f"{lost.name[:60]}")

# 5. Every node keeps its provenance: self-score, appraisal rounds, evidence, the rule applied.
node = results_2023.explain(unit).nodes["1.1.4"]
print(f"\n{unit}, 1.1.4: self {node.self_score!r} → {node.points} points "
      f"({node.rule}); appraisals: {[(a.value, a.reason) for a in node.appraisals]}")

# 6. Compare two years: change of index and of rank.
results_2024 = parindex.score(m, HERE / "assessments-2024.json")
print("\n2023 → 2024:")
for move in parindex.compare(results_2023, results_2024).units:
    arrow = "↑" if move.rank_change > 0 else "↓" if move.rank_change < 0 else "="
    print(f"  {move.unit:<24} {move.previous_index:>6} → {move.current_index:>6} "
          f"({move.change:+}) rank {move.previous_rank} → {move.current_rank} {arrow}")

# 7. Errors list every problem, each with code, unit, node and path. Messages are Vietnamese, the
#    officials' language, unless lang="en" (or the PAR_LANG environment variable) asks for English.
wrong = [{"unit": "Sở X", "entries": {"1.3": {"self": "4"}, "9": {"self": "1"}}}]
try:
    parindex.score(m, wrong)
except parindex.ParError as e:
    print(f"\n{type(e).__name__} with {len(e.problems)} problems:")
    for p in e.problems:
        print(f"  {p.code:<14} unit={p.unit} node={p.node} path={p.path}: {p.message}")
try:
    parindex.score(m, wrong, lang="en")
except parindex.ParError as e:
    print(f"\nThe same in English:\n{e}")

# 8. With pandas installed, results become DataFrames.
try:
    frame = results_2023.to_pandas(level="unit")
    print("\n" + frame[["rank", "unit", "points", "index"]].to_string(index=False))
except ImportError as e:
    print(f"\n(pandas is not installed: {e})")
