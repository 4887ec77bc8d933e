"""The Python API around the engine: input types, decimals, errors, tables, pandas, stubs."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import parindex

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "fixtures" / "cases" / "rules-every-type"
M = parindex.Methodology.from_file(CASE / "methodology.json")
UNITS = json.loads((CASE / "input.json").read_text("utf-8"))["units"]
EXCERPT = parindex.Methodology.builtin("camau-1880-2013-field1-excerpt")


def points_unit(value) -> list[dict]:
    return [{"unit": "A", "entries": {"1.3": {"self": value}}}]


def test_many_units_score_as_the_json_reader_scores_them(tmp_path):
    # Dicts are scored in batches on a second thread while the rest are read: many batches,
    # a duplicate in a later batch than its first, and a float at the very end must all give
    # what one pass gives.
    units = [{"unit": f"Xã {i:03d}", "entries": {"1.3": {"self": f"{i % 3}.5"}}} for i in range(300)]
    path = tmp_path / "units.json"
    path.write_text(json.dumps({"schema": "par.assessments/1", "units": units}), "utf-8")
    assert parindex.score(EXCERPT, units).to_json() == parindex.score(EXCERPT, path).to_json()
    with pytest.raises(parindex.DuplicateUnitError) as info:
        parindex.score(EXCERPT, units + [{"unit": "Xã 007"}])
    assert [(p.code, p.unit) for p in info.value.problems] == [("duplicate_unit", "Xã 007")]
    with pytest.raises(TypeError, match="float"):
        parindex.score(EXCERPT, units + points_unit(2.5))
    # A problem found while reading (an unknown field, early) and one found while scoring a
    # later batch (a bad decimal) are reported together, each with its unit, node and value.
    broken = [dict(u) for u in units]
    broken[3] = {**units[3], "colour": "red"}
    broken[250] = {"unit": "Xã 250", "entries": {"1.3": {"self": "hai"}}}
    with pytest.raises(parindex.ParError) as info:
        parindex.score(EXCERPT, broken)
    assert [(p.code, p.unit, p.node, p.value) for p in info.value.problems] == [
        ("unknown_field", "Xã 003", None, None),
        ("bad_decimal", "Xã 250", "1.3", "hai"),
    ]


def test_results_keep_only_the_scores_when_asked_from_every_input(tmp_path):
    # From dicts (each unit's inputs let go as it is scored), a JSON file, a CSV file and a
    # DataFrame: the same figures as the full results, no input behind them.
    csv = tmp_path / "units.csv"
    csv.write_text(
        "unit,code,self,appraised,evidence,reason\n"
        "Sở Tư pháp,1.3,2.5,2,KH 12,Thiếu tài liệu\n"
        "Sở Y tế,1.3,3,,KH 7,\n",
        "utf-8",
    )
    table = pd.read_csv(csv, dtype=str, keep_default_na=False)
    for given in (UNITS, CASE / "input.json", csv, table):
        m = EXCERPT if given is csv or given is table else M
        full = parindex.score(m, given)
        scores = parindex.score(m, given, detail="scores")
        document = json.loads(scores.to_json())
        assert document["detail"] == "scores"
        nodes = [n for u in document["units"] for n in u["nodes"].values()]
        assert not any(k in n for n in nodes for k in ("self", "appraisals", "evidence"))
        assert [(u.unit, u.index, u.rank) for u in scores.units] == [
            (u.unit, u.index, u.rank) for u in full.units
        ]
    with pytest.raises(parindex.ParError) as info:
        parindex.score(M, UNITS, detail="điểm", lang="en")
    problem = info.value.problems[0]
    assert (problem.code, problem.path, problem.value) == ("unknown_option", "detail", "điểm")
    assert problem.message.startswith("no results detail 'điểm'")


def test_results_are_decimals_at_the_methodologys_scale():
    r = parindex.score(EXCERPT, points_unit("2.5"))
    u = r.units[0]
    assert u.points == Decimal("2.50") and str(u.points) == "2.50"
    assert str(u.index) == "25.00" and isinstance(u.index_exact, Decimal)
    assert str(u.nodes["1.3"].points) == "2.50"
    assert r.rank_table()[0]["index"] == Decimal("25.00")


@pytest.mark.parametrize("value", ["2.5", Decimal("2.50"), 2, "2"])
def test_str_int_and_decimal_inputs_are_accepted(value):
    expected = parindex.score(EXCERPT, points_unit(str(value))).units[0].points
    assert parindex.score(EXCERPT, points_unit(value)).units[0].points == expected


def test_a_float_is_refused_with_a_type_error_naming_the_fix():
    with pytest.raises(TypeError, match=r"chuỗi hoặc decimal\.Decimal \(ví dụ '2\.5'"):
        parindex.score(EXCERPT, points_unit(2.5))
    with pytest.raises(TypeError, match=r"string or a decimal\.Decimal"):
        parindex.score(EXCERPT, points_unit(2.5), lang="en")
    with pytest.raises(TypeError, match="float"):
        parindex.Methodology.from_dict({**M.to_dict(), "bands": [{"label": "A", "min": 90.0}]})


def test_a_dataframe_column_of_floats_is_read_as_typed_a_formulas_digits_with_a_warning():
    df = pd.DataFrame({"unit": ["A", "B"], "1.3": [2.5, 0.1], "1.2": [1.0, float("nan")]})
    r = parindex.score(EXCERPT, df)
    text = pd.DataFrame({"unit": ["A", "B"], "1.3": ["2.5", "0.1"], "1.2": ["1", ""]})
    exact = parindex.score(EXCERPT, text)
    assert [(u.unit, u.points) for u in r.units] == [(u.unit, u.points) for u in exact.units]
    assert r.warnings == exact.warnings == []
    # 0.1 + 0.2, as a formula gives it: more digits than Excel shows, read as stored.
    computed = parindex.score(EXCERPT, pd.DataFrame({"unit": ["A"], "1.3": [0.1 + 0.2]}))
    assert [w.code for w in computed.warnings] == ["float_converted"]
    assert "1.3" in computed.warnings[0].message
    assert computed.units[0].nodes["1.3"].points_exact == Decimal("0.30000000000000004")
    # A column of numbers beside text, as pd.read_excel gives a sheet's column where some
    # scores were typed as text (`2,5`) and others as numbers: read as the column of text.
    mixed = pd.DataFrame({"unit": ["A", "B"], "1.3": pd.Series(["2,5", 0.5], dtype=object)})
    typed = pd.DataFrame({"unit": ["A", "B"], "1.3": ["2,5", "0.5"]})
    assert parindex.score(EXCERPT, mixed).to_json() == parindex.score(EXCERPT, typed).to_json()


@pytest.mark.parametrize("dtype", ["float32", "Float32", "float16"])
def test_a_narrow_float_column_is_read_as_the_shortest_text_of_its_own_width(dtype):
    # `df.astype("float32")` to save memory, or a Parquet `float` column: widened to float64
    # first, the 2.675 a float32 holds was read as 2.674999952316284. Each value is read as
    # numpy writes it (`str(np.float32(x))`), every float16 from 0 to the max of 3 included.
    import numpy as np

    if dtype == "float16":
        every = np.arange(0, 0x4201, dtype=np.uint16).view(np.float16)
        values = every[every <= 3]
    else:
        values = np.append(np.random.default_rng(7).uniform(0, 3, 2000), [2.675, 0.1, 2.67])
    units = [f"Sở {i}" for i in range(len(values))]
    df = pd.DataFrame({"unit": units, "1.3": values}).astype({"1.3": dtype})
    r = parindex.score(EXCERPT, df)
    typed = [str(np.dtype(dtype.lower()).type(v)) for v in df["1.3"]]
    assert [r[u].nodes["1.3"].points_exact for u in units] == [Decimal(t) for t in typed]
    assert r.warnings == []
    # A missing value is a score not entered, as in a float64 column.
    with_nan = pd.DataFrame({"unit": ["A", "B"], "1.1.4": [2, 1], "1.3": [2.5, float("nan")]})
    as_text = with_nan.astype({"1.3": str}).replace({"1.3": {"nan": ""}})
    assert (
        parindex.score(EXCERPT, with_nan.astype({"1.3": dtype})).to_json()
        == parindex.score(EXCERPT, as_text).to_json()
    )
    # The same values among text in an object column, as numpy scalars.
    mixed = pd.DataFrame({"unit": ["A", "B"], "1.3": pd.Series(["2,5", values[-3]], dtype=object)})
    mixed["1.3"] = mixed["1.3"].astype(object)
    mixed.loc[1, "1.3"] = np.dtype(dtype.lower()).type(values[-3])
    assert parindex.score(EXCERPT, mixed)["B"].nodes["1.3"].points_exact == Decimal(
        str(np.dtype(dtype.lower()).type(values[-3]))
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_decimal_too_long_to_write_is_refused_by_its_length_before_it_is_written(lang):
    # `Decimal("1E+100000000")` was written out to 100 MB of digits before the engine refused
    # the text, and `Decimal("1E+1000000000000")` raised MemoryError. Its length is reckoned
    # from its digits and exponent, and it is refused as the engine refuses a text that long.
    def refusal(given):
        with pytest.raises(parindex.LimitExceededError) as info:
            parindex.score(EXCERPT, given, lang=lang)
        return info.value.problems[0]

    huge = {"1E+1000000000000": 10**12 + 1, "-1E-100000000": 10**8 + 3, "-12.5E+99999": 100_002}
    for text, length in huge.items():
        frame = pd.DataFrame({"unit": ["A"], "1.3": [Decimal(text)]})
        for given, path in ((points_unit(Decimal(text)), "assessments[0].entries.1.3.self"),
                            (frame, "1.3")):
            p = refusal(given)
            assert (p.code, p.limit, p.path) == ("limit_exceeded", "text_bytes", path)
            shown = f"{length:,}".replace(",", "." if lang == "vi" else ",")
            assert shown in p.message
    # At the limit, each side of it: the message the engine gives the text the Decimal stands for.
    for exponent in (16383, 16384):
        as_text = format(Decimal(f"1E+{exponent}"), "f")
        try:
            parindex.score(EXCERPT, points_unit(as_text), lang=lang)
        except parindex.ParError as e:
            expected = (e.code, e.limit, e.message)
        with pytest.raises(parindex.ParError) as info:
            parindex.score(EXCERPT, points_unit(Decimal(f"1E+{exponent}")), lang=lang)
        assert (info.value.code, info.value.limit, info.value.message) == expected
    assert parindex.score(EXCERPT, points_unit(Decimal("0E+100000000"))).units[0].points == 0


def test_numpy_integers_and_bools_are_taken_as_pythons_and_numpy_floats_as_floats():
    # What `df.at[...]` and `iterrows` give for a cell were refused: "int64 cannot be written as
    # JSON", "bool cannot be written as JSON", "a table cell must be a str, int, bool or Decimal".
    import numpy as np

    def with_numpy(value):
        # numpy's own scalar for a Python int or bool; other values as they are.
        if isinstance(value, bool):
            return np.bool_(value)
        return np.int64(value) if isinstance(value, int) else value

    python = [{"unit": "Sở Tư pháp", "entries": {
        "1.2.1": {"self": True}, "2.1": {"self": 3},
        "1.2.2": {"self": "87.5", "appraisals": [{"round": 1, "value": 80, "reason": "Thiếu"}]},
    }}]
    numpy = json.loads(json.dumps(python))
    entries = numpy[0]["entries"]
    entries["1.2.1"]["self"], entries["2.1"]["self"] = np.bool_(True), np.int32(3)
    entries["1.2.2"]["appraisals"][0].update(round=np.int64(1), value=np.uint8(80))
    expected = parindex.score(M, python).to_json()
    assert parindex.score(M, numpy).to_json() == expected
    assert parindex.score(M, {"schema": "par.assessments/1", "units": numpy}).to_json() == expected
    # Refused as Python's are, in the engine's words: True where a number is wanted.
    wrong = [{"unit": "A", "entries": {"1.3": {"self": np.bool_(True)}}}]
    with pytest.raises(parindex.ParError) as numpy_error:
        parindex.score(EXCERPT, wrong)
    with pytest.raises(parindex.ParError) as python_error:
        parindex.score(EXCERPT, points_unit(True))
    assert numpy_error.value.to_json() == python_error.value.to_json()
    # In a DataFrame's object column, beside text.
    rows = {"unit": ["Sở Tư pháp"] * 3, "code": ["1.2.1", "2.1", "1.1.2"], "self": [True, 3, "95"]}
    objects = pd.DataFrame({**rows, "self": pd.Series([with_numpy(v) for v in rows["self"]], dtype=object)})
    assert parindex.score(M, objects).to_json() == parindex.score(M, pd.DataFrame(rows)).to_json()
    # A numpy float is a float: refused in dicts as Python's, read as typed in a DataFrame.
    for value in (np.float32(2.5), np.float16(2.5), np.float64(2.5)):
        with pytest.raises(TypeError, match=r"got the float 2\.5; .* Decimal\('2\.5'\)"):
            parindex.score(EXCERPT, points_unit(value), lang="en")


POINTS = parindex.Methodology.from_dict({
    "schema": "par.methodology/1", "id": "points", "name": "Điểm",
    "nodes": [
        {"code": "1", "name": "Chỉ đạo, điều hành", "max": "5", "children": [
            {"code": "1.1", "name": "Kế hoạch", "max": "2"},
            {"code": "1.2", "name": "Báo cáo", "max": "3"}]},
        {"code": "2", "name": "Thủ tục hành chính", "max": "3"}]})


def long_frame(selfs, appraised=None, units=("A", "B")) -> pd.DataFrame:
    """A long table of the leaves of POINTS for each unit, its rows together."""
    leaves = ["1.1", "1.2", "2"]
    rows = [(u, code) for u in units for code in leaves]
    df = pd.DataFrame({"unit": [u for u, _ in rows], "code": [c for _, c in rows]})
    df["self"] = list(selfs) * len(units)
    if appraised is not None:
        df["appraised"] = list(appraised) * len(units)
        # A reason beside each score given (NaN, or text left empty, is none).
        given = [a == a and a != "" for a in df["appraised"]]
        df["reason"] = ["Thiếu tài liệu kiểm chứng" if g else None for g in given]
    return df


def test_a_long_dataframe_scores_as_its_text_does_a_formulas_digits_with_a_warning():
    # A long table is scored as its rows are read from the columns, without a table of cells;
    # what it gives is what the same cells typed as text give, read whole or not.
    floats = long_frame([1.5, 2.5, 3.0], [0.1 + 0.2, None, 2.75])
    assert floats["self"].dtype == "float64" and floats["appraised"].dtype == "float64"
    text = long_frame(["1.5", "2.5", "3"], ["0.30000000000000004", "", "2.75"])
    r, exact = parindex.score(POINTS, floats), parindex.score(POINTS, text)
    assert [w.code for w in r.warnings] == ["float_converted"]
    assert "appraised" in r.warnings[0].message and "self" not in r.warnings[0].message
    assert exact.warnings == []
    assert r.units[0].points == Decimal("5.55")
    assert [(u.unit, u.points) for u in r.units] == [(u.unit, u.points) for u in exact.units]
    # Units whose rows are apart are read whole, and scored the same.
    apart = pd.concat([text.iloc[::2], text.iloc[1::2]])
    assert parindex.score(POINTS, apart).to_json() == exact.to_json()
    # A float in a column of text (as pd.read_excel gives a column where some scores were typed
    # as text) is read as its text is, whichever way the table is read.
    for table in (text.copy(), apart.copy()):
        typed = table.copy()
        table["self"], typed["self"] = ["1"] * 5 + [2.5], ["1"] * 5 + ["2.5"]
        assert parindex.score(POINTS, table).to_json() == parindex.score(POINTS, typed).to_json()


def test_a_dataframe_of_many_units_is_scored_in_batches_as_its_csv_file_is(tmp_path):
    # The rows are read in batches of whole units (4,096 rows or more), each scored on a free
    # core and merged in order: what the DataFrame gives is what its CSV file gives, with a
    # problem in a later batch than the first, and with a unit's rows in two batches (the
    # table is then read whole, which puts them together).
    m = parindex.Methodology.from_file(ROOT / "fixtures" / "bench" / "national-commune-100.json")
    leaves = [t.code for t in m.tree() if t.leaf]
    frame = pd.DataFrame([
        {"unit": f"Xã {u:03d}", "code": code, "self": f"0.{(u + k) % 10}", "appraised": ""}
        for u in range(60) for k, code in enumerate(leaves)
    ])

    def as_file(table: pd.DataFrame) -> Path:
        path = tmp_path / "table.csv"
        table.to_csv(path, index=False)
        return path

    scored = parindex.score(m, frame)
    assert len(scored.units) == 60
    assert scored.to_json() == parindex.score(m, as_file(frame)).to_json()
    bad = frame.copy()
    bad.loc[5500, "self"] = "hai"
    said = []
    for given in (bad, as_file(bad)):
        with pytest.raises(parindex.ParError) as info:
            parindex.score(m, given)
        said.append([(p.code, p.unit, p.node, p.row, p.message) for p in info.value.problems])
    assert said[0] == said[1] == [
        ("bad_decimal", "Xã 055", "1.1.1", 5502, said[0][0][4]),
    ]
    apart = pd.concat([frame.iloc[1:], frame.iloc[:1]], ignore_index=True)
    assert parindex.score(m, apart).to_json() == parindex.score(m, as_file(apart)).to_json()


def test_percentages_pandas_gives_as_fractions_are_said_on_each_unit_with_the_points_each_gives():
    # `pd.read_excel` gives a cell formatted `97%` as the 0.97 it stores: a criterion measured in
    # percent reads it as 0.97 %, which the unit's warning says; the sheet's own text is read as
    # shown.
    case = ROOT / "fixtures" / "cases" / "csv-measured-as-fractions"
    m = parindex.Methodology.from_file(case / "methodology.json")
    units = ["Sở A", "Sở B"]
    stored = pd.DataFrame({"unit": units, "code": ["1.1.2"] * 2, "self": [0.97, 0.65]})
    shown = pd.DataFrame({"unit": units, "code": ["1.1.2"] * 2, "self": ["97%", "65%"]})
    as_stored, as_shown = parindex.score(m, stored), parindex.score(m, shown)
    said = [(w.code, w.node) for w in as_stored["Sở A"].warnings if w.code != "missing_leaf"]
    assert said == [("measured_as_fraction", "1.1.2")]
    assert any("0,97 được tính là 0,97% (0 điểm)" in w.message
               and "hãy nhập 97 hoặc 97% (được 2 điểm)" in w.message
               for w in as_stored["Sở A"].warnings)
    # 0.65 as 65 scores 0 all the same (below 70): nothing to say.
    assert all(w.code != "measured_as_fraction" for w in as_stored["Sở B"].warnings)
    assert all(w.code != "measured_as_fraction" for u in as_shown.units for w in u.warnings)
    assert [u.points for u in as_stored.units] == [Decimal("0.00")] * 2
    assert as_shown["Sở A"].points == Decimal("2.00")


def test_a_dataframe_with_cells_of_the_wrong_type_names_the_same_cell_however_it_is_read():
    # The first bad cell column by column, as the table is read when rows cannot stream: never
    # one found earlier row by row, whichever thread stopped first.
    df = long_frame(["1.5", "2.5", "3"])
    df["explanation"] = [None, [1], None, None, None, None]
    df["self"] = ["1.5", "2.5", {3.5}, "1.5", "2.5", "3"]
    for table in (df, pd.concat([df.iloc[::2], df.iloc[1::2]])):
        with pytest.raises(TypeError, match=r"column 'self', row \d: .*not set"):
            parindex.score(POINTS, table, lang="en")
        with pytest.raises(TypeError, match=r"cột “self”, dòng \d: .*không phải set"):
            parindex.score(POINTS, table)


def test_two_spellings_of_one_criterion_in_a_dict_are_one_criterion_given_twice():
    """A dict's keys are not one text put in NFC: `1.é` typed as one character and as a letter
    and its accent are two keys naming one criterion, refused as a code given twice in JSON is."""
    m = parindex.Methodology.from_json(json.dumps({
        "schema": "par.methodology/1", "id": "t", "name": "t",
        "nodes": [{"code": "1", "name": "Lĩnh vực", "max": "10", "children": [
            {"code": "1.\u00e9", "name": "Tiêu chí", "max": "5"},
            {"code": "1.b", "name": "Tiêu chí", "max": "5"}]}],
    }))
    unit = {"unit": "A", "entries": {"1.\u00e9": {"self": "2"}, "1.e\u0301": {"self": "3"}}}
    with pytest.raises(parindex.ConflictingInputError, match="given more than once"):
        parindex.score(m, [unit], lang="en")


def test_half_a_character_is_a_value_error_naming_where_it_is():
    """``json.loads('"\\ud800"')`` makes a str no file can hold; it was Python's
    UnicodeEncodeError, naming nothing."""
    half = json.loads('"S\\ud800"')
    with pytest.raises(ValueError, match=r"assessments\[0\]\.unit: the text holds half a character"):
        parindex.score(EXCERPT, [{"unit": half, "entries": {"1.3": {"self": "2"}}}], lang="en")
    with pytest.raises(ValueError, match=r"entries\.1\.3\.explanation: .*half a character"):
        parindex.score(EXCERPT, [{"unit": "A", "entries": {"1.3": {"self": "2", "explanation": half}}}], lang="en")
    with pytest.raises(ValueError, match=r"assessments\[0\]\.entries: .*half a character"):
        parindex.score(EXCERPT, [{"unit": "A", "entries": {half: {"self": "2"}}}], lang="en")
    frame = pd.DataFrame({"unit": ["A"], "code": ["1.3"], "self": ["2"], "explanation": [half]})
    with pytest.raises(ValueError, match=r"column 'explanation', row 2: .*half a character"):
        parindex.score(EXCERPT, frame, lang="en")


def test_a_file_name_holding_half_a_character_is_a_value_error_not_a_panic():
    """A path no file system can encode made PyO3's own conversion panic (PanicException,
    which no ``except Exception`` catches). It is refused in the call's language."""
    half = json.loads('"diem\\ud800"')
    results = parindex.score(EXCERPT, [{"unit": "A", "entries": {"1.3": {"self": "2"}}}])
    for read in (
        lambda: parindex.score(EXCERPT, half + ".csv", lang="en"),
        lambda: parindex.score(EXCERPT, half + ".xlsx", lang="en"),
        lambda: parindex.score(EXCERPT, Path(half + ".json"), lang="en"),
        lambda: parindex.Methodology.from_file(half + ".json", lang="en"),
        lambda: parindex.Results.from_file(half + ".json", lang="en"),
        lambda: results.to_excel(half + ".xlsx", lang="en"),
        lambda: results.to_excel_csv(half + ".csv", lang="en"),
    ):
        with pytest.raises(ValueError, match=r"^path: the text holds half a character"):
            read()


def test_a_text_argument_holding_half_a_character_is_refused_naming_it():
    """A lone surrogate in any plain text argument was PyO3's UnicodeEncodeError (a
    ValueError too, but naming nothing, in neither language), raised before the package's code
    ran; it is refused as one in the assessments is, naming the argument, or the line of a
    document given as text."""
    half = json.loads('"\\ud800"')
    results = parindex.score(EXCERPT, [{"unit": "Sở A", "entries": {"1.1.4": {"self": "1"}}}])
    saved = results.to_json()
    form = EXCERPT.open_form({"unit": "A", "entries": {}})
    csv = b"code,name,max\n1,a,1\n"
    for at, call in [
        ("line 2", lambda: parindex.Methodology.from_json('{"id":\n"' + half + '"}', lang="en")),
        ("id", lambda: parindex.Methodology.builtin(half, lang="en")),
        ("lang", lambda: parindex.score(EXCERPT, [], lang=half)),
        ("detail", lambda: parindex.score(EXCERPT, [], detail=half, lang="en")),
        (f"line {saved[:saved.index('Sở A')].count(chr(10)) + 1}",
         lambda: parindex.Results.from_json(saved.replace("Sở A", half), lang="en")),
        ("unit", lambda: results.explain(half, lang="en")),
        ("unit", lambda: results.lost_points(half, lang="en")),
        ("unit", lambda: results.what_if(EXCERPT, half, {"1.1.4": "1"}, lang="en")),
        ("set", lambda: results.what_if(EXCERPT, "Sở A", {half: "1"}, lang="en")),
        ("target", lambda: results.what_if(EXCERPT, "Sở A", target=half, lang="en")),
        ("kind", lambda: results.chart(half, lang="en")),
        ("table", lambda: results.to_excel_csv(table=half, lang="en")),
        ("line 1", lambda: parindex.compare(results, '{"x": "' + half + '"}', lang="en")),
        ("document", lambda: parindex.schema(half, lang="en")),
        ("id", lambda: parindex.import_table(csv, id=half, lang="en")),
        ("name", lambda: parindex.import_table(csv, name=half, lang="en")),
        ("sheet", lambda: parindex.score(EXCERPT, b"unit,1.1.4\nA,1\n", sheet=half, lang="en")),
        ("code", lambda: form.set(half, {"self": "1"}, lang="en")),
        ("header[1]", lambda: parindex.score(EXCERPT, pd.DataFrame({"unit": ["A"], "1.1.4" + half: ["1"]}), lang="en")),
        ("header[0]", lambda: parindex.score(EXCERPT, pd.DataFrame({"1.1.4": ["1"]}, index=pd.Index(["A"], name=half)), lang="en")),
    ]:
        with pytest.raises(ValueError) as raised:
            call()
        assert not isinstance(raised.value, UnicodeEncodeError), at
        # `lang` itself is refused in the environment's language, else Vietnamese.
        half_said = "chuỗi chứa nửa ký tự" if at == "lang" else "the text holds half a character"
        assert str(raised.value).startswith(f"{at}: {half_said}"), str(raised.value)
    with pytest.raises(ValueError, match="^unit: .*nửa ký tự"):
        results[half]
    with pytest.raises(ValueError, match="^level: .*nửa ký tự"):
        results.to_pandas(half)


def test_an_int_past_pythons_digit_limit_is_refused_as_the_engine_refuses_its_text():
    """``str`` of an int over 4,300 digits is Python's own ValueError: the int is written by
    its size, as a Decimal is, and one too long for any text the engine reads is refused so."""
    def scored(value):
        return parindex.score(EXCERPT, [{"unit": "A", "entries": {"1.1.4": {"self": value}}}], lang="en")

    with pytest.raises(parindex.LimitExceededError) as raised:
        scored(10**20000)
    assert raised.value.limit == "text_bytes"
    with pytest.raises(parindex.LimitExceededError):
        scored(-(10**20000))
    with pytest.raises(parindex.LimitExceededError):
        EXCERPT.open_form({"unit": "A", "entries": {}}).set("1.1.4", {"self": 10**20000})
    with pytest.raises(parindex.LimitExceededError):
        parindex.score(EXCERPT, b"unit,1.1.4\nA,1\n", sheet=10**20000, lang="en")
    # Under the engine's limit, its digits are read as a Decimal's are: too many for a decimal.
    with pytest.raises(parindex.ParError) as five_thousand:
        scored(10**5000)
    with pytest.raises(parindex.ParError) as as_decimal:
        scored(Decimal(10**5000))
    assert five_thousand.value.to_json() == as_decimal.value.to_json()


def test_assessments_of_no_shape_are_refused_in_the_calls_language():
    for given in (None, 5):
        with pytest.raises(TypeError, match="^assessments must be a list of unit dicts"):
            parindex.score(EXCERPT, given, lang="en")


def test_errors_have_one_class_per_engine_code():
    names = {re.sub(r"(^|_)(\w)", lambda m: m.group(2).upper(), c) + "Error": c
             for c in parindex.ERROR_CODES}
    for name, code in names.items():
        cls = getattr(parindex, name)
        assert issubclass(cls, parindex.ParError) and cls.code == code
    stubs = (Path(parindex.__file__).parent / "_native.pyi").read_text()
    assert "ERROR_CODES" in stubs
    assert set(names) <= set(parindex.__all__)


def test_an_error_carries_every_problem_and_the_engines_json():
    units = [{"unit": "A", "entries": {"1.3": {"self": "4"}, "9": {"self": "1"}}},
             {"unit": "A"}]
    with pytest.raises(parindex.UnknownNodeError) as info:
        parindex.score(EXCERPT, units)
    e = info.value
    assert (e.code, e.unit, e.node) == ("unknown_node", "A", "9")
    assert [type(p).__name__ for p in e.problems] == [
        "UnknownNodeError", "OutOfRangeError", "DuplicateUnitError"]
    p = e.problems[1]
    assert (p.code, p.unit, p.node, p.path, p.value, p.row) == (
        "out_of_range", "A", "1.3", "self", "4", None)
    doc = json.loads(e.to_json())
    assert [x["code"] for x in doc["problems"]] == [x.code for x in e.problems]
    assert json.loads(p.to_json())["problems"][0]["message"] == p.message
    assert str(e).splitlines() == [str(x) for x in e.problems]
    assert str(p) == f"đơn vị A: {p.message} (mã lỗi: out_of_range)"


def test_table_errors_carry_their_row():
    df = pd.DataFrame({"unit": ["A", "B"], "1.3": ["1", "x"]})
    with pytest.raises(parindex.BadDecimalError) as info:
        parindex.score(EXCERPT, df)
    assert (info.value.row, info.value.unit, info.value.node) == (3, "B", "1.3")


def test_explain_lost_points_statistics_and_unknown_unit():
    r = parindex.score(M, UNITS)
    u = r.explain("Sở Tư pháp")
    assert u.nodes["1.1.1"].rule == "lựa chọn “Ban hành kịp thời”"
    english = parindex.score(M, UNITS, lang="en").explain("Sở Tư pháp")
    assert english.nodes["1.1.1"].rule == "choice 'Ban hành kịp thời'"
    assert u.nodes["1.1.1"].evidence == ["KH số 12/KH-UBND"]
    assert r["Sở Tư pháp"].unit == "Sở Tư pháp" and len(r) == len(UNITS)
    lost = r.lost_points("Sở Nội vụ")
    assert [x.lost for x in lost] == sorted((x.lost for x in lost), reverse=True)
    stats = r.statistics()
    assert sum(s.count for s in stats) == len(UNITS)
    with pytest.raises(parindex.UnknownUnitError):
        r.explain("nobody")
    # A name typed without its marks (on a phone) finds the one unit so named; a name no unit
    # has lists those it may mean.
    assert r.explain("so tu phap").unit == "Sở Tư pháp"
    with pytest.raises(parindex.UnknownUnitError) as unknown:
        r.explain("tu ph")
    assert "“Sở Tư pháp”" in unknown.value.message
    # `in` asks by name, as `r[unit]` does (it compared the name with each UnitResult: False).
    assert "Sở Tư pháp" in r and "  Sở  Tư pháp " in r
    assert "nobody" not in r and 5 not in r
    assert all(u in r for u in r) and r.units[0] not in parindex.score(M, UNITS)
    # A block as Python writes it (`'huyen'`), not as Rust does (`Some("huyen")`).
    blocks = ROOT / "fixtures" / "cases" / "blocks-ranked-separately"
    m = parindex.Methodology.from_file(blocks / "methodology.json")
    stats = parindex.score(m, blocks / "input.json").statistics()
    assert [repr(s).split(",")[0] for s in stats][:1] == ["BlockStatistics(block='so'"]


@pytest.mark.parametrize("level,rows", [("unit", 1), ("node", None), ("component", None)])
def test_to_pandas(level, rows):
    r = parindex.score(M, UNITS)
    df = r.to_pandas(level=level)
    assert len(df) >= len(UNITS) and "unit" in df.columns
    assert all(isinstance(v, Decimal) for v in df["points"])
    with pytest.raises(ValueError):
        r.to_pandas(level="leaf")


def test_a_node_table_holds_each_nodes_figures_at_their_scale_and_as_floats():
    """The table shares each repeated value's object (a code, a name, a figure such as 1.00):
    the figures stay each node's own, `1.0` and `1.00` apart, and as floats their `float()`."""
    r = parindex.score(M, UNITS)
    df, floats = r.to_pandas("node"), r.to_pandas("node", decimals="float")
    assert len(df) == len(floats) > len(UNITS)
    for row, as_float in zip(df.itertuples(), floats.itertuples()):
        node = r[row.unit].nodes[row.code]
        assert (row.code, row.name, row.source) == (node.code, node.name, node.source)
        assert [str(row.points), str(row.max), str(row.lost)] == [str(node.points), str(node.max), str(node.lost)]
        assert (as_float.points, as_float.max) == (float(node.points), float(node.max))


def test_an_argument_given_no_value_of_its_choices_is_told_in_the_catalogues_words(monkeypatch):
    monkeypatch.delenv("PAR_LANG", raising=False)
    r = parindex.score(M, UNITS)
    with pytest.raises(parindex.UnknownOptionError) as e:
        r.to_pandas(level="tiêu chí")
    assert isinstance(e.value, ValueError)
    assert (e.value.path, e.value.value) == ("level", "tiêu chí")
    assert "tham số level không nhận giá trị “tiêu chí”; dùng một trong: unit, node, component" in str(e.value)
    for call in (lambda: r.chart("cột"), lambda: r.to_excel_csv(table="x"), lambda: r.to_pandas(decimals="số")):
        with pytest.raises(parindex.UnknownOptionError, match="tham số"):
            call()
    with pytest.raises(parindex.UnknownOptionError, match="the kind argument takes no 'cột'"):
        r.chart("cột", lang="en")


def test_to_pandas_without_pandas_says_how_to_install_it(monkeypatch):
    r = parindex.score(M, UNITS)
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.delenv("PAR_LANG", raising=False)
    with pytest.raises(ImportError, match="cần thư viện pandas, chưa được cài đặt: pip install pandas"):
        r.to_pandas()
    monkeypatch.setenv("PAR_LANG", "en")
    with pytest.raises(ImportError, match="needs pandas, which is not installed: pip install pandas"):
        r.to_pandas()
    monkeypatch.setenv("PAR_LANG", "xx")  # a language the engine has not: still the ImportError
    with pytest.raises(ImportError, match="pip install pandas"):
        r.to_pandas()


def test_results_round_trip_and_compare_objects_or_files(tmp_path):
    before = parindex.score(EXCERPT, points_unit("1"))
    after = parindex.score(EXCERPT, points_unit("2"))
    again = parindex.Results.from_json(before.to_json())
    assert again.to_json() == before.to_json()
    (tmp_path / "a.json").write_text(before.to_json(), "utf-8")
    (tmp_path / "b.json").write_text(after.to_json(), "utf-8")
    by_objects = parindex.compare(before, after)
    by_files = parindex.compare(tmp_path / "a.json", tmp_path / "b.json")
    assert by_objects.to_json() == by_files.to_json()
    assert by_objects.units[0].change == Decimal("10.00")


def test_methodology_round_trips_through_a_dict():
    again = parindex.Methodology.from_dict(M.to_dict())
    assert again.to_json() == M.to_json() and again.id == M.id
    assert [t.code for t in again.tree()] == [t.code for t in M.tree()]


def test_dict_inputs_report_unknown_and_mistyped_fields():
    units = [{"unit": "A", "entries": {
        "1.3": {"self": "1", "note": "x"},
        "1.2.1": {"appraisals": [{"round": 1, "value": "Đạt yêu cầu", "points": "1"}]},
        "1.2.2": {"evidence": "TLKC"},
    }, "year": 2023}]
    with pytest.raises(parindex.ParError) as info:
        parindex.score(EXCERPT, units)
    got = {(p.code, p.node, p.path) for p in info.value.problems}
    assert {("unknown_field", "1.3", "note"), ("unknown_field", "1.2.1", "appraisals[0].points"),
            ("bad_type", "1.2.2", "evidence"), ("unknown_field", None, "year")} <= got


# Python values in an entry, and the JSON text the engine reads them as: ints and Decimals in a
# score's field are its text; None leaves a field out, except a list's, which JSON refuses too.
PYTHON_AND_JSON = [
    ({"self": 2}, {"self": "2"}),
    ({"self": Decimal("2.50"), "explanation": None}, {"self": "2.50"}),
    ({"self": True}, {"self": True}),
    ({"self": "2", "evidence": ("KH 1", "KH 2")}, {"self": "2", "evidence": ["KH 1", "KH 2"]}),
    ({"self": "2", "evidence": None}, {"self": "2", "evidence": None}),
    ({"self": "3", "appraisals": [{"round": 1, "value": 2, "reason": "x", "by": None}]},
     {"self": "3", "appraisals": [{"round": 1, "value": "2", "reason": "x"}]}),
    ({"appraisals": [{"round": True, "value": "2"}]}, {"appraisals": [{"round": True, "value": "2"}]}),
    ({"appraisals": [{"round": 1, "value": "2", "points": 2}]},
     {"appraisals": [{"round": 1, "value": "2", "points": "2"}]}),
    ({"value": 2, "survey": None}, {"value": "2"}),
    ({"value": [2]}, {"value": ["2"]}),
    ({"survey": {"percent": 80}}, {"survey": {"percent": "80"}}),
]


@pytest.mark.parametrize(("entry", "as_json"), PYTHON_AND_JSON)
def test_dict_values_are_read_as_the_json_they_stand_for(tmp_path, entry, as_json):
    def document(e):
        return {"schema": "par.assessments/1", "units": [{"unit": "A", "entries": {"1.3": e}}]}

    path = tmp_path / "input.json"
    path.write_text(json.dumps(document(as_json)), "utf-8")
    from_json = outcome(lambda: parindex.score(EXCERPT, path, lang="en"))
    assert outcome(lambda: parindex.score(EXCERPT, document(entry), lang="en")) == from_json
    assert outcome(lambda: parindex.score(EXCERPT, document(entry)["units"], lang="en")) == from_json


def test_units_read_as_the_json_file_reads_them_however_odd(tmp_path):
    # Python values the engine's JSON reader has to judge: a unit given as a list, a name given
    # as a number, a round beyond any count, more units than the tree's node results
    # allow; each gives what the JSON file gives.
    path = tmp_path / "input.json"
    big = {"schema": "par.methodology/1", "id": "big", "name": "big", "nodes": [
        {"code": "1", "name": "A", "max": "2000",
         "children": [{"code": f"1.{i}", "name": f"L{i}", "max": "1"} for i in range(1, 2001)]}]}
    wide = parindex.Methodology.from_dict(big)
    for m, units, as_json in [
        (EXCERPT, [["A", None, {"1.3": ("2",)}]], [["A", None, {"1.3": ["2"]}]]),
        (EXCERPT, [{"unit": Decimal(5), "entries": {}}], [{"unit": 5, "entries": {}}]),
        (EXCERPT, [{"unit": "A", "entries": {"1.2.1": {"appraisals": [{"round": 2**70, "value": "x"}]}}}],
         [{"unit": "A", "entries": {"1.2.1": {"appraisals": [{"round": float(2**70), "value": "x"}]}}}]),
        (wide, [{"unit": f"U{i}"} for i in range(1000)], [{"unit": f"U{i}"} for i in range(1000)]),
    ]:
        path.write_text(json.dumps(as_json), "utf-8")
        expected = outcome(lambda: parindex.score(m, path, lang="en"))
        assert '"problems"' in expected
        assert outcome(lambda: parindex.score(m, units, lang="en")) == expected


def test_a_round_of_another_number_type_and_a_dict_changed_while_read_are_refused_not_a_crash():
    import numpy

    # numpy's int is the int it equals: the round is read, and its value refused in its words.
    with pytest.raises(parindex.UnknownOptionError, match="lần 1"):
        parindex.score(EXCERPT, [{"unit": "A", "entries": {
            "1.2.1": {"appraisals": [{"round": numpy.int64(1), "value": "x"}]}}}])
    with pytest.raises(TypeError, match="float"):
        parindex.score(EXCERPT, [{"unit": "A", "entries": {
            "1.2.1": {"appraisals": [{"round": numpy.float32(1), "value": "x"}]}}}])
    entries: dict = {}

    class Sneaky(int):
        def __str__(self):  # changes the dict being read
            entries["1.1"] = {}
            return "1"

    entries["1.3"] = {"self": Sneaky(1)}
    results = parindex.score(EXCERPT, [{"unit": "A", "entries": entries}])
    assert results.units[0].nodes["1.3"].points == Decimal("1.00")


def outcome(run) -> str:
    try:
        return run().to_json()
    except parindex.ParError as e:
        return e.to_json()


def test_a_json_file_that_is_not_utf8_is_a_coded_problem_with_its_line(tmp_path):
    # JSON is UTF-8 by its own definition; tables are read in the encoding found (below).
    path = tmp_path / "so.json"
    path.write_bytes('[{"unit": "Sở Y tế"}]'.encode().replace("ở".encode(), b"\xde"))
    with pytest.raises(parindex.BadEncodingError) as e:
        parindex.score(EXCERPT, path)
    # Said of JSON, by its line as a JSON syntax error is (a table's problem has a row).
    assert (e.value.code, e.value.row, e.value.value) == ("bad_encoding", None, "0xDE")
    assert str(path) in e.value.message
    assert "tệp JSON" in e.value.message and "(byte thứ 13, dòng 1)" in e.value.message


def test_a_file_over_its_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:  # 600 MB that cost no disk: a hole after the header
        f.write(b"unit,1.1\n")
        f.truncate(600 * 1024 * 1024)
    with pytest.raises(parindex.LimitExceededError) as e:
        parindex.score(EXCERPT, path)
    assert e.value.limit == "table_bytes"
    with pytest.raises(parindex.LimitExceededError) as e:
        parindex.Results.from_file(path.rename(tmp_path / "huge.json"))
    assert e.value.limit == "json_bytes"



def test_a_file_over_its_limit_that_starts_as_another_document_is_refused_for_that(tmp_path):
    # A national run's results (700 MB) given for its assessments, or as the methodology.
    path = tmp_path / "results.json"
    with open(path, "wb") as f:
        f.write(b'{\n  "schema": "par.results/1",')
        f.truncate(600 * 1024 * 1024)
    with pytest.raises(parindex.ParError) as e:
        parindex.score(EXCERPT, path, lang="en")
    assert e.value.code == "unsupported_schema"
    assert "a set of assessments is needed here" in e.value.message
    with pytest.raises(parindex.ParError) as e:
        parindex.Methodology.from_file(path, lang="en")
    assert "a methodology is needed here" in e.value.message

def test_problems_past_the_limit_are_counted_in_one_last_problem(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("unit,1.1\n" + "".join(f"U{i},x\n" for i in range(1500)), "utf-8")
    with pytest.raises(parindex.BadDecimalError) as e:
        parindex.score(EXCERPT, path)
    last = e.value.problems[-1]
    assert len(e.value.problems) == 1001
    assert (last.code, last.limit, last.value) == ("limit_exceeded", "problems", "500")


def test_a_dict_nested_in_itself_or_beyond_json_depth_is_refused_not_a_crash():
    looped: dict = {"schema": "par.methodology/1"}
    looped["nodes"] = [looped]
    deep: dict = {}
    for _ in range(100_000):  # built without recursion; as JSON text it could not be read
        deep = {"children": [deep]}
    for doc in (looped, {"schema": "par.methodology/1", "nodes": [deep]}):
        with pytest.raises(parindex.LimitExceededError) as e:
            parindex.Methodology.from_dict(doc)
        assert e.value.limit == "json_depth"


def test_a_score_sheet_saved_any_way_excel_saves_it_scores_the_same(tmp_path):
    """Windows-1258 (as a Vietnamese Excel saves "CSV"), UTF-16 "Unicode Text" with tabs, and
    accents typed apart from their letters give one result; a guessed encoding is a warning."""
    text = "unit,code,self\nSở Y tế,1.1.1,Ban hành kịp thời\nSở Y tế,1.3,2\n"
    (tmp_path / "utf8.csv").write_text(text, "utf-8")
    (tmp_path / "cp1258.csv").write_bytes(
        b"unit,code,self\nS\xf5\xd2 Y t\xea\xec,1.1.1,Ban ha\xccnh ki\xf2p th\xf5\xcci\n"
        b"S\xf5\xd2 Y t\xea\xec,1.3,2\n"
    )
    (tmp_path / "unicode.txt").write_bytes(b"\xff\xfe" + text.replace(",", "\t").encode("utf-16-le"))
    (tmp_path / "nfd.csv").write_text(unicodedata.normalize("NFD", text), "utf-8")
    results = {p.name: parindex.score(EXCERPT, p) for p in sorted(tmp_path.iterdir())}
    expected = results["utf8.csv"]
    for name, r in results.items():
        assert [(u.unit, u.points) for u in r.units] == [("Sở Y tế", expected.units[0].points)], name
    assert [w.code for w in results["cp1258.csv"].warnings] == ["encoding_guessed"]
    assert "Windows-1258" in results["cp1258.csv"].warnings[0].message
    assert results["unicode.txt"].warnings == []


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    """A minimal xlsx: one worksheet of inline-string cells per entry of ``sheets``."""
    import zipfile
    from xml.sax.saxutils import escape

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            f'spreadsheetml.sheet.main+xml"/>{overrides}</Types>',
        )
        names = "".join(
            f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, n in enumerate(sheets, 1)
        )
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{names}</sheets></workbook>')
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for i, rows in enumerate(sheets.values(), 1):
            xml = "".join(
                f'<row r="{r}">'
                + "".join(
                    f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
                    for c, text in enumerate(row)
                    if text
                )
                + "</row>"
                for r, row in enumerate(rows, 1)
            )
            z.writestr(f"xl/worksheets/sheet{i}.xml", f'<worksheet xmlns="{main}"><sheetData>{xml}</sheetData></worksheet>')


def test_a_workbook_is_scored_as_the_command_line_reads_it(tmp_path):
    """A department's sheet: a guide sheet first, then the scores under a title row, with STT."""
    scores = [
        ["BÁO CÁO TỰ CHẤM ĐIỂM NĂM 2024"],
        ["STT", "Đơn vị", "Mã tiêu chí", "Tự chấm"],
        ["1", "Sở Y tế", "1.1.1", "Ban hành kịp thời"],
        ["2", "Sở Y tế", "1.3", "2"],
    ]
    book = tmp_path / "so.xlsx"
    _workbook(book, {"Hướng dẫn": [["Nhập điểm ở trang Điểm"]], "Điểm": scores})
    csv = tmp_path / "so.csv"
    csv.write_text("unit,code,self\nSở Y tế,1.1.1,Ban hành kịp thời\nSở Y tế,1.3,2\n", "utf-8")
    expected = parindex.score(EXCERPT, csv).units[0].points
    for sheet in ("Điểm", 2, "2"):
        assert parindex.score(EXCERPT, book, sheet=sheet).units[0].points == expected
    with pytest.raises(parindex.UnknownOptionError) as e:
        parindex.score(EXCERPT, book, sheet="Tổng hợp")
    assert "“Tổng hợp”" in e.value.message and "“Điểm”" in e.value.message
    # The guide sheet holds no table: the scores' sheet is read, and said so.
    results = parindex.score(EXCERPT, book)
    assert results.units[0].points == expected
    assert results.warnings[0].code == "sheet_chosen"
    # Saved as a template with macros (.xlsm), the same workbook: its macros are not run.
    macros = book.with_suffix(".xlsm")
    macros.write_bytes(book.read_bytes())
    assert parindex.score(EXCERPT, macros, sheet="Điểm").units[0].points == expected
    with pytest.raises(parindex.MissingFieldError):
        parindex.score(EXCERPT, book, sheet=1)  # the guide sheet has no unit column
    # Refused, its problems name the sheet their rows are on: the workbook opens on the guide.
    _workbook(book, {"Hướng dẫn": [["Nhập điểm ở trang Điểm"]], "Điểm": scores + [["3", "Sở Tư pháp", "1.3", "hai"]]})
    with pytest.raises(parindex.BadDecimalError) as refused:
        parindex.score(EXCERPT, book)
    assert (refused.value.sheet, refused.value.row) == ("Điểm", 5)
    assert str(refused.value).startswith("trang “Điểm”, dòng 5, đơn vị Sở Tư pháp")


def test_units_in_rows_a_sheet_hides_and_sheets_alike_are_said():
    """Last year's units kept in hidden rows are read, as Excel's own formulas read them, and
    named, whether the workbook is given by its path or as an upload's bytes, scored or read; a
    workbook's later sheets with the columns of the one read are named."""
    book = ROOT / "fixtures" / "tables" / "units-hidden-in-rows.xlsx"
    for given in (book, book.read_bytes()):
        results = parindex.score(EXCERPT, given, lang="en")
        assert len(results.units) == 4
        hidden = results.warnings[0]
        assert hidden.code == "rows_hidden"
        assert hidden.message.startswith(
            "2 rows hidden in the sheet (rows 5, 7; units 'Sở Tư pháp', 'Sở Xây dựng') were read"
        )
        read = parindex.read_table(EXCERPT, given, lang="en")
        assert read["warnings"][0]["message"] == hidden.message
    # A workbook of a sheet per block is scored a sheet at a time: the others are named.
    blocks = ROOT / "fixtures" / "tables" / "a-block-a-sheet.xlsx"
    alike = parindex.score(EXCERPT, blocks, lang="en").warnings[0]
    assert alike.code == "sheets_alike" and "'Khối Huyện'" in alike.message
    assert not parindex.score(EXCERPT, blocks, sheet="Khối Huyện").warnings


def test_a_sheet_read_into_assessments_says_what_reading_did_with_it(tmp_path):
    """As a portal fills a form from a department's file: what did not come with it is said, as
    scoring the file says it."""
    scores = [
        ["STT", "Đơn vị", "Mã tiêu chí", "Tự chấm", "Lý do"],
        ["1", "Sở Y tế", "1.1.1", "Ban hành kịp thời", ""],
        ["2", "Sở Y tế", "1.3", "2", "Đã kiểm tra 12/12 đơn vị"],
    ]
    book = tmp_path / "so.xlsx"
    _workbook(book, {"Hướng dẫn": [["Nhập điểm ở trang Điểm"]], "Điểm": scores})
    read = parindex.read_table(EXCERPT, book, lang="en")
    assert [w["code"] for w in read["warnings"]] == ["sheet_chosen", "reasons_not_read"]
    scored = parindex.score(EXCERPT, book, lang="en")
    assert [w["message"] for w in read["warnings"]] == [w.message for w in scored.warnings]
    assert read["assessments"]["units"][0]["entries"]["1.3"] == {"self": "2"}
    assert parindex.score(EXCERPT, read["assessments"]).units[0].points == scored.units[0].points
    # A file saved as Windows-1258: its encoding was guessed, and said with the file's name.
    saved = ROOT / "fixtures" / "cases" / "csv-saved-every-way" / "input-cp1258.csv"
    guessed = parindex.read_table("camau-1880-2013-field1-excerpt", saved, lang="en")
    assert [w["code"] for w in guessed["warnings"]] == ["encoding_guessed"]
    assert "input-cp1258.csv" in guessed["warnings"][0]["message"]
    # The same from the files' bytes, as a portal's back end receives an upload: the workbook
    # told by its content, the file's name unknown.
    assert parindex.read_table(EXCERPT, book.read_bytes(), lang="en") == read
    from_bytes = parindex.read_table(EXCERPT, saved.read_bytes(), lang="en")
    assert from_bytes["assessments"] == guessed["assessments"]
    assert [w["code"] for w in from_bytes["warnings"]] == ["encoding_guessed"]
    assert from_bytes["warnings"][0]["message"].startswith("the table is not UTF-8")
    # Bytes that are no table are said to be what they are, as the file would be.
    with pytest.raises(parindex.ParError) as pdf:
        parindex.score(EXCERPT, b"%PDF-1.7\n" + bytes(64), lang="en")
    assert pdf.value.code == "unreadable_file" and "PDF" in pdf.value.message
    with pytest.raises(TypeError, match="read from a path, a file's bytes or a DataFrame, not int"):
        parindex.read_table(EXCERPT, 42, lang="en")  # type: ignore[arg-type]
    # In Vietnamese unless asked otherwise, as every text the package says.
    with pytest.raises(TypeError, match="bảng điểm được đọc từ đường dẫn"):
        parindex.read_table(EXCERPT, 42)  # type: ignore[arg-type]


def test_a_dataframe_read_into_assessments_says_its_float_columns():
    """A sheet read with pandas: the float column's formula result is read as stored, and said."""
    df = pd.DataFrame(
        {"Đơn vị": ["Sở Y tế", "Sở Tư pháp"], "Mã tiêu chí": ["1.3", "1.3"], "Tự chấm": [0.1 + 0.2, 2.0]}
    )
    read = parindex.read_table(EXCERPT, df)
    assert read["assessments"]["units"][0]["entries"]["1.3"] == {"self": "0.30000000000000004"}
    assert [w["code"] for w in read["warnings"]] == ["float_converted"]
    scored = parindex.score(EXCERPT, df)
    assert [w["message"] for w in read["warnings"]] == [w.message for w in scored.warnings]


def test_an_int_is_a_sheets_number_and_a_str_of_digits_naming_another_sheet_is_refused(tmp_path):
    """Sheets named by numbers in another order: ``sheet=2`` read the sheet named 2."""

    def scores(points: str) -> list[list[str]]:
        return [["unit", "code", "self"], ["Sở Y tế", "1.3", points]]

    book = tmp_path / "so.xlsx"
    _workbook(book, {"2": scores("1"), "1": scores("2")})
    points = {sheet: parindex.score(EXCERPT, book, sheet=sheet).units[0].points for sheet in (1, 2, "'2'")}
    assert points[1] == points["'2'"] and points[1] != points[2]
    with pytest.raises(parindex.UnknownOptionError) as e:
        parindex.score(EXCERPT, book, sheet="2", lang="en")
    assert "write #2 for the sheet at place 2" in e.value.message


def test_dates_in_a_dataframe_are_read_as_a_workbooks_date_cells_are():
    """``pd.read_excel`` makes Timestamps of date cells, NaT of blank ones in a date column."""
    frame = pd.DataFrame(
        {
            "unit": ["Sở Y tế", "Sở Y tế"],
            "code": ["1.1.1", "1.3"],
            "self": ["Ban hành kịp thời", "2"],
            "explanation": [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-02 08:30:15")],
            "Ghi chú": [pd.NaT, pd.Timestamp("2024-03-04")],
        }
    )
    results = parindex.score(EXCERPT, frame)
    expected = parindex.score(EXCERPT, frame.drop(columns=["explanation", "Ghi chú"]))
    assert results.units[0].points == expected.units[0].points
    document = results.to_json()
    assert '"explanation": "02/01/2024"' in document
    assert '"explanation": "02/01/2024 08:30"' in document
    # A time cell alone is a `datetime.time`, read as the workbook's cell is (its time shown).
    import datetime

    frame["explanation"] = [datetime.time(3, 30), datetime.time(14, 5, 59)]
    document = parindex.score(EXCERPT, frame).to_json()
    assert '"explanation": "03:30"' in document and '"explanation": "14:05"' in document


def test_a_missing_file_is_pythons_error_naming_it_in_the_users_words(tmp_path):
    import errno

    missing = tmp_path / "diem-2024.xlsx"
    with pytest.raises(FileNotFoundError) as e:
        parindex.score(EXCERPT, missing, lang="vi")
    assert (e.value.errno, e.value.filename) == (errno.ENOENT, str(missing))
    assert "không đọc được tệp" in e.value.strerror
    results = parindex.score(EXCERPT, [{"unit": "Sở Y tế", "entries": {"1.3": {"self": "2"}}}])
    with pytest.raises(FileNotFoundError) as e:
        results.to_excel(tmp_path / "no-such-folder" / "bao-cao.xlsx", lang="en")
    assert e.value.filename.endswith("bao-cao.xlsx") and "cannot write" in e.value.strerror


def test_a_files_bytes_score_as_the_file_does():
    """An upload a portal's back end received, in any of Python's byte types: never read as a
    list of numbers."""
    path = ROOT / "examples" / "so-2024.csv"
    text = path.read_bytes()
    from_file = parindex.score(EXCERPT, path).to_json()
    for given in (text, bytearray(text), memoryview(text)):
        assert parindex.score(EXCERPT, given).to_json() == from_file
    # A JSON document's bytes are read as JSON, told by their content.
    document = ROOT / "examples" / "so-2024.json"
    from_json = parindex.score(EXCERPT, document).to_json()
    assert parindex.score(EXCERPT, document.read_bytes()).to_json() == from_json
    read = parindex.read_table(EXCERPT, document.read_bytes())
    assert read["warnings"] == []
    assert parindex.score(EXCERPT, read["assessments"]).to_json() == from_json
    assert parindex.read_table(EXCERPT, document) == read
    # Saved again as "Unicode" by Notepad: UTF-16, told by its byte-order mark.
    utf16 = document.read_text("utf-8").encode("utf-16")
    assert parindex.score(EXCERPT, utf16).to_json() == from_json


def test_a_dataframe_read_without_its_header_names_the_rows_the_sheet_shows(tmp_path):
    """``pd.read_excel(header=None)``: the header is the first row, as in the sheet."""
    rows = [["unit", "code", "self"], ["Sở Y tế", "1.3", "2"], ["Sở Y tế", "1.1.1", "nhiều"]]
    book = tmp_path / "so.xlsx"
    _workbook(book, {"Điểm": rows})
    frame = pd.DataFrame(rows)
    with pytest.raises(parindex.ParError) as by_path:
        parindex.score(EXCERPT, book)
    with pytest.raises(parindex.ParError) as by_frame:
        parindex.score(EXCERPT, frame)
    assert [p.row for p in by_frame.value.problems] == [p.row for p in by_path.value.problems] == [3]
    good = pd.DataFrame(rows[:2])
    assert parindex.score(EXCERPT, good).to_json() == parindex.score(EXCERPT, pd.DataFrame(rows[1:2], columns=rows[0])).to_json()


def test_a_sheet_under_a_header_of_two_rows_scores_however_pandas_read_it(tmp_path):
    """A score sheet as departments send it: a title row, `Điểm` over `Tự chấm` and `Thẩm
    định`, rows numbered at both edges. pandas names the second `STT` `STT.1` (``header=1``)
    and makes a header of two rows a MultiIndex (``header=[1, 2]``)."""
    rows = [
        ["BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM CCHC NĂM 2024"],
        ["STT", "Đơn vị", "Mã tiêu chí", "Điểm", None, "Tài liệu kiểm chứng", "Lý do", "STT"],
        [None, None, None, "Tự chấm", "Thẩm định", None, None, None],
        [1, "Sở Y tế", "1.3", 2, "1,5", "BC 07", "Nộp chậm", 1],
        [2, "Sở Y tế", "1.1.1", "Ban hành kịp thời", None, "KH 12", None, 2],
    ]
    import openpyxl

    book = tmp_path / "diem-2024.xlsx"
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.active.merge_cells("D2:E2")
    workbook.save(book)
    expected = parindex.score(EXCERPT, book).to_json()
    for header in (1, [1, 2]):
        frame = pd.read_excel(book, header=header)
        assert parindex.score(EXCERPT, frame).to_json() == expected, header
    frame = pd.read_excel(book, header=[1, 2])
    frame.iloc[0, 3] = "hai"
    with pytest.raises(parindex.BadDecimalError) as e:
        parindex.score(EXCERPT, frame)
    assert [p.row for p in e.value.problems] == [3]


def test_a_wide_sheet_under_a_merged_heading_scores_as_read_by_pandas(tmp_path):
    """`Điểm các lĩnh vực` merged over the criteria's codes: pandas repeats it over every column
    it spans (``header=[0, 1]``), which read as one column named three times."""
    import openpyxl

    book = tmp_path / "rong-2024.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (
        ["Đơn vị", "Điểm các lĩnh vực", None, None],
        [None, "1.1", "1.2", "1.3"],
        ["Sở A", "2", "1", "3"],
        ["Sở B", "1", "1", "2"],
    ):
        sheet.append(row)
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:D1")
    workbook.save(book)
    expected = parindex.score(EXCERPT, book).to_json()
    frame = pd.read_excel(book, header=[0, 1], dtype=str)
    assert list(frame.columns.get_level_values(0))[1:] == ["Điểm các lĩnh vực"] * 3
    assert parindex.score(EXCERPT, frame).to_json() == expected


def test_a_dataframe_indexed_by_its_units_scores_as_without_its_index():
    """``set_index("Đơn vị")`` moves a column into the index; with ``drop=False`` it stays a
    column too, and raised pandas' ValueError "cannot insert Đơn vị, already exists"."""
    frame = pd.DataFrame(
        {
            "Đơn vị": ["Sở Y tế", "Sở Y tế", "Sở Tư pháp"],
            "Mã tiêu chí": ["1.3", "1.1.1", "1.3"],
            "Tự chấm": ["2", "Ban hành kịp thời", "1"],
        }
    )
    expected = parindex.score(EXCERPT, frame).to_json()
    for indexed in (
        frame.set_index("Đơn vị"),
        frame.set_index("Đơn vị", drop=False),
        frame.set_index("Đơn vị", drop=False).set_index("Mã tiêu chí", append=True),
    ):
        assert parindex.score(EXCERPT, indexed).to_json() == expected


def test_a_dataframe_of_categories_scores_as_its_values_do():
    """``astype("category")``, to save a national frame's memory, made a column of floats one
    of categories, refused as floats typed in a dict."""
    frame = pd.DataFrame(
        {
            "Đơn vị": ["Sở Y tế", "Sở Y tế", "Sở Tư pháp"],
            "Mã tiêu chí": ["1.3", "1.2.1", "1.3"],
            "Tự chấm": [2.5, None, 1.0],
        }
    )
    expected = parindex.score(EXCERPT, frame).to_json()
    for categories in (["Tự chấm"], ["Đơn vị", "Mã tiêu chí"]):
        grouped = frame.astype({c: "category" for c in categories})
        assert parindex.score(EXCERPT, grouped).to_json() == expected



def test_a_dataframe_of_sparse_columns_scores_as_its_values_do():
    """A sparse column (``astype(pd.SparseDtype(float))``) failed with pandas' own
    ``AttributeError``."""
    frame = pd.DataFrame(
        {
            "Đơn vị": ["Sở Y tế", "Sở Y tế", "Sở Tư pháp"],
            "Mã tiêu chí": ["1.3", "1.2.1", "1.3"],
            "Tự chấm": [2.5, None, 1.0],
        }
    )
    expected = parindex.score(EXCERPT, frame).to_json()
    sparse = frame.astype({"Tự chấm": pd.SparseDtype(float)})
    assert parindex.score(EXCERPT, sparse).to_json() == expected


ANNEX = ROOT / "fixtures" / "cases" / "annex-import"


def test_an_annex_imports_with_what_each_row_was_read_as():
    imported = parindex.import_table(ANNEX / "annex.xlsx", lang="en")
    assert imported.methodology.id == "annex"
    by_code = {r["code"]: r for r in imported.rows if "code" in r}
    assert by_code["1.1.1"]["number"] == "1.1"
    assert by_code["1.1.1"]["max"] == Decimal("1")
    assert by_code["1.1.2"]["read_as"].startswith("by bands: [90, +∞) = 2")
    assert [r["sheet"] for r in imported.rows if "sheet" in r] == ["Xếp loại"] * 5
    [warning] = imported.warnings
    assert (warning["code"], warning["row"], warning["node"]) == ("guidance_not_read", 18, "2.1.2")
    assert imported.warning_lines == [
        "row 18, criterion 2.1.2: " + warning["message"] + " (warning: guidance_not_read)"
    ]


def test_methodology_from_table_warns_naming_the_row():
    with pytest.warns(parindex.TableWarning, match=r"^dòng 18, tiêu chí 2\.1\.2: hướng dẫn"):
        m = parindex.Methodology.from_table(ANNEX / "annex.csv", id="so-2024", name="Bộ chỉ số")
    assert (m.id, m.name) == ("so-2024", "Bộ chỉ số")
    assert m.to_dict()["decision"] == "1234/QĐ-UBND"


def test_an_annex_dataframe_read_with_its_title_row_as_header_imports_alike():
    df = pd.read_csv(ANNEX / "annex.csv", dtype=str, keep_default_na=False)
    assert df.columns[0] == "PHỤ LỤC I"
    m = parindex.import_table(df, id="annex").methodology
    expected = json.loads((ANNEX / "expected.json").read_text("utf-8"))["methodology"]
    assert m.to_dict() == expected


def test_an_annex_saved_as_unicode_text_imports_alike():
    text = (ANNEX / "annex.csv").read_text("utf-8")
    frame = pd.read_csv(ANNEX / "annex.csv", header=None, dtype=str, keep_default_na=False)
    tabbed = frame.to_csv(sep="\t", index=False, header=False)
    assert "\t" in tabbed and text
    utf16 = tabbed.encode("utf-16")
    m = parindex.import_table(utf16, id="annex").methodology
    assert m.to_json() == parindex.import_table(ANNEX / "annex.csv").methodology.to_json()


def test_an_annex_file_saved_by_a_vietnamese_excel_says_its_encoding_was_guessed(tmp_path):
    # `Kế hoạch` in Windows-1258: ế is ê (0xEA) + acute (0xEC), ạ is a + dot below (0xF2).
    annex = tmp_path / "annex-1258.csv"
    annex.write_bytes(b"code,name,max\n1,K\xea\xec hoa\xf2ch,2\n1.1,Ban h\xe0nh,2\n")
    imported = parindex.import_table(annex)
    assert imported.methodology.to_dict()["nodes"][0]["name"] == "Kế hoạch"
    [line] = imported.warning_lines
    assert line.startswith("tệp ") and "Windows-1258" in line, line
    with pytest.warns(parindex.TableWarning, match="Windows-1258"):
        parindex.Methodology.from_table(annex)


def test_an_annex_with_problems_raises_every_one_with_its_row():
    broken = (ANNEX / "annex.csv").read_text("utf-8").replace('TỔNG ĐIỂM,10', 'TỔNG ĐIỂM,12')
    broken = broken.replace("1.2,Mức độ thực hiện", "1.x,Mức độ thực hiện")
    with pytest.raises(parindex.ParError) as e:
        parindex.import_table(broken.encode("utf-8"), lang="en")
    lines = str(e.value)
    assert "row 10, field code: the number '1.x' is not read" in lines, lines
    assert "row 20, field max: the total row says 12 points but the fields' maxima add up to 10" in lines
    # Row 10 was left out: the sums it would have been part of are not reported again.
    assert "differs from the sum of its children" not in lines, lines


def test_a_criteria_table_is_a_path_bytes_or_a_dataframe():
    with pytest.raises(TypeError, match="criteria table is a path.*not list"):
        parindex.import_table(["code", "name"], lang="en")
    with pytest.raises(TypeError, match="bảng tiêu chí là đường dẫn"):
        parindex.import_table(["code", "name"])


def test_compare_with_a_ranking_as_published():
    case = ROOT / "fixtures" / "cases" / "compare-published-table"
    c = parindex.compare(case / "previous.csv", case / "current.json")
    assert (c.previous_methodology, c.current_methodology) == (None, "published-index-only")
    assert not c.methodologies_differ
    assert (c.units[0].unit, c.units[0].change) == ("Quảng Ninh", Decimal("2.08"))
    assert c.only_in_previous == ["Đồng Nai"]


def test_a_results_file_compares_as_the_results_read_whole(tmp_path):
    """A results file is read a piece at a time (a national run's document is larger than the
    JSON text read at once), by compare keeping its scores: the comparison is the one of the
    results read whole; a file with a problem is read whole, which names it on its side."""
    case = ROOT / "fixtures" / "cases" / "compare-2022-2023"
    previous, current = case / "previous.json", case / "current.json"
    # Results.from_file reads so too, keeping every input.
    in_pieces = parindex.Results.from_file(previous)
    assert in_pieces.to_json() == parindex.Results.from_json(previous.read_text("utf-8")).to_json()
    whole = parindex.compare(
        parindex.Results.from_file(previous), parindex.Results.from_file(current)
    )
    assert parindex.compare(previous, current).to_json() == whole.to_json()
    mixed = parindex.compare(previous, parindex.Results.from_file(current))
    assert mixed.to_json() == whole.to_json()
    document = json.loads(previous.read_text("utf-8"))
    document["units"][0]["rank"] = 0
    flawed = tmp_path / "previous.json"
    flawed.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(parindex.ParError) as refused:
        parindex.compare(flawed, current)
    problems = [(p.code, p.unit, p.path) for p in refused.value.problems]
    assert problems == [("out_of_range", "Quảng Ninh", "previous.rank")]


def test_assessments_named_as_no_kind_are_refused_as_the_command_line_refuses_them(tmp_path):
    """A table saved without its extension (a portal's download) was read as JSON and refused as
    broken JSON; `par score` refuses it by its name, and so does `score`."""
    table = (ROOT / "examples" / "so-2024.csv").read_text("utf-8")
    for name, said in [
        ("so-2024", "has no extension to tell its type"),
        ("so-2024.dat", "unknown file type '.dat'"),
    ]:
        path = tmp_path / name
        path.write_text(table, "utf-8")
        with pytest.raises(ValueError) as refused:
            parindex.score(EXCERPT, path, lang="en")
        assert said in str(refused.value)
        assert ".json, .csv or .xlsx" in str(refused.value)


def test_a_ranking_of_no_kind_is_refused_naming_every_kind_compared(tmp_path):
    """A name without an extension says no kind: results files are compared too."""
    case = ROOT / "fixtures" / "cases" / "compare-2022-2023"
    unnamed = tmp_path / "ranking-2022"
    unnamed.write_text("unit,index,rank\n", "utf-8")
    with pytest.raises(ValueError) as refused:
        parindex.compare(unnamed, case / "current.json", lang="en")
    assert "has no extension to tell its type" in str(refused.value)
    assert ".json, .csv or .xlsx" in str(refused.value)


def test_compare_says_when_the_methodologies_differ():
    a = parindex.score(EXCERPT, [{"unit": "Sở Y tế", "entries": {"1.3": {"self": "2"}}}])
    b = parindex.score(M, UNITS)
    c = parindex.compare(a, b)
    assert c.methodologies_differ
    assert c.previous_methodology == "camau-1880-2013-field1-excerpt"


def test_a_published_ranking_without_its_columns_says_which():
    with pytest.raises(parindex.MissingFieldError, match="Xếp hạng"):
        parindex.compare(
            ROOT / "fixtures" / "cases" / "csv-title-rows" / "input.csv",
            ROOT / "fixtures" / "cases" / "compare-published-table" / "current.json",
        )


def test_last_years_report_compares_on_every_block_sheet(tmp_path):
    """``to_excel`` writes a ranking sheet a block: read as last year's ranking, only its first
    sheet was compared, and the other blocks' units said to be new."""
    case = ROOT / "fixtures" / "cases" / "blocks-ranked-separately"
    m = parindex.Methodology.from_file(case / "methodology.json")
    results = parindex.score(m, case / "input.json")
    report = tmp_path / "bao-cao-2024.xlsx"
    results.to_excel(report, methodology=m)
    comparison = parindex.compare(report, results)
    assert (comparison.only_in_previous, comparison.only_in_current) == ([], [])
    # Each move names its block as people read it, beside its id.
    named = {b.block: b.name for b in results.statistics()}
    assert all(m.block_name == named[m.block] for m in comparison.units)
    assert any(m.block_name for m in comparison.units)
    assert len(comparison.units) == 6 and all(u.rank_change == 0 for u in comparison.units)
    chart = results.chart("changes", previous=report)
    assert "Huyện Giao Thủy" in chart.svg
    # A year a sheet: a unit on two sheets is refused, naming both, and a sheet is asked for.
    import openpyxl

    years = openpyxl.Workbook()
    for i, (year, index) in enumerate([("2024", "93"), ("2023", "88")]):
        sheet = years.active if i == 0 else years.create_sheet()
        sheet.title = year
        sheet.append(["Xếp hạng", "Đơn vị", "Chỉ số"])
        sheet.append([1, "Sở Tư pháp", index])
    book = tmp_path / "xep-hang.xlsx"
    years.save(book)
    with pytest.raises(parindex.DuplicateUnitError, match="“2024” và “2023”"):
        parindex.compare(book, results)
    for sheet, index in (("2023", Decimal("88")), (2, Decimal("88")), ("2024", Decimal("93"))):
        moved = parindex.compare(book, results, sheet=sheet).units[0]
        assert (moved.unit, moved.previous_index) == ("Sở Tư pháp", index)
    # The report and the chart of changes ask for the sheet as `compare` does.
    with pytest.raises(parindex.DuplicateUnitError, match="“2024” và “2023”"):
        results.to_xlsx(previous=book)
    with pytest.raises(parindex.DuplicateUnitError):
        results.chart("changes", previous=book)
    assert results.to_xlsx(previous=book, sheet=2) == results.to_xlsx(previous=book, sheet="2023")
    results.to_excel(tmp_path / "so-voi-2023.xlsx", previous=book, sheet=2)
    assert (tmp_path / "so-voi-2023.xlsx").read_bytes() == results.to_xlsx(previous=book, sheet=2)
    changes = {s: results.chart("changes", previous=book, sheet=s).svg for s in (1, 2, "2023")}
    assert changes[2] == changes["2023"] != changes[1]
    # A sheet of a block with a rank not a number: the problem names the sheet in its place.
    blocks = openpyxl.Workbook()
    for i, (block, rank) in enumerate([("Sở", 1), ("Huyện", "một")]):
        sheet = blocks.active if i == 0 else blocks.create_sheet()
        sheet.title = block
        sheet.append(["Xếp hạng", "Đơn vị", "Chỉ số"])
        sheet.append([rank, f"Đơn vị khối {block}", "90"])
    book = tmp_path / "xep-hang-khoi.xlsx"
    blocks.save(book)
    with pytest.raises(parindex.ParError) as refused:
        parindex.compare(book, results)
    assert (refused.value.sheet, refused.value.row) == ("Huyện", 2)


def test_the_criterion_analysis_makes_a_dataframe_of_decimals():
    case = ROOT / "fixtures" / "cases" / "blocks-ranked-separately"
    m = parindex.Methodology.from_file(case / "methodology.json")
    rows = parindex.score(m, case / "input.json").criteria()
    df = pd.DataFrame(rows)
    first = df[(df.block == "so") & (df.code == "1")].iloc[0]
    assert (first["mean"], first["lost"], first["losing_rank"]) == (Decimal("34.67"), Decimal("16.00"), 1)
    assert first["best"] == ["Sở Tư pháp"]


def test_a_form_kept_open_answers_each_change_with_decimals():
    form = EXCERPT.open_form({"unit": "Sở Y tế", "entries": {"1.1.1": {"self": "Ban hành kịp thời"}}})
    answer = form.set("1.3", {"self": "2,5", "evidence": ["KH 01/KH-SYT"]})
    assert answer["unit"]["points"] == Decimal("3.50")
    assert answer["unit"]["nodes"]["1.3"]["source"] == "self"
    assert "self" not in answer["unit"]["nodes"]["1.3"], "the form holds its entries"
    over = form.set("1.3", {"self": "4"})
    assert [p["node"] for p in over["problems"]] == ["1.3"]
    assert over["unit"]["points"] == Decimal("1.00"), "the valid entries still count"
    # Text that is not JSON is refused, and the form stays as it was; None clears an entry.
    with pytest.raises(parindex.BadJsonError):
        form.set_json("1.3", '{"self": ')
    assert form.score()["problems"] == over["problems"]
    assert form.set("1.3", None)["problems"] == []
    with pytest.raises(parindex.UnknownFieldError):
        EXCERPT.open_form({"unit": "Sở Y tế", "entries": {}, "year": 2024})


def test_a_form_shared_by_threads_takes_each_change_in_turn():
    """A portal's threads sharing a form kept in a session: each change waits for the one before,
    where the second thread met PyO3's "Already borrowed"."""
    from concurrent.futures import ThreadPoolExecutor

    form = EXCERPT.open_form({"unit": "Sở Y tế", "entries": {}})

    def change(i: int) -> Decimal:
        return form.set("1.3", {"self": str(i % 4)})["unit"]["nodes"]["1.3"]["points"]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(change, range(200)))
    # Each answer is the form with its own change: no other thread's came between.
    assert answers == [Decimal(i % 4).quantize(Decimal("0.01")) for i in range(200)]


def test_a_form_takes_an_int_or_a_decimal_as_score_takes_them():
    # Amounts as ints and Decimals, as `score` reads a unit given so; an appraisal round's
    # number stays a number.
    unit = {"unit": "Sở Y tế", "entries": {"1.3": {"self": 2, "appraisals": [{"round": 1, "value": Decimal("1.5"), "reason": "Thiếu TLKC"}]}}}
    scored = parindex.score(EXCERPT, [unit]).units[0].nodes["1.3"].points
    assert scored == Decimal("1.50")
    assert EXCERPT.score_form(unit)["unit"]["nodes"]["1.3"]["points"] == scored
    form = EXCERPT.open_form(unit)
    assert form.score()["unit"]["nodes"]["1.3"]["points"] == scored
    answer = form.set("1.3", {"self": 3})
    assert answer["problems"] == []
    assert answer["unit"]["nodes"]["1.3"]["points"] == Decimal("3.00")


def test_results_and_methodologies_pickle_and_copy_as_their_json():
    """multiprocessing, joblib and a notebook's cache pickle what they hand between processes:
    a TypeError (in English) stopped them."""
    import copy
    import pickle

    for results in (parindex.score(M, UNITS, detail="scores"), parindex.score(M, UNITS, lang="en")):
        for again in (pickle.loads(pickle.dumps(results)), copy.copy(results), copy.deepcopy(results)):
            assert isinstance(again, parindex.Results) and again.to_json() == results.to_json()
    builtin = parindex.Methodology.builtin("camau-1880-2013-field1-excerpt")
    for m in (M, builtin):
        again = pickle.loads(pickle.dumps(m))
        assert again.to_json() == m.to_json() and again.id == m.id


def test_pandas_missing_value_in_a_dict_is_not_entered_as_none_is():
    """``df.to_dict("records")`` of a column with missing values gives ``pd.NA``: it was refused
    as a value JSON cannot hold."""
    given = {"unit": "Sở Y tế", "entries": {"1.1.1": {"self": "Ban hành kịp thời", "explanation": pd.NA}}}
    as_none = {"unit": "Sở Y tế", "entries": {"1.1.1": {"self": "Ban hành kịp thời", "explanation": None}}}
    assert parindex.score(M, [given]).to_json() == parindex.score(M, [as_none]).to_json()


def test_compare_takes_results_json_text_and_refuses_other_types_in_words():
    """``compare(last_year.to_json(), r)`` raised ``OSError: File name too long`` quoting the
    whole document; a DataFrame, an English ``TypeError`` about paths."""
    last, now = parindex.score(M, UNITS[:1]), parindex.score(M, UNITS)
    assert parindex.compare(last.to_json(), now).to_json() == parindex.compare(last, now).to_json()
    assert parindex.compare("\ufeff" + last.to_json(), now).to_json() == parindex.compare(last, now).to_json()
    with pytest.raises(TypeError, match="kết quả để so sánh .* không phải DataFrame"):
        parindex.compare(pd.DataFrame({"a": [1]}), now)
    with pytest.raises(TypeError, match="not dict"):
        parindex.compare(now, {"units": []}, lang="en")

