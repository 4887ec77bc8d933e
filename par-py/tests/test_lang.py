"""The language of the engine's texts: Vietnamese by default, English on request (`lang="en"` or
`PAR_LANG=en`), the option before the environment, an unknown code refused; only texts change."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import pytest

import parindex

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "fixtures" / "cases" / "rules-every-type"
M = parindex.Methodology.from_file(CASE / "methodology.json")
UNITS = json.loads((CASE / "input.json").read_text("utf-8"))["units"]
EXCERPT = parindex.Methodology.builtin("camau-1880-2013-field1-excerpt")

# Criterion 1.3 of the excerpt ("Kiểm tra công tác CCHC") is worth at most 3 points.
ABOVE_MAX = [{"unit": "Sở Y tế", "entries": {"1.3": {"self": "4"}}}]
PARTIAL = [{"unit": "Sở Y tế", "entries": {"1.3": {"self": "2"}}}]
WHERE = ("out_of_range", "Sở Y tế", "1.3", "self", "4")


def raised(call: Callable[[], Any]) -> parindex.ParError:
    with pytest.raises(parindex.ParError) as info:
        call()
    return info.value


def test_messages_are_vietnamese_by_default():
    e = raised(lambda: parindex.score(EXCERPT, ABOVE_MAX))
    assert isinstance(e, parindex.OutOfRangeError)
    assert e.message == (
        "điểm tự chấm của tiêu chí 1.3 “Kiểm tra công tác CCHC”: 4 vượt điểm tối đa 3"
    )
    assert str(e) == f"đơn vị Sở Y tế: {e.message} (mã lỗi: out_of_range)"
    assert json.loads(e.to_json())["problems"][0]["message"] == e.message
    # Codes, fields and values are the same in every language: only texts change.
    assert (e.code, e.unit, e.node, e.path, e.value) == WHERE


def test_lang_en_gives_english_messages():
    e = raised(lambda: parindex.score(EXCERPT, ABOVE_MAX, lang="en"))
    assert e.message == (
        "the self-score of criterion 1.3 'Kiểm tra công tác CCHC': 4 exceeds the max of 3 points"
    )
    assert str(e) == f"unit Sở Y tế: {e.message} (code: out_of_range)"
    assert json.loads(e.to_json())["problems"][0]["message"] == e.message
    assert (e.code, e.unit, e.node, e.path, e.value) == WHERE


@pytest.mark.parametrize("code", ["en", "EN", "en_US.UTF-8", "en-GB"])
def test_par_lang_en_gives_english_messages(monkeypatch, code):
    monkeypatch.setenv("PAR_LANG", code)
    e = raised(lambda: parindex.score(EXCERPT, ABOVE_MAX))
    assert "exceeds the max of 3 points" in e.message and str(e).endswith("(code: out_of_range)")


def test_an_empty_par_lang_is_the_default(monkeypatch):
    monkeypatch.setenv("PAR_LANG", " ")
    assert "vượt điểm tối đa" in raised(lambda: parindex.score(EXCERPT, ABOVE_MAX)).message


@pytest.mark.parametrize("env,asked,said", [
    ("en", "vi", "vượt điểm tối đa 3"),
    ("vi", "en", "exceeds the max of 3 points"),
    ("fr", "en", "exceeds the max of 3 points"),
])
def test_the_lang_option_beats_par_lang(monkeypatch, env, asked, said):
    monkeypatch.setenv("PAR_LANG", env)
    assert said in raised(lambda: parindex.score(EXCERPT, ABOVE_MAX, lang=asked)).message


def test_an_unknown_language_is_refused_as_an_unknown_option(monkeypatch):
    e = raised(lambda: parindex.score(EXCERPT, PARTIAL, lang="fr"))
    assert isinstance(e, parindex.UnknownOptionError)
    assert (e.code, e.path, e.value) == ("unknown_option", "lang", "fr")
    # The language asked for is unknown, so the refusal is said in the default one.
    assert e.message == "không có ngôn ngữ “fr”; dùng vi (tiếng Việt) hoặc en (tiếng Anh)"
    monkeypatch.setenv("PAR_LANG", "de")
    e = raised(lambda: parindex.score(EXCERPT, PARTIAL))
    assert isinstance(e, parindex.UnknownOptionError)
    assert (e.path, e.value) == ("PAR_LANG", "de")


def test_warnings_of_a_partial_unit_are_vietnamese():
    unit = parindex.score(EXCERPT, PARTIAL).units[0]
    missing = [w for w in unit.warnings if w.code == "missing_leaf"]
    assert len(missing) == 6  # every leaf but 1.3
    assert missing[0].message == (
        "tiêu chí 1.1.1 “Ban hành kế hoạch CCHC năm” chưa chấm (tính 0 điểm)"
    )
    english = parindex.score(EXCERPT, PARTIAL, lang="en").units[0].warnings[0]
    assert english.message == (
        "no score was entered for criterion 1.1.1 'Ban hành kế hoạch CCHC năm'; counted as 0"
    )


def test_a_float_column_warning_follows_the_language():
    df = pd.DataFrame({"unit": ["A"], "1.3": [0.1 + 0.2]})
    vi = parindex.score(EXCERPT, df).warnings[0]
    en = parindex.score(EXCERPT, df, lang="en").warnings[0]
    assert vi.code == en.code == "float_converted"
    assert vi.message.startswith("các cột 1.3") and en.message != vi.message


def without_texts(doc: Any) -> Any:
    """A results document with its texts (warnings' messages, rule notes) taken out."""
    if isinstance(doc, dict):
        return {k: without_texts(v) for k, v in doc.items() if k not in ("message", "rule")}
    if isinstance(doc, list):
        return [without_texts(v) for v in doc]
    return doc


@pytest.mark.parametrize("methodology,units", [(M, UNITS), (EXCERPT, PARTIAL)],
                         ids=["rules-every-type", "partial-unit"])
def test_vietnamese_and_english_results_differ_only_in_texts(methodology, units):
    vi = parindex.score(methodology, units, lang="vi")
    en = parindex.score(methodology, units, lang="en")
    assert vi.to_json() != en.to_json()
    assert without_texts(json.loads(vi.to_json())) == without_texts(json.loads(en.to_json()))
    assert vi.rank_table() == en.rank_table()


RESULTS = parindex.score(EXCERPT, PARTIAL)

# Every public call that can raise a ParError, each given an input it refuses (`broken` is a
# file holding "{").
CALLS: dict[str, Callable[..., Any]] = {
    "score": lambda broken, **kw: parindex.score(EXCERPT, ABOVE_MAX, **kw),
    "score(file)": lambda broken, **kw: parindex.score(EXCERPT, broken, **kw),
    "score(id)": lambda broken, **kw: parindex.score("no-such-methodology", PARTIAL, **kw),
    "Methodology.builtin": lambda broken, **kw: parindex.Methodology.builtin("nope", **kw),
    "Methodology.from_json": lambda broken, **kw: parindex.Methodology.from_json("{}", **kw),
    "Methodology.from_dict": lambda broken, **kw: parindex.Methodology.from_dict({}, **kw),
    "Methodology.from_file": lambda broken, **kw: parindex.Methodology.from_file(broken, **kw),
    "Results.from_json": lambda broken, **kw: parindex.Results.from_json("[]", **kw),
    "Results.from_file": lambda broken, **kw: parindex.Results.from_file(broken, **kw),
    "Results.explain": lambda broken, **kw: RESULTS.explain("Sở Không Có", **kw),
    "Results.lost_points": lambda broken, **kw: RESULTS.lost_points("Sở Không Có", **kw),
    "compare": lambda broken, **kw: parindex.compare(broken, RESULTS, **kw),
}


@pytest.mark.parametrize("name", CALLS)
def test_every_call_that_raises_takes_lang(tmp_path, monkeypatch, name):
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    call = functools.partial(CALLS[name], broken)
    vi, en = raised(call), raised(lambda: call(lang="en"))
    assert (vi.code, vi.path, vi.value) == (en.code, en.path, en.value)
    assert vi.message != en.message
    assert str(vi).endswith(f"(mã lỗi: {vi.code})") and str(en).endswith(f"(code: {en.code})")
    monkeypatch.setenv("PAR_LANG", "en")
    assert raised(call).message == en.message
    assert raised(lambda: call(lang="vi")).message == vi.message
    assert raised(lambda: call(lang="fr")).code == "unknown_option"


def test_comparing_results_objects_refuses_an_unknown_language_too():
    assert parindex.compare(RESULTS, RESULTS, lang="en").units[0].change == 0
    refused = raised(lambda: parindex.compare(RESULTS, RESULTS, lang="xx"))
    assert refused.code == "unknown_option"


def test_indexing_results_follows_par_lang(monkeypatch):
    with pytest.raises(parindex.UnknownUnitError) as vi:
        RESULTS["Sở Không Có"]
    monkeypatch.setenv("PAR_LANG", "en")
    with pytest.raises(parindex.UnknownUnitError) as en:
        RESULTS["Sở Không Có"]
    assert vi.value.message != en.value.message
    assert str(en.value).endswith("(code: unknown_unit)")


def test_problems_in_python_dicts_read_as_the_json_readers(tmp_path):
    # The extension reads dicts itself; its problems use the same catalogue texts as the
    # engine's JSON reader, so the same mistakes read the same in both languages.
    units = [
        {"unit": "Sở A", "year": 2023, "entries": {
            "1.3": {"self": "1", "note": "x"},
            "1.2.2": {"evidence": "TLKC"},
            "1.2.1": {"appraisals": [{"round": 1}]},
            "1.1.1": {"appraisals": ["x"]},
            "1.1.2": {"self": ["x"]},
            "1.1.3": "x",
        }},
        {"unit": "Sở B", "block": 7, "entries": []},
        {"entries": {}},
        "Sở C",
    ]
    path = tmp_path / "units.json"
    path.write_text(json.dumps({"schema": "par.assessments/1", "units": units}), "utf-8")
    for lang in ("vi", "en"):
        from_dicts = raised(lambda: parindex.score(EXCERPT, units, lang=lang)).problems
        from_json = raised(lambda: parindex.score(EXCERPT, path, lang=lang)).problems
        assert len(from_dicts) == 11
        assert sorted((p.code, p.message) for p in from_dicts) == sorted(
            (p.code, p.message) for p in from_json)
