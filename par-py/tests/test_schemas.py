"""The JSON Schemas under schemas/ (generated from the engine's types, `par_core::schema`) checked
with an independent validator, `jsonschema`, against every fixture document: whatever the engine
reads and scores is valid by its schema, and documents refused for their shape (an unknown field,
a JSON number for a decimal, another schema) are refused by it too; every results and problems
document the engine writes is valid by its schema, and the problem codes are the package's. What a schema
cannot know (a methodology's codes, options and maxima) the engine reports as problems."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import jsonschema
import pytest

import parindex

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "fixtures" / "cases").iterdir() if p.is_dir())


def validator(document: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / f"{document}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


METHODOLOGY = validator("methodology")
ASSESSMENTS = validator("assessments")
PROBLEMS = validator("problems")
RESULTS = validator("results")


def errors(v: jsonschema.Draft202012Validator, path: Path) -> list[str]:
    return [e.message for e in v.iter_errors(json.loads(path.read_text("utf-8")))]


def problem_codes(case: Path) -> set[str]:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    return {p["code"] for p in expected.get("problems", [])} if isinstance(expected, dict) else set()


#: Cases whose document is refused for its shape, which a schema can see.
REFUSED_FOR_SHAPE = {
    ("error-methodology-unknown-field", "methodology.json"),  # a field `weight`
    ("error-json-number", "input.json"),  # a decimal as a JSON number
    ("error-entry-not-an-object", "input.json"),  # an entry as a bare score
    ("error-survey-not-an-object", "input.json"),  # a survey result as a list, as a text
    ("error-methodology-rule-as-text", "methodology.json"),  # a rule as its type's name
    # a max with two decimal marks, a field `trong_so`, a flag typed as text
    ("error-methodology-shape-problems-together", "methodology.json"),
    ("error-read-and-score", "input.json"),  # the same, among scoring problems
    ("error-read-and-score-en", "input.json"),
    ("error-unknown-field", "input.json"),  # a field `why`
    ("error-unsupported-schema", "input.json"),  # par.assessments/2
    ("results-given-as-assessments", "input.json"),  # par.results/1
}


#: Every fixture's methodology and assessments, with the validator of its kind.
DOCUMENTS = [
    (case / name, v)
    for case in CASES
    for name, v in (("methodology.json", METHODOLOGY), ("input.json", ASSESSMENTS))
    if (case / name).exists()
]


@pytest.mark.parametrize(("path", "v"), DOCUMENTS,
                         ids=[f"{p.parent.name}/{p.name}" for p, _ in DOCUMENTS])
def test_a_fixture_document_is_valid_unless_refused_for_its_shape(path: Path, v):
    found = errors(v, path)
    if (path.parent.name, path.name) in REFUSED_FOR_SHAPE:
        assert found, f"{path} is refused by the engine for its shape, but valid by the schema"
    else:
        assert not found, f"{path}: {found}"


def test_documents_refused_for_their_shape_are_refused_by_the_engine_too():
    # The schema refuses no document the engine scores.
    for case, name in REFUSED_FOR_SHAPE:
        assert problem_codes(ROOT / "fixtures" / "cases" / case), (case, name)


@pytest.mark.parametrize("info", parindex.Methodology.list_builtin(), ids=lambda b: b.id)
def test_every_builtin_methodology_is_valid_by_its_schema(info):
    document = json.loads(parindex.Methodology.builtin(info.id).to_json())
    assert [e.message for e in METHODOLOGY.iter_errors(document)] == []


def test_the_bench_methodology_is_valid_and_a_unit_without_a_name_is_not():
    assert errors(METHODOLOGY, ROOT / "fixtures" / "bench" / "national-commune-100.json") == []
    unnamed = {"schema": "par.assessments/1", "units": [{"unit": "  ", "entries": {}}]}
    assert list(ASSESSMENTS.iter_errors(unnamed))
    decimal_number = {"schema": "par.assessments/1",
                      "units": [{"unit": "A", "entries": {"1": {"value": 1.5}}}]}
    assert list(ASSESSMENTS.iter_errors(decimal_number))
    comma = {"schema": "par.assessments/1", "units": [{"unit": "A", "entries": {"1": {"value": "1,5"}}}]}
    assert list(ASSESSMENTS.iter_errors(comma)) == []


PROBLEM_CASES = [c for c in CASES if (c / "expected.json").exists() and problem_codes(c)]


@pytest.mark.parametrize("case", PROBLEM_CASES, ids=lambda c: c.name)
def test_every_problems_document_is_valid_by_its_schema(case: Path):
    assert errors(PROBLEMS, case / "expected.json") == []


def test_the_problem_codes_are_the_packages_error_codes():
    codes = PROBLEMS.schema["$defs"]["ErrorCode"]["oneOf"]
    assert [c["const"] for c in codes] == list(parindex.ERROR_CODES)
    assert len(PROBLEM_CASES) >= 30


RESULTS_DOCUMENTS = [
    path for path in sorted((ROOT / "fixtures" / "cases").glob("*/*.json"))
    if json.loads(path.read_text("utf-8")).get("schema") == "par.results/1"
]


@pytest.mark.parametrize("path", RESULTS_DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_results_document_is_valid_by_its_schema(path: Path):
    assert errors(RESULTS, path) == []


def test_results_with_scores_only_are_valid_and_a_figure_as_a_number_is_not():
    assert len(RESULTS_DOCUMENTS) >= 40
    results = parindex.score(parindex.Methodology.builtin("camau-1880-2013-field1-excerpt"),
                             [{"unit": "A", "entries": {"1.3": {"self": "2.5"}}}], detail="scores")
    document = json.loads(results.to_json())
    assert list(RESULTS.iter_errors(document)) == []
    document["units"][0]["index"] = 83.33
    assert list(RESULTS.iter_errors(document))


@pytest.mark.parametrize("document", ["methodology", "assessments", "results", "problems"])
def test_the_package_gives_each_schema_as_the_repository_holds_it(document: str):
    committed = json.loads((ROOT / "schemas" / f"{document}.schema.json").read_text("utf-8"))
    assert parindex.schema(document) == committed
    with pytest.raises(parindex.UnknownOptionError, match="methodology, assessments, results, problems"):
        parindex.schema("report", lang="en")
    with pytest.raises(parindex.UnknownOptionError, match="không có lược đồ JSON") as refused:
        parindex.schema("report")
    assert refused.value.path == "document" and refused.value.value == "report"


# The type stubs against the schemas: a field added to the results and not to _native.pyi (or
# typed differently there) fails. Python spells `self` as `self_score`, and a node's result also
# carries its code and name, which the results document gives as its key and in `tree`.
STUBS = ast.parse((ROOT / "par-py" / "python" / "parindex" / "_native.pyi").read_text("utf-8"))
STUB_CLASSES = {c.name: c for c in STUBS.body if isinstance(c, ast.ClassDef)}
#: [class of _native.pyi, definition of the results schema, fields renamed, fields Python adds]
RESULT_CLASSES = [
    ("UnitResult", "UnitResult", {}, set()),
    ("NodeResult", "NodeResult", {"self": "self_score"}, {"code", "name"}),
    ("AppraisalRecord", "AppraisalResult", {}, set()),
    ("ComponentResult", "ComponentResult", {}, set()),
    ("BlockStatistics", "BlockStatistics", {}, set()),
    ("Warning", "Warning", {}, set()),
    ("TreeNode", "TreeEntry", {}, set()),
]


def stub_properties(name: str) -> dict[str, str]:
    """The properties a class of the stubs declares, each with its annotation as written."""
    return {f.name: ast.unparse(f.returns) for f in STUB_CLASSES[name].body
            if isinstance(f, ast.FunctionDef)
            and any(isinstance(d, ast.Name) and d.id == "property" for d in f.decorator_list)}


def python_types(schema: dict, field: dict) -> tuple[list[str], bool]:
    """The Python types a schema's field is given as, and whether it may be None."""
    kinds = field.get("anyOf", [field])
    nullable = any(k.get("type") == "null" for k in kinds) or "null" in field.get("type", [])
    (kind,) = [k for k in kinds if k.get("type") != "null"]
    while "$ref" in kind:
        kind = schema["$defs"][kind["$ref"].rsplit("/", 1)[1]]
    if kind.get("pattern") == schema["$defs"]["Decimal"]["pattern"]:
        return ["Decimal"], nullable
    if "oneOf" in kind:  # codes and sources are text; a survey result is a mapping
        kind = {"type": kind["oneOf"][0].get("type", "string")}
    json_types = [kind["type"]] if isinstance(kind["type"], str) else kind["type"]
    python = {"integer": "int", "boolean": "bool", "string": "str", "array": "list",
              "object": "dict"}
    return [python[t] for t in json_types if t != "null"], nullable


@pytest.mark.parametrize(("name", "definition", "renamed", "added"), RESULT_CLASSES,
                         ids=[c[0] for c in RESULT_CLASSES])
def test_the_type_stubs_declare_the_fields_of_the_results_schema(name, definition, renamed, added):
    schema = RESULTS.schema
    fields = schema["$defs"][definition]["properties"]
    declared = stub_properties(name)
    assert set(declared) == {renamed.get(f, f) for f in fields} | added, name
    for field, described in fields.items():
        annotation = declared[renamed.get(field, field)]
        kinds, nullable = python_types(schema, described)
        text = "str" if annotation.startswith("Literal[") else annotation  # a set of codes
        assert all(k in text for k in kinds), (name, field, annotation, kinds)
        assert nullable == ("Optional" in annotation or "None" in annotation), (name, field)


def test_the_type_stubs_name_every_source_of_the_schema():
    source = stub_properties("NodeResult")["source"]
    declared = set(re.findall(r"'([a-z_]+)'", source))
    assert declared == {c["const"] for c in RESULTS.schema["$defs"]["Source"]["oneOf"]}
