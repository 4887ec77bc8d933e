"""Every case in fixtures/cases/, through the public API, byte for byte against the case's shared
expected.json (the same file the Rust and JavaScript suites read). A case's optional lang.txt
(`vi` or `en`) is passed as `lang=`; without it the case runs in Vietnamese, the default."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import parindex

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())
#: Cases whose input is a criteria annex: its import is expected.json, and input.csv scored
#: against the imported methodology is expected-scores.json.
ANNEX_CASES = [c for c in CASE_DIRS if (c / "annex.csv").exists()]
SCORE_CASES = [c for c in CASE_DIRS if c not in ANNEX_CASES]


def case_lang(case: Path) -> str | None:
    """The case's lang.txt, or None: then the default rule gives Vietnamese (the suite runs
    without PAR_LANG, see conftest.py)."""
    path = case / "lang.txt"
    return path.read_text("utf-8").strip() if path.exists() else None


def case_detail(case: Path) -> str | None:
    """The case's detail.txt (how much of their inputs the results keep), or None: full."""
    path = case / "detail.txt"
    return path.read_text("utf-8").strip() if path.exists() else None


def load_methodology(case: Path) -> parindex.Methodology:
    lang = case_lang(case)
    if (case / "methodology.json").exists():
        return parindex.Methodology.from_file(case / "methodology.json", lang=lang)
    methodology_id = (case / "methodology.txt").read_text("utf-8").strip()
    return parindex.Methodology.builtin(methodology_id, lang=lang)


def outcome(run) -> str:
    """The output JSON text, or the problems JSON text of the ParError raised."""
    try:
        return run().to_json()
    except parindex.ParError as e:
        return e.to_json()


def run_case(case: Path) -> str:
    lang = case_lang(case)
    if (case / "annex.csv").exists():
        # As its bytes: a problem of a file read by its path names the file, which the
        # language-neutral expected problems cannot.
        annex = (case / "annex.csv").read_bytes()
        return outcome(lambda: parindex.import_table(annex, id="annex", lang=lang))
    for previous in (case / "previous.json", case / "previous.csv"):
        if previous.exists():
            return outcome(lambda: parindex.compare(previous, case / "current.json", lang=lang))

    def scored():
        m = load_methodology(case)
        input_file = case / "input.json" if (case / "input.json").exists() else case / "input.csv"
        return parindex.score(m, input_file, lang=lang, detail=case_detail(case))

    return outcome(scored)


def test_the_whole_fixture_set_is_there():
    assert len(CASE_DIRS) >= 40


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_matches_expected_output(case: Path):
    expected = (case / "expected.json").read_text("utf-8")
    assert run_case(case) == expected


def expected_results(case: Path) -> str | None:
    text = (case / "expected.json").read_text("utf-8")
    return None if '"problems"' in text[:20] else text


#: Cases whose document gives a key twice, which no dict holds: ``json.loads`` keeps the last.
TWICE_CASES = {"error-criterion-given-twice", "error-field-given-twice"}
JSON_CASES = [c for c in SCORE_CASES if (c / "input.json").exists() and c.name not in TWICE_CASES]
#: Cases whose document holds a JSON number where a decimal goes: Python reads it as a float,
#: which is refused with a TypeError before the engine sees it (an int there would be read as
#: its text).
FLOAT_CASES = {"error-json-number", "error-read-and-score", "error-read-and-score-en"}


@pytest.mark.parametrize("case", JSON_CASES, ids=[p.name for p in JSON_CASES])
def test_dict_input_gives_the_same_results_or_problems_as_json(case: Path):
    """Dicts are read by the engine's own rules: the same results, or the same problems in the
    same words, as the JSON file, from the document as a dict or its list of units."""
    doc = json.loads((case / "input.json").read_text("utf-8"))
    lang, detail = case_lang(case), case_detail(case)

    def scored(given):
        return lambda: parindex.score(load_methodology(case), given, lang=lang, detail=detail)

    if case.name in FLOAT_CASES:
        with pytest.raises(TypeError, match="float"):
            scored(doc)()
        return
    expected = (case / "expected.json").read_text("utf-8")
    assert outcome(scored(doc)) == expected
    document = isinstance(doc, dict) and doc.get("schema") == "par.assessments/1"
    if document and set(doc) == {"schema", "units"}:
        assert outcome(scored(doc["units"])) == expected


CSV_CASES = [c for c in SCORE_CASES if (c / "input.csv").exists() and expected_results(c) is not None]


@pytest.mark.parametrize("case", CSV_CASES, ids=[p.name for p in CSV_CASES])
def test_dataframe_of_text_gives_the_same_results_as_csv(case: Path):
    df = sheet_frame(case / "input.csv", named=True)
    m = load_methodology(case)
    results = parindex.score(m, df, lang=case_lang(case), detail=case_detail(case))
    assert results.to_json() == expected_results(case)


def annex_methodology(case: Path) -> str:
    """The methodology part of an annex case's expected import, as `Methodology.to_json` writes
    it."""
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    return json.dumps(expected["methodology"], ensure_ascii=False, indent=2) + "\n"


def sheet_frame(path: Path, named: bool) -> pd.DataFrame:
    """A case's CSV sheet as a DataFrame of text, every row as wide as the widest, as Excel shows
    it (`pd.read_csv` refuses title rows typed without the separators Excel pads them with), cut
    by the separator the file uses most. `named`: the first row names the columns, as
    `pd.read_csv` names them (`Unnamed: 2` where it is blank)."""
    text = path.read_text("utf-8-sig")
    separator = max([",", ";", "\t"], key=text.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    if not named:
        return pd.DataFrame(rows, dtype=str)
    columns = [h or f"Unnamed: {i}" for i, h in enumerate(rows[0])]
    return pd.DataFrame(rows[1:], columns=columns, dtype=str)


@pytest.mark.parametrize("case", ANNEX_CASES, ids=[p.name for p in ANNEX_CASES])
def test_an_annex_imports_alike_from_every_source(case: Path):
    lang = case_lang(case)
    expected = (case / "expected.json").read_text("utf-8")
    csv_bytes = (case / "annex.csv").read_bytes()
    assert outcome(lambda: parindex.import_table(csv_bytes, id="annex", lang=lang)) == expected
    df = sheet_frame(case / "annex.csv", named=False)
    assert outcome(lambda: parindex.import_table(df, id="annex", lang=lang)) == expected
    workbook = case / "annex.xlsx"
    if workbook.exists():
        for source in (workbook, workbook.read_bytes()):
            m = parindex.import_table(source, id="annex", lang=lang).methodology
            assert m.to_json() == annex_methodology(case)


@pytest.mark.parametrize(
    "case",
    [c for c in ANNEX_CASES if (c / "input.csv").exists()],
    ids=[p.name for p in ANNEX_CASES if (p / "input.csv").exists()],
)
def test_an_annex_scores_what_its_prose_gives(case: Path):
    lang = case_lang(case)
    with pytest.warns(parindex.TableWarning):
        m = parindex.Methodology.from_table(case / "annex.csv", lang=lang)
    results = parindex.score(m, case / "input.csv", lang=lang)
    assert results.to_json() == (case / "expected-scores.json").read_text("utf-8")


def variants(case: Path) -> list[Path]:
    """The same table saved other ways (input-<how>.csv|txt, and input.xlsx), as in
    par-core/tests/fixtures.rs."""
    saved = [p for p in case.iterdir() if p.name.startswith("input-")]
    return sorted(saved + [p for p in [case / "input.xlsx"] if p.exists()])


VARIANTS = [(c, v) for c in SCORE_CASES for v in variants(c)]


@pytest.mark.parametrize("case,variant", VARIANTS, ids=[f"{c.name}/{v.name}" for c, v in VARIANTS])
def test_a_table_saved_any_way_excel_saves_it_scores_the_same(case: Path, variant: Path):
    how = variant.stem.removeprefix("input-").removeprefix("input")
    own = case / f"expected-{how}.json"
    expected = json.loads((own if own.exists() else case / "expected.json").read_text("utf-8"))
    m = load_methodology(case)
    results = json.loads(outcome(lambda: parindex.score(m, variant, lang=case_lang(case))))
    # A guessed encoding is said naming the file read: the shared file, read from bytes, has none.
    for warning in results.get("warnings", []):
        if warning["code"] == "encoding_guessed":
            assert str(variant) in warning["message"]
            warning["message"] = warning["message"].replace(f"tệp {variant}", "bảng điểm")
    assert results == expected
    # Its bytes, as a portal's back end receives an upload: the workbook told by its content,
    # the text read in whichever encoding it was saved, byte for byte as the shared file says.
    from_bytes = outcome(lambda: parindex.score(m, variant.read_bytes(), lang=case_lang(case)))
    assert json.loads(from_bytes) == expected


MODELLED = [c for c in SCORE_CASES if (c / "expected-form-model.json").exists()]


@pytest.mark.parametrize("case", MODELLED, ids=[c.name for c in MODELLED])
def test_the_form_model_matches_its_expected_output(case: Path):
    model = load_methodology(case).form_model()
    expected = json.loads((case / "expected-form-model.json").read_text("utf-8"), parse_float=Decimal)
    assert json.loads(json.dumps(model, default=str)) == json.loads(json.dumps(expected, default=str))
    assert all(isinstance(n["max"], Decimal) for n in model["nodes"])


FORMS = sorted(f for c in SCORE_CASES for f in c.glob("form*.json"))


@pytest.mark.parametrize("form", FORMS, ids=[f"{f.parent.name}/{f.stem}" for f in FORMS])
def test_forms_score_as_far_as_they_are_valid(form: Path):
    case = form.parent
    methodology = load_methodology(case)
    expected = (case / f"expected-{form.name}").read_text("utf-8")
    text = form.read_text("utf-8")
    assert methodology.score_form_json(text, lang=case_lang(case)) == expected
    # From a dict, amounts come back as Decimals (a JSON number is a Decimal here: a float in a
    # dict is refused with a TypeError before the engine sees it).
    scored = methodology.score_form(json.loads(text, parse_float=Decimal), lang=case_lang(case))
    assert scored["schema"] == "par.form/1"
    assert isinstance(scored["unit"]["points"], Decimal)


OPEN_FORMS = sorted(f for c in SCORE_CASES for f in c.glob("open-form*.json"))


@pytest.mark.parametrize("steps", OPEN_FORMS, ids=[f"{f.parent.name}/{f.stem}" for f in OPEN_FORMS])
def test_forms_kept_open_answer_each_change(steps: Path):
    case = steps.parent
    lang = case_lang(case)
    asked = json.loads(steps.read_text("utf-8"), parse_float=Decimal)
    expected = (case / f"expected-{steps.name}").read_text("utf-8")
    try:
        form = load_methodology(case).open_form(asked["open"], lang=lang)
        # An entry given as text is sent as that text, JSON or not.
        for step in asked["set"]:
            answer = form.set_json(step["code"], step["entry"], lang=lang)
        assert form.score_json(lang=lang) == answer
    except parindex.ParError as e:
        answer = e.to_json()
    assert answer == expected


QUESTIONS = sorted(q for c in SCORE_CASES for q in c.glob("what-if*.json"))


@pytest.mark.parametrize("question", QUESTIONS, ids=[f"{q.parent.name}/{q.stem}" for q in QUESTIONS])
def test_what_if_answers_match_their_expected_output(question: Path):
    case = question.parent
    lang = case_lang(case)
    methodology = load_methodology(case)
    results = parindex.score(methodology, case / "input.json", lang=lang, detail=case_detail(case))
    asked = json.loads(question.read_text("utf-8"))
    expected = (case / f"expected-{question.name}").read_text("utf-8")
    args = (methodology, asked["unit"], asked.get("set"))
    try:
        answer = results.what_if_json(*args, target=asked.get("target"), lang=lang)
    except parindex.ParError as e:
        assert e.to_json() == expected
        return
    assert answer == expected
    # The dict form: the same figures, amounts as Decimals.
    as_dict = results.what_if(*args, target=asked.get("target"), lang=lang)
    assert isinstance(as_dict["after"]["points"], Decimal)
    assert json.loads(expected)["after"]["points"] == str(as_dict["after"]["points"])


ANALYSED = [c for c in SCORE_CASES if (c / "expected-analysis.json").exists()]


@pytest.mark.parametrize("case", ANALYSED, ids=[p.name for p in ANALYSED])
def test_the_criterion_analysis_matches_its_expected_output(case: Path):
    input_file = case / "input.json" if (case / "input.json").exists() else case / "input.csv"
    results = parindex.score(load_methodology(case), input_file, lang=case_lang(case))
    assert results.criteria_json() == (case / "expected-analysis.json").read_text("utf-8")
    rows = results.criteria()
    expected = json.loads((case / "expected-analysis.json").read_text("utf-8"))
    assert len(rows) == sum(len(b["criteria"]) for b in expected["blocks"])
    assert all(isinstance(r["mean"], Decimal) for r in rows)


READ = [c for c in SCORE_CASES if (c / "expected-read.json").exists()]


@pytest.mark.parametrize("case", READ, ids=[p.name for p in READ])
def test_a_table_read_into_assessments_matches_its_expected_output(case: Path):
    # Read from its path, as a notebook reads a department's file, and refused as scoring the
    # file refuses it.
    expected = json.loads((case / "expected-read.json").read_text("utf-8"))
    methodology = load_methodology(case)
    try:
        read = parindex.read_table(methodology, case / "input.csv", lang=case_lang(case))
    except parindex.ParError as e:
        assert json.loads(e.to_json()) == expected
        return
    assert read == expected
    # What was read ranks as the file does.
    from_file = parindex.score(methodology, case / "input.csv")
    assert parindex.score(methodology, read["assessments"]).rank_table() == from_file.rank_table()
