"""Every case in fixtures/cases/, through the public API, byte for byte against the case's shared
expected.json (the same file the Rust and JavaScript suites read). A case's optional lang.txt
(`vi` or `en`) is passed as `lang=`; without it the case runs in Vietnamese, the default."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import parindex

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


def case_lang(case: Path) -> str | None:
    """The case's lang.txt, or None: then the default rule gives Vietnamese (the suite runs
    without PAR_LANG, see conftest.py)."""
    path = case / "lang.txt"
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
    if (case / "previous.json").exists():
        return outcome(
            lambda: parindex.compare(case / "previous.json", case / "current.json", lang=lang)
        )

    def scored():
        m = load_methodology(case)
        input_file = case / "input.json" if (case / "input.json").exists() else case / "input.csv"
        return parindex.score(m, input_file, lang=lang)

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


JSON_CASES = [
    c for c in CASE_DIRS if (c / "input.json").exists() and expected_results(c) is not None
]


@pytest.mark.parametrize("case", JSON_CASES, ids=[p.name for p in JSON_CASES])
def test_dict_input_gives_the_same_results_as_json(case: Path):
    doc = json.loads((case / "input.json").read_text("utf-8"))
    units = doc["units"] if isinstance(doc, dict) else doc
    results = parindex.score(load_methodology(case), units, lang=case_lang(case))
    assert results.to_json() == expected_results(case)


CSV_CASES = [c for c in CASE_DIRS if (c / "input.csv").exists() and expected_results(c) is not None]


@pytest.mark.parametrize("case", CSV_CASES, ids=[p.name for p in CSV_CASES])
def test_dataframe_of_text_gives_the_same_results_as_csv(case: Path):
    df = pd.read_csv(
        case / "input.csv", sep=None, engine="python", dtype=str, keep_default_na=False
    )
    results = parindex.score(load_methodology(case), df, lang=case_lang(case))
    assert results.to_json() == expected_results(case)
