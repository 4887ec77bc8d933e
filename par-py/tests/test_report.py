"""The Excel report, opened with a real xlsx reader (openpyxl): numeric cells with their formats,
sheet names, headers, frozen header rows and print set-up; and the same bytes as the shared
fixture, which the command line and JavaScript write too."""

from decimal import Decimal
from pathlib import Path

import xml.etree.ElementTree as ET

import openpyxl
import pytest

import parindex

CASE = Path(__file__).resolve().parents[2] / "fixtures" / "cases" / "blocks-ranked-separately"


@pytest.fixture(scope="module")
def scored():
    methodology = parindex.Methodology.from_file(CASE / "methodology.json")
    return methodology, parindex.score(methodology, CASE / "input.json")


def test_the_report_is_the_shared_fixture_byte_for_byte(scored, tmp_path):
    methodology, results = scored
    expected = (CASE / "expected-report.xlsx").read_bytes()
    assert results.to_xlsx(methodology=methodology, lang="vi") == expected
    path = tmp_path / "bao-cao.xlsx"
    results.to_excel(path, methodology=methodology, lang="vi")
    assert path.read_bytes() == expected


#: Every case that pins its reports: the workbook, the CSV for Excel and the charts.
REPORT_CASES = sorted(p.parent for p in CASE.parent.glob("*/expected-report.xlsx"))


@pytest.mark.parametrize("case", REPORT_CASES, ids=lambda c: c.name)
def test_every_pinned_report_is_the_shared_fixture(case):
    methodology = parindex.Methodology.from_file(case / "methodology.json")
    results = parindex.score(methodology, case / "input.json")
    expected = (case / "expected-report.xlsx").read_bytes()
    assert results.to_xlsx(methodology=methodology, lang="vi") == expected
    for table in ("ranking", "criteria"):
        csv = results.to_excel_csv(table=table, lang="vi").encode("utf-8")
        assert csv == (case / f"expected-{table}-excel.csv").read_bytes()
    for kind in ("ranking", "components", "heatmap"):
        svg = results.chart(kind, lang="vi").svg.encode("utf-8")
        assert svg == (case / f"expected-chart-{kind}.svg").read_bytes()
    assert len(REPORT_CASES) >= 2


def test_a_reader_finds_numbers_formats_sheets_and_headers(scored, tmp_path):
    methodology, results = scored
    path = tmp_path / "bao-cao.xlsx"
    results.to_excel(path, methodology=methodology, previous=results, lang="vi")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Sở, ban, ngành",
        "UBND cấp huyện",
        "Điểm theo tiêu chí",
        "Phân tích tiêu chí",
        "Điểm bị trừ",
        "So với kỳ trước",
    ]
    ranking = book["Sở, ban, ngành"]
    assert ranking["A1"].value.startswith("Kết quả Chỉ số cải cách hành chính")
    header = [c.value for c in ranking[4]]
    assert header[:5] == ["Xếp hạng", "Đơn vị", "Điểm", "Chỉ số (%)", "Xếp loại"]
    first = {h: c for h, c in zip(header, ranking[5])}
    assert first["Đơn vị"].value == "Sở Tư pháp"
    # Numbers, never text: Excel sums and charts them, and shows 93,00 on a Vietnamese computer.
    assert first["Điểm"].data_type == "n" and first["Điểm"].value == 93
    assert first["Điểm"].number_format == "0.00"
    assert first["Xếp hạng"].number_format == "0"
    assert ranking.freeze_panes == "A5"
    assert ranking.print_title_rows == "$4:$4"
    assert ranking.page_setup.orientation == "landscape"
    assert ranking.sheet_properties.pageSetUpPr.fitToPage
    analysis = book["Phân tích tiêu chí"]
    row = {c.value: i for i, c in enumerate(analysis[3])}
    mean = analysis.cell(row=4, column=row["Trung bình"] + 1)
    assert Decimal(str(mean.value)) == Decimal("34.67") and mean.number_format == "0.00"
    changes = book["So với kỳ trước"]
    assert [c.value for c in changes[3]][:3] == ["Đơn vị", "Khối", "Kỳ trước"]
    assert book.properties.created.year == 1980, "fixed document dates: the same bytes every time"


def test_units_only_one_year_has_are_listed_after_the_changes_outside_their_filter(tmp_path):
    case = CASE.parent / "compare-names-spelled-another-way"
    current = parindex.Results.from_file(case / "current.json")
    path = tmp_path / "so-sanh.xlsx"
    current.to_excel(path, previous=case / "previous.json", lang="vi")
    changes = openpyxl.load_workbook(path)["So với kỳ trước"]
    rows = [[c.value for c in row] for row in changes.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "Đơn vị") + 1
    # Seven units in both years (whatever the capitals), sorted by a filter that stops there.
    assert changes.auto_filter.ref == f"A{header}:H{header + 7}"
    assert [r[0] for r in rows[header + 7:]] == [
        None, "Chỉ có ở kỳ trước:", "Đồng Nai", None, "Chỉ có ở kỳ này:", "Kon Tum"]


def test_headings_follow_the_language(scored, tmp_path):
    methodology, results = scored
    path = tmp_path / "report.xlsx"
    path.write_bytes(results.to_xlsx(methodology=methodology, lang="en"))
    book = openpyxl.load_workbook(path)
    assert "Points by criterion" in book.sheetnames
    assert [c.value for c in book["Points by criterion"][3]][:3] == ["Block", "Rank", "Unit"]


@pytest.mark.parametrize("table", ["ranking", "criteria"])
def test_csv_for_excel_is_the_shared_fixture(scored, table, tmp_path):
    _, results = scored
    expected = (CASE / f"expected-{table}-excel.csv").read_bytes()
    assert results.to_excel_csv(table=table, lang="vi").encode("utf-8") == expected
    path = tmp_path / "bang.csv"
    results.to_excel_csv(path, table=table, lang="vi")
    assert path.read_bytes() == expected


def test_pandas_plots_with_floats_on_request(scored):
    _, results = scored
    exact = results.to_pandas()
    assert isinstance(exact["points"][0], Decimal)
    floats = results.to_pandas(decimals="float")
    assert floats["points"].dtype == "float64"
    assert floats["points"].tolist() == [float(p) for p in exact["points"]]


@pytest.mark.parametrize("kind", ["ranking", "components", "heatmap"])
def test_charts_are_the_shared_fixtures(scored, kind, tmp_path):
    _, results = scored
    chart = results.chart(kind, lang="vi")
    expected = (CASE / f"expected-chart-{kind}.svg").read_text("utf-8")
    assert chart.svg == expected
    assert chart._repr_svg_() == expected, "Jupyter shows it"
    svg = ET.fromstring(chart.svg)
    assert svg.get("role") == "img"
    chart.save(tmp_path / "chart.svg")
    assert (tmp_path / "chart.svg").read_text("utf-8") == expected


#: The comparison cases that pin the chart of their changes.
CHANGES_CHARTS = sorted(p.parent for p in CASE.parent.glob("*/expected-chart-changes.svg"))


@pytest.mark.parametrize("case", CHANGES_CHARTS, ids=lambda c: c.name)
def test_the_changes_chart_compares_with_the_previous_ranking(case):
    current = parindex.Results.from_file(case / "current.json")
    previous = case / "previous.json"
    if not previous.exists():
        previous = case / "previous.csv"  # a ranking as published
    chart = current.chart("changes", previous=previous, lang="vi")
    assert chart.svg == (case / "expected-chart-changes.svg").read_text("utf-8")
    assert len(CHANGES_CHARTS) >= 2
    with pytest.raises(parindex.ParError):
        current.chart("changes")
    with pytest.raises(ValueError):
        current.chart("pie")


def test_a_comparison_is_a_dataframe_and_csv_for_excel_with_each_field():
    case = CASE.parent / "results-exact-figures"
    comparison = parindex.compare(case / "previous.json", case / "current.json")
    units = comparison.to_pandas()
    assert list(units["unit"]) == ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"]
    assert units["change"][0] == Decimal("3.01")
    fields = comparison.to_pandas("field", decimals="float")
    assert len(fields) == 9 and fields["change"].dtype == "float64"
    assert comparison.units[0].fields[2]["change"] == Decimal("20.00")
    expected = (case / "expected-changes-excel.csv").read_bytes()
    assert comparison.to_excel_csv(lang="vi").encode("utf-8") == expected


def test_a_comparison_shares_each_field_name_and_refuses_json_past_its_limit():
    # Ten fields named in 16 KB, 2,000 units: each unit's move names every field.
    long = "n" * 16_383
    m = parindex.Methodology.from_dict({
        "schema": "par.methodology/1", "id": "long", "name": "long",
        "nodes": [{"code": str(i), "name": f"{i}{long}", "max": "1"} for i in range(10)],
    })
    results = parindex.score(m, [{"unit": f"u{i}", "entries": {}} for i in range(2_000)])
    comparison = parindex.compare(results, results)
    moves = comparison.units
    assert moves[0].fields[3]["name"] is moves[1999].fields[3]["name"]
    table = comparison.to_pandas("field")
    assert len(table) == 20_000 and table["name"][10].startswith("0n")
    with pytest.raises(parindex.LimitExceededError) as e:
        comparison.to_json(lang="en")
    assert e.value.limit == "comparison_text_bytes"
    assert "bytes of names in one comparison" in e.value.message
