"""A compact pure-Python reference of the PAR INDEX scoring semantics (``decimal`` only, no Rust),
used as an oracle for ``parindex`` and as the baseline of ``bench/bench.py``.

It reads a methodology dict (``par.methodology/1``, assumed valid) and units as dicts
(``par.assessments/1`` shape) and returns either ``("results", [unit dicts], [block dicts])`` or
``("problems", [(code, unit, node), ...])`` in the engine's order. Leaves only: no adjustments and
no ``value`` entries on parents (the property tests do not generate them).

Semantics (written from the domain rules, not from the engine's code):
- a leaf's points come from its last appraisal round, else from its self-score under the policies
  (``evidence_required``, ``unappraised_self``), else it is missing (``missing_leaf``);
  survey leaves take only survey input (``percent`` of max, or ``points``);
- a rule turns an input into points: ``points`` as is, ``choice`` by label, ``yes_no``,
  ``bands`` (the band holding the measure, which is never negative), ``ratio`` (max × value /
  target, capped at max);
- a parent's points and max are the sums of its children's; a unit without any survey input is
  scored over the non-survey max under ``no_survey: rescale``;
- index = points / max × 100, exact; every output value is rounded once at the policy's scale;
- units are ranked per block on the rounded (or exact) index, then tie-breakers, ties shared
  (1, 2, 2, 4) or dense (1, 2, 2, 3); classification bands by index.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

CTX = decimal.Context(prec=28)
YES = {"yes", "true", "có", "co", "đạt", "1"}
NO = {"no", "false", "không", "khong", "không đạt", "0"}
HUNDRED = Decimal(100)


class Problem(Exception):
    def __init__(self, code: str, node: str | None = None) -> None:
        super().__init__(code)
        self.code, self.node = code, node


def dec(v: Any) -> Decimal:
    return Decimal(v if isinstance(v, str) else str(v)).normalize(CTX)


def rounder(policy: dict):
    places = policy.get("places", 2)
    mode = decimal.ROUND_HALF_EVEN if policy.get("mode") == "half_even" else decimal.ROUND_HALF_UP
    quantum = Decimal(1).scaleb(-places)
    return lambda d: d.quantize(quantum, rounding=mode, context=decimal.Context(prec=60)) + 0


def percent(points: Decimal, mx: Decimal) -> Decimal | None:
    return None if mx == 0 else CTX.divide(points * HUNDRED, mx)


def number(v: Any) -> Decimal:
    if isinstance(v, bool):
        raise Problem("bad_type")
    try:
        return dec(v)
    except decimal.InvalidOperation:
        raise Problem("bad_decimal") from None


def apply_rule(rule: dict, mx: Decimal, v: Any) -> Decimal:
    kind = rule.get("type", "points")
    if kind == "choice":
        if isinstance(v, bool):
            raise Problem("bad_type")
        for o in rule["options"]:
            if o["label"].strip().lower() == str(v).strip().lower():
                return dec(o["points"])
        raise Problem("unknown_option")
    if kind == "yes_no":
        word = v if isinstance(v, bool) else str(v).strip().lower()
        if word is True or word in YES:
            return dec(rule.get("yes", mx))
        if word is False or word in NO:
            return dec(rule.get("no", "0"))
        raise Problem("unknown_option")
    x = number(v)
    if kind == "points":
        if not 0 <= x <= mx:
            raise Problem("out_of_range")
        return x
    if kind == "bands":
        # A measure is never negative, whatever the bands reach down to.
        if x < 0:
            raise Problem("out_of_range")
        for b in rule["bands"]:
            lo, hi = b.get("min"), b.get("max")
            above = lo is None or (x >= dec(lo) if b.get("min_inclusive", True) else x > dec(lo))
            below = hi is None or (x <= dec(hi) if b.get("max_inclusive", True) else x < dec(hi))
            if above and below:
                return dec(b["points"])
        raise Problem("out_of_range")
    # ratio
    if x < 0 or x > 10**12:
        raise Problem("out_of_range")
    target = dec(rule["target"])
    return mx if x >= target else CTX.divide(mx * x, target)


def misread(rule: dict, mx: Decimal, v: Any, pts: Decimal) -> str | None:
    """The warning on a measured input that counted, typed as a fraction (0.97 for 97 %) or as
    points (2), where the other reading scores otherwise (see par-core/src/misread.rs)."""
    kind = rule.get("type", "points")
    if kind not in ("bands", "ratio") or isinstance(v, bool) or str(v).rstrip().endswith("%"):
        return None
    x = number(v)
    if kind == "bands":
        bounds = [dec(b[k]) for b in rule["bands"] for k in ("min", "max") if k in b]
        percent_scale = any(b > 1 for b in bounds)
        in_percent = "%" in (rule.get("measure") or "")
        # Points typed: one of the bands' points, read into the band of fewest points.
        fewest = min(dec(b["points"]) for b in rule["bands"])
        as_points = any(dec(b["points"]) == x for b in rule["bands"]) and pts == fewest
    else:
        percent_scale = dec(rule["target"]) == HUNDRED
        in_percent = False
        as_points = dec(rule["target"]) == HUNDRED
    if percent_scale and (0 < x < 1 or (x == 1 and in_percent)):
        try:
            if apply_rule(rule, mx, x * HUNDRED) > pts:
                return "measured_as_fraction"
        except Problem:
            pass
    if 0 < x <= mx and as_points and pts < x:
        return "measured_as_points"
    return None


def leaf_points(leaf: dict, e: dict | None, pol: dict) -> tuple[Decimal, str, str | None]:
    """(points, source, warning code) of one leaf; raises a list of Problems."""
    mx = dec(leaf["max"])
    if not e or not any(k in e for k in ("self", "appraisals", "survey", "value")):
        if pol.get("missing_leaf") == "error":
            raise ProblemList([Problem("missing_leaf")])
        return Decimal(0), "missing", "missing_leaf"
    if leaf["survey"]:
        errors = [Problem("survey_only") for k in ("self", "appraisals") if k in e]
        kind, v = next(iter(e["survey"].items())) if "survey" in e else (None, None)
        if kind is None:
            raise ProblemList(errors)
        x = dec(v)
        if not 0 <= x <= (HUNDRED if kind == "percent" else mx):
            errors.append(Problem("out_of_range"))
        if errors:
            raise ProblemList(errors)
        return (CTX.divide(mx * x, HUNDRED) if kind == "percent" else x), "survey", None
    if "survey" in e:
        raise ProblemList([Problem("not_survey")])
    errors, rule = [], leaf.get("rule", {"type": "points"})

    def applied(v: Any) -> Decimal | None:
        try:
            return apply_rule(rule, mx, v)
        except Problem as p:
            errors.append(p)
            return None

    self_pts = applied(e["self"]) if "self" in e else None
    rounds = [applied(a["value"]) for a in e.get("appraisals", [])]
    last = 0
    for a in e.get("appraisals", []):
        if a["round"] == 0 or a["round"] <= last:
            errors.append(Problem("bad_round"))
        last = a["round"]
    if errors:
        raise ProblemList(errors)
    if pol.get("reason_required", True):
        previous = self_pts
        for a, pts in zip(e.get("appraisals", []), rounds):
            if previous is not None and previous != pts and not (a.get("reason") or "").strip():
                errors.append(Problem("reason_required"))
            previous = pts
        if errors:
            raise ProblemList(errors)
    if rounds:
        return rounds[-1], "appraisal", misread(rule, mx, e["appraisals"][-1]["value"], rounds[-1])
    assert self_pts is not None
    if pol.get("evidence_required") and self_pts > 0 and not e.get("evidence"):
        return Decimal(0), "self", "evidence_missing"
    unappraised = pol.get("unappraised_self", "accept")
    if unappraised == "error":
        raise ProblemList([Problem("not_appraised")])
    if unappraised == "zero":
        return Decimal(0), "self", "not_appraised"
    return self_pts, "self", misread(rule, mx, e["self"], self_pts)


class ProblemList(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def flatten(nodes: list[dict], survey: bool = False, component: str = "appraisal") -> list[dict]:
    """The tree in pre-order, each node with its inherited survey flag, component and children."""
    out = []
    for n in nodes:
        node = {
            **n,
            "survey": survey or n.get("survey", False),
            "component": n.get("component", component),
        }
        out.append(node)
        kids = flatten(n.get("children", []), node["survey"], node["component"])
        node["kids"] = [k for k in kids if k["code"].count(".") == n["code"].count(".") + 1]
        out.extend(kids)
    return out


def score_unit(m: dict, nodes: list[dict], unit: dict, r) -> dict:
    pol = m.get("policies", {})
    problems: list[tuple[str, str | None]] = []
    block = unit.get("block")
    blocks = m.get("blocks", [])
    if blocks:
        if block is None and len(blocks) == 1:
            block = blocks[0]["id"]
        elif block is None:
            problems.append(("missing_field", None))
        elif block not in [b["id"] for b in blocks]:
            problems.append(("unknown_block", None))
    by_code = {n["code"]: n for n in nodes}
    entries = unit.get("entries", {})
    problems += [("unknown_node", code) for code in entries if code not in by_code]
    leaves = [n for n in nodes if not n["kids"]]
    rescale = (
        pol.get("no_survey") == "rescale"
        and any(n["survey"] for n in leaves)
        and not any(n["survey"] and any(k in entries.get(n["code"], {}) for k in
                                        ("self", "appraisals", "survey", "value")) for n in leaves)
    )
    pts: dict[str, Decimal] = {}
    mxs: dict[str, Decimal] = {}
    res: dict[str, dict] = {}
    warnings = []
    leaf_problems: list[list[tuple[str, str | None]]] = []
    for n in reversed(nodes):
        code = n["code"]
        if n["kids"]:
            pts[code] = sum((pts.get(k["code"], Decimal(0)) for k in n["kids"]), Decimal(0))
            mxs[code] = sum((mxs.get(k["code"], Decimal(0)) for k in n["kids"]), Decimal(0))
            source = "children"
        elif rescale and n["survey"]:
            pts[code], mxs[code], source = Decimal(0), Decimal(0), "not_surveyed"
        else:
            try:
                p, source, warning = leaf_points(n, entries.get(code), pol)
            except ProblemList as e:
                leaf_problems.append([(p.code, code) for p in e.problems])
                continue
            pts[code], mxs[code] = p, dec(n["max"])
            if warning:
                warnings.append((warning, code))
        idx = percent(pts[code], mxs[code])
        res[code] = {
            "points_exact": pts[code],
            "points": r(pts[code]),
            "max": r(mxs[code]),
            "index": None if idx is None else r(idx),
            "lost": r(mxs[code] - pts[code]),
            "source": source,
        }
    # Leaves' problems in tree order, each leaf's own in the order found.
    problems += [p for found in reversed(leaf_problems) for p in found]
    if problems:
        raise ProblemList([Problem(c, n) for c, n in problems])
    roots = [n for n in nodes if n["code"].count(".") == nodes[0]["code"].count(".")]
    total = sum((pts[n["code"]] for n in roots), Decimal(0))
    total_max = sum((mxs[n["code"]] for n in roots), Decimal(0))
    if total_max == 0:
        raise ProblemList([Problem("out_of_range")])
    components: dict[str, list[Decimal]] = {}
    for n in leaves:
        c = components.setdefault(n["component"], [Decimal(0), Decimal(0)])
        c[0] += pts[n["code"]]
        c[1] += mxs[n["code"]]
    index = CTX.divide(total * HUNDRED, total_max)
    warnings.reverse()
    if rescale:
        warnings.append(("survey_rescaled", None))
    return {
        "unit": unit["unit"],
        "block": block,
        "points": r(total),
        "points_exact": total,
        "max": r(total_max),
        "index": r(index),
        "index_exact": index,
        "survey_rescaled": rescale,
        "components": {
            k: {"points": r(p), "points_exact": p, "max": r(x),
                "index": None if x == 0 else r(CTX.divide(p * HUNDRED, x))}
            for k, (p, x) in components.items()
        },
        "nodes": res,
        "warnings": warnings,
    }


def classify(bands: list[dict], value: Decimal) -> str | None:
    for b in bands:
        if (value >= dec(b["min"])) if b.get("inclusive", True) else (value > dec(b["min"])):
            return b["label"]
    return None


def rank(m: dict, units: list[dict], r) -> tuple[list[dict], list[dict]]:
    ranking = m.get("policies", {}).get("ranking", {})
    on_exact = ranking.get("on") == "exact"

    def key(u: dict) -> tuple:
        breakers = []
        for t in ranking.get("tie_breakers", []):
            if "component" in t:
                c = u["components"].get(t["component"])
                breakers.append(c["points_exact"] if c else Decimal(0))
            else:
                breakers.append(u["node_exact"].get(t["node"], Decimal(0)))
        return (u["index_exact"] if on_exact else u["index"], *breakers)

    declared = [b["id"] for b in m.get("blocks", [])]
    others = sorted({u["block"] for u in units if u["block"] not in declared},
                    key=lambda b: (b is not None, b or ""))
    ordered, stats = [], []
    for block in declared + others:
        members = sorted((u for u in units if u["block"] == block),
                         key=lambda u: u["unit"])
        members.sort(key=key, reverse=True)  # stable: names ascending among equal keys
        if not members:
            continue
        bands = next((b.get("bands") for b in m.get("blocks", []) if b["id"] == block), None)
        bands = m.get("bands", []) if bands is None else bands
        for pos, u in enumerate(members):
            prev = members[pos - 1] if pos else None
            if prev is not None and key(prev) == key(u):
                u["rank"] = prev["rank"]
            elif prev is not None and ranking.get("ties") == "dense":
                u["rank"] = prev["rank"] + 1
            else:
                u["rank"] = pos + 1
            u["band"] = classify(bands, key(u)[0])
        values = sorted(key(u)[0] for u in members)
        n = len(values)
        mean = CTX.divide(sum(values, Decimal(0)), n)
        # Strictly above the mean of the ranked index, decided exactly where every unit has one
        # max (a unit at the mean is not above it, whatever the last digit of a rounded index
        # says): by points when ranking on the exact index, else by the printed index.
        by_points = on_exact and not any(u["survey_rescaled"] for u in members)
        exact = [Fraction(u["points_exact"] if by_points else key(u)[0]) for u in members]
        total = sum(exact)
        above_mean = sum(1 for v in exact if v * n > total)
        median = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
        stats.append({
            "block": block, "count": n, "mean": r(mean), "median": r(median),
            "min": r(values[0]), "max": r(values[-1]),
            "above_mean": above_mean,
            "bands": {b["label"]: sum(1 for u in members if u["band"] == b["label"])
                      for b in bands},
            "unbanded": sum(1 for u in members if u["band"] is None),
        })
        ordered += sorted(members, key=lambda u: (u["rank"], u["unit"]))
    return ordered, stats


#: The vowels, and each with its five tones (huyền, sắc, hỏi, ngã, nặng), five for each vowel.
VOWELS = "aăâeêioôơuưy"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TONES = "\u0300\u0301\u0309\u0303\u0323"


def spelling_key(name: str) -> str:
    """What two spellings of one unit's name share: small letters, each word's tone marks moved
    to its end (`Hòa` and `Hoà` are one name, `Hóa` another)."""
    words = []
    for word in name.lower().split(" "):
        letters, tones = "", ""
        for c in word:
            at = TONED.find(c)
            if at < 0:
                letters += c
            else:
                letters += VOWELS[at // 5]
                tones += TONES[at % 5]
        words.append(letters + tones)
    return " ".join(words)


def score(m: dict, units: list[dict]):
    """("results", units, block statistics) or ("problems", [(code, unit, node), ...]). A unit
    named as one before it, or spelled as one before it, is refused."""
    nodes = flatten(m["nodes"])
    r = rounder(m.get("policies", {}).get("rounding", {}))
    problems, scored, seen = [], [], set()
    for unit in units:
        name = unit["unit"]
        key = spelling_key(" ".join(name.split()))
        if key in seen:
            problems.append(("duplicate_unit", name, None))
            continue
        seen.add(key)
        try:
            u = score_unit(m, nodes, unit, r)
        except ProblemList as e:
            problems += [(p.code, name, p.node) for p in e.problems]
            continue
        u["node_exact"] = {c: n["points_exact"] for c, n in u["nodes"].items()}
        scored.append(u)
    if problems:
        return "problems", problems
    ordered, stats = rank(m, scored, r)
    return "results", ordered, stats
