"""Property: for random methodologies (depth 1–4, every rule type, every policy) and assessments
(self-scores, appraisal rounds, surveys, missing leaves, wrong inputs), `parindex` and the
pure-Python reference (`reference.py`) give identical results, ranks and errors."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import parindex
import reference

MAXES = ["0.5", "1", "1.5", "2", "2.25", "3", "4", "6", "10"]
TARGETS = ["1", "2", "4", "5", "10", "20", "25", "50", "100"]  # ratios stay exact decimals
COMPONENTS = ["appraisal", "sipas", "leaders"]


@st.composite
def rule(draw, mx: str) -> dict | None:
    kind = draw(st.sampled_from(["points", "choice", "yes_no", "bands", "ratio", None]))
    allowed = [p for p in ["0", "0.25", "0.5", "1", "1.5", "2", "3"] if Decimal(p) <= Decimal(mx)]
    pts = st.sampled_from(allowed + [mx])
    if kind == "choice":
        labels = draw(st.lists(st.sampled_from(["Kịp thời", "Chậm", "Không", "Đạt", "Khá"]),
                               min_size=1, max_size=4, unique=True))
        return {"type": "choice", "options": [{"label": x, "points": draw(pts)} for x in labels]}
    if kind == "yes_no":
        r = {"type": "yes_no"}
        if draw(st.booleans()):
            r["yes"] = draw(pts)
        if draw(st.booleans()):
            r["no"] = draw(pts)
        return r
    if kind == "bands":
        lo, hi = sorted(draw(st.lists(st.sampled_from(["50", "70", "80", "90"]), min_size=2,
                                      max_size=2, unique=True)), key=Decimal)
        a, b = draw(st.booleans()), draw(st.booleans())
        bands = [
            {"points": draw(pts), "max": lo, "max_inclusive": a},
            {"points": draw(pts), "min": lo, "min_inclusive": not a, "max": hi,
             "max_inclusive": b},
            {"points": draw(pts), "min": hi, "min_inclusive": not b},
        ]
        if draw(st.booleans()):
            bands[0]["min"] = "0"
        rule = {"type": "bands", "bands": draw(st.permutations(bands))}
        if draw(st.booleans()):
            rule["measure"] = "% kế hoạch"  # where 1 may be 100 % stored as a fraction
        return rule
    if kind == "ratio":
        return {"type": "ratio", "target": draw(st.sampled_from(TARGETS))}
    return None if kind is None else {"type": "points"}


@st.composite
def node(draw, code: str, depth: int, survey: bool) -> dict:
    n: dict = {"code": code, "name": f"Tiêu chí {code}"}
    if not survey and draw(st.integers(0, 4)) == 0:
        n["survey"] = survey = True
    if draw(st.integers(0, 4)) == 0:
        n["component"] = draw(st.sampled_from(COMPONENTS))
    if depth < draw(st.integers(1, 4)):
        kids = [draw(node(f"{code}.{i}", depth + 1, survey))
                for i in range(1, draw(st.integers(1, 3)) + 1)]
        n["children"] = kids
        n["max"] = str(sum(Decimal(k["max"]) for k in kids))
    else:
        n["max"] = draw(st.sampled_from(MAXES))
        if not survey:
            r = draw(rule(n["max"]))
            if r is not None:
                n["rule"] = r
    return n


def codes(nodes: list[dict]) -> list[dict]:
    return reference.flatten(nodes)


@st.composite
def methodology(draw) -> dict:
    nodes = [draw(node(str(i), 1, False)) for i in range(1, draw(st.integers(1, 3)) + 1)]
    flat = codes(nodes)
    components = sorted({n["component"] for n in flat if not n["kids"]})
    # Each tie-breaker at most once: the engine refuses a repeated one (duplicate_code).
    tie_breakers = draw(st.lists(st.one_of(
        st.sampled_from(components).map(lambda c: {"component": c}),
        st.sampled_from([n["code"] for n in flat]).map(lambda c: {"node": c}),
    ), max_size=2, unique_by=lambda t: tuple(t.items())))
    inclusive = draw(st.booleans())
    bands = [{"label": "A", "min": "90"}, {"label": "B", "min": "80", "inclusive": inclusive},
             {"label": "C", "min": "50"}]
    m = {
        "schema": "par.methodology/1",
        "id": "random",
        "name": "Random methodology",
        "policies": {
            "rounding": {"places": draw(st.integers(0, 4)),
                         "mode": draw(st.sampled_from(["half_up", "half_even"]))},
            "ranking": {"on": draw(st.sampled_from(["rounded", "exact"])),
                        "ties": draw(st.sampled_from(["shared", "dense"])),
                        "tie_breakers": tie_breakers},
            "missing_leaf": draw(st.sampled_from(["zero", "error"])),
            "unappraised_self": draw(st.sampled_from(["accept", "zero", "error"])),
            "evidence_required": draw(st.booleans()),
            "reason_required": draw(st.booleans()),
            "no_survey": draw(st.sampled_from(["missing", "rescale"])),
        },
        "bands": draw(st.sampled_from([[], bands])),
        "nodes": nodes,
    }
    blocks = draw(st.sampled_from([[], [{"id": "so"}], [{"id": "so"}, {"id": "huyen",
                                                                        "bands": bands[1:]}]]))
    if blocks:
        m["blocks"] = blocks
    return m


def as_input(draw, text: str):
    """The same decimal as str, int or Decimal (all accepted by parindex)."""
    kind = draw(st.sampled_from(["str", "str", "decimal", "int"]))
    if kind == "decimal":
        return Decimal(text)
    if kind == "int" and Decimal(text) == Decimal(text).to_integral_value():
        return int(Decimal(text))
    return text


def rare(draw, faulty: bool, one_in: int = 8) -> bool:
    """A wrong input, drawn only in the cases meant to fail."""
    return faulty and draw(st.integers(0, one_in - 1)) == 0


@st.composite
def value_for(draw, leaf: dict, faulty: bool):
    """An input in the leaf rule's domain; outside it (an error) only when `faulty`."""
    rule = leaf.get("rule", {"type": "points"})
    mx = Decimal(leaf["max"])
    kind = rule["type"]
    bad = rare(draw, faulty, 4)
    if kind == "choice":
        label = "???" if bad else draw(st.sampled_from([o["label"] for o in rule["options"]]))
        return draw(st.sampled_from([label, f" {label.upper()} ", label.lower()]))
    if kind == "yes_no":
        return "maybe" if bad else draw(st.sampled_from([True, False, "có", "Không", "yes", "0"]))
    if kind == "bands":
        # 0.5, 0.97 and 1 as a percentage stored as a fraction; 1 and 2 as points typed.
        x = "-5" if bad else draw(st.sampled_from(["0", "0.5", "0.97", "1", "2", "49.5", "50",
                                                  "69", "70", "80", "85", "90", "90.5", "100",
                                                  "120"]))
        return as_input(draw, x)
    if kind == "ratio":
        t = Decimal(rule["target"])
        x = Decimal(-1) if bad else draw(st.sampled_from([0, Decimal("0.5"), 1, t / 4, t / 2,
                                                          t * 3 / 4, t, t * 2]))
        return as_input(draw, str(x))
    steps = [mx * k / 4 for k in range(5)]
    return as_input(draw, str(mx + 1 if bad else draw(st.sampled_from(steps))))


@st.composite
def entry(draw, leaf: dict, pol: dict, faulty: bool) -> dict | None:
    if (faulty or pol["missing_leaf"] == "zero") and draw(st.integers(0, 6)) == 0:
        return None
    e: dict = {}
    if leaf["survey"]:
        kind = draw(st.sampled_from(["percent", "points"]))
        top = Decimal(100) if kind == "percent" else Decimal(leaf["max"])
        x = top + 1 if rare(draw, faulty) else draw(st.sampled_from([0, top / 4, top / 2, top]))
        e["survey"] = {kind: str(x)}
        if rare(draw, faulty):
            e["self"] = "1"
        return e
    must_appraise = pol["unappraised_self"] == "error" and not faulty
    if must_appraise or draw(st.integers(0, 5)):
        e["self"] = draw(value_for(leaf, faulty))
    if draw(st.booleans()):
        e["evidence"] = ["TLKC-1"]
    rounds = draw(st.sampled_from([[1], [1, 2], [2]] + ([] if must_appraise else [[], []])))
    if rare(draw, faulty):
        rounds = draw(st.sampled_from([[2, 1], [0], [1, 1]]))
    reasons = [None, "", "Thiếu tài liệu"] if faulty or not pol["reason_required"] else ["Lý do"]
    if rounds:
        e["appraisals"] = [
            {"round": r, "value": draw(value_for(leaf, faulty)),
             "reason": draw(st.sampled_from(reasons)), "by": "HĐTĐ"}
            for r in rounds
        ]
        for a in e["appraisals"]:
            if a["reason"] is None:
                del a["reason"]
    if not e.get("self") and not rounds:
        e["self"] = draw(value_for(leaf, faulty))
    if rare(draw, faulty):
        e["survey"] = {"points": "0"}
    return e


@st.composite
def case(draw):
    m = draw(methodology())
    pol = m["policies"]
    faulty = draw(st.integers(0, 2)) == 0
    leaves = [n for n in codes(m["nodes"]) if not n["kids"]]
    names = ["Sở Tư pháp", "Sở Nội vụ", "UBND huyện A", "Xã B", "xã b", "Sở Y tế"]
    units = []
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=6,
                              unique=not rare(draw, faulty, 3))):
        entries = {}
        for leaf in leaves:
            e = draw(entry(leaf, pol, faulty))
            if e is not None:
                entries[leaf["code"]] = e
        if rare(draw, faulty):
            entries["9.9"] = {"self": "1"}
        u = {"unit": name, "entries": entries}
        if m.get("blocks"):
            choices = [b["id"] for b in m["blocks"]]
            block = draw(st.sampled_from(choices + [None, "khác"] if faulty else choices))
            if block is not None:
                u["block"] = block
        units.append(u)
    return m, units


def same_exact(a: Decimal, b: Decimal) -> bool:
    """Exact values agree up to the 28-digit precision of both implementations' divisions."""
    return abs(a - b) <= Decimal("1e-20")


@given(case())
def test_parindex_agrees_with_the_reference(case):
    m, units = case
    expected = reference.score(m, units)
    try:
        results = parindex.score(parindex.Methodology.from_dict(m), units)
    except parindex.ParError as e:
        got = [(p.code, p.unit, p.node) for p in e.problems]
        assert expected == ("problems", got)
        assert type(e).code == got[0][0]
        return
    assert expected[0] == "results", expected
    _, ref_units, ref_stats = expected
    assert [(u.unit, u.block, u.rank, u.band) for u in results.units] == [
        (u["unit"], u["block"], u["rank"], u["band"]) for u in ref_units
    ]
    for got, ref in zip(results.units, ref_units):
        for f in ("points", "max", "index"):
            assert str(getattr(got, f)) == str(ref[f]), f
        assert same_exact(got.points_exact, ref["points_exact"])
        assert same_exact(got.index_exact, ref["index_exact"])
        assert got.survey_rescaled == ref["survey_rescaled"]
        assert [(w.code, w.node) for w in got.warnings] == ref["warnings"]
        comps = got.components
        assert list(comps) == list(ref["components"])
        for tag, c in comps.items():
            rc = ref["components"][tag]
            assert (str(c.points), str(c.max), str(c.index)) == (
                str(rc["points"]), str(rc["max"]), str(rc["index"]))
        nodes = got.nodes
        assert sorted(nodes) == sorted(ref["nodes"])
        for code, n in nodes.items():
            rn = ref["nodes"][code]
            assert (str(n.points), str(n.max), str(n.index), str(n.lost), n.source) == (
                str(rn["points"]), str(rn["max"]), str(rn["index"]), str(rn["lost"]),
                rn["source"]), code
    stats = results.statistics()
    assert [(s.block, s.count, str(s.mean), str(s.median), str(s.min), str(s.max),
             s.above_mean, dict(s.bands), s.unbanded) for s in stats] == [
        (s["block"], s["count"], str(s["mean"]), str(s["median"]), str(s["min"]),
         str(s["max"]), s["above_mean"], s["bands"], s["unbanded"]) for s in ref_stats]
