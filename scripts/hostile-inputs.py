#!/usr/bin/env python3
"""Feeds `par` every hostile input of issue 12 and prints, for each, how it ended.

Each input is made here (nothing large is committed) and run by the release `par` binary under
`ulimit -v 4194304` (4 GiB of address space) and a 20 s timeout, as a province would run it on a
file that came by email. A line reads: the input, the exit status (0 a result, 1 a coded refusal;
anything else is a defect), seconds, peak resident memory, and the first line `par` printed on
standard error.

Usage: python3 scripts/hostile-inputs.py [PATH_TO_PAR]   (default: target/release/par, built first)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_KB = 4194304
TIMEOUT_S = 20
MIB = 1024 * 1024

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def xlsx(path: Path, sheet_data: str, dimension: str = "A1:B2") -> Path:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def ranking_sheets(path: Path, sheets: int, shared_mb: int) -> Path:
    """A published ranking of `sheets` sheets (a block each, two units on each) beside shared
    texts of `shared_mb` MB that no cell uses, random enough to pass the zip-bomb check: each
    sheet read by opening the workbook anew read the shared texts again."""
    import random
    random.seed(1)
    names = range(1, sheets + 1)
    worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    types = CONTENT_TYPES.replace("</Types>", "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{worksheet}"/>' for i in names[1:])
        + "</Types>")
    workbook = WORKBOOK.replace('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>', "".join(
        f'<sheet name="Khối {i}" sheetId="{i}" r:id="rId{i}"/>' for i in names))
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = WORKBOOK_RELS.replace("</Relationships>", "".join(
        f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in names[1:])
        + f'<Relationship Id="rId{sheets + 1}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in [("[Content_Types].xml", types), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels)]:
            z.writestr(name, text)
        for i in names:
            rows = '<row r="1">' + inline("A1", "unit") + inline("B1", "index") + inline("C1", "rank") + "</row>"
            rows += "".join(f'<row r="{r}">' + inline(f"A{r}", f"Đơn vị {i}-{r}")
                            + f'<c r="B{r}"><v>{90 - r}</v></c><c r="C{r}"><v>{r - 1}</v></c></row>' for r in (2, 3))
            z.writestr(f"xl/worksheets/sheet{i}.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet '
                       f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')
        with z.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for _ in range(shared_mb * MIB // (64 * 4016)):
                text = "".join("x" * 4000 + "%08x" % random.getrandbits(32) for _ in range(64))
                part.write(f"<si><t>{text}</t></si>".encode())
            part.write(b"</sst>")
    return path


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def zip_bomb(path: Path, gigabytes: int = 2) -> Path:
    """An xlsx whose sheet is a valid header row followed by gigabytes of blank space."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                b'<row r="1">' + inline("A1", "unit").encode() + b"</row>"
            )
            blank = b" " * MIB
            for _ in range(gigabytes * 1024):
                sheet.write(blank)
            sheet.write(b"</sheetData></worksheet>")
    return path


def ods(path: Path, cell: str | None = None, rows: int = 1_048_576) -> Path:
    """An ods of one sheet: `rows` rows of `cell`, by default a text repeated across 16,384
    columns."""
    cell = cell or ('<table:table-cell table:number-columns-repeated="16384" '
                    'office:value-type="string"><text:p>x</text:p></table:table-cell>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Sheet1">'
        f'<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return path


def methodology(path: Path, nodes: list, **extra) -> Path:
    doc = {"schema": "par.methodology/1", "id": "hostile", "name": "hostile", "nodes": nodes}
    doc.update(extra)
    path.write_text(json.dumps(doc, ensure_ascii=False))
    return path


def units(path: Path, count: int, entries: dict | None = None) -> Path:
    doc = {
        "schema": "par.assessments/1",
        "units": [{"unit": f"u{i}", "entries": entries or {}} for i in range(count)],
    }
    path.write_text(json.dumps(doc))
    return path


def sparse(path: Path, size: int, head: bytes) -> Path:
    """A file of `size` bytes that costs no disk: its head, then a hole."""
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def cases(d: Path) -> list[tuple[str, list[str]]]:
    ten = methodology(d / "ten.json", [{"code": "1", "name": "a", "max": "10"}])
    wide_m = methodology(
        d / "wide-m.json",
        [{"code": str(i), "name": "n", "max": "1"} for i in range(1, 4)],
    )
    options = [{"label": f"Phương án {i}", "points": "0"} for i in range(50_000)]
    two = [{"code": "1", "name": "a", "max": "5"}, {"code": "2", "name": "b", "max": "5"}]
    many_nodes = methodology(
        d / "nodes.json", [{"code": str(i), "name": "n", "max": "1"} for i in range(1, 10_000)]
    )
    third = methodology(d / "third.json", [{"code": "1", "name": "a", "max": "3"}])
    units(d / "third-units.json", 1, {"1": {"value": "1"}})
    third_results = d / "third-results.json"
    with open(third_results, "w") as out:
        subprocess.run([str(PAR), "score", "-m", str(third), str(d / "third-units.json"), "-f", "json"],
                       stdout=out, check=False)
    bad_rows = d / "bad-rows.csv"
    with open(bad_rows, "w") as f:
        f.write("unit,1\n")
        f.writelines(f"u{i},x\n" for i in range(1_000_000))
    # One row each for a criteria set of 100 leaves: room made for every leaf of every unit held
    # took 6 GB before the table was refused for its count.
    one_row_units = d / "one-row-units.csv"
    with open(one_row_units, "w") as f:
        f.write("unit,code,self\n")
        f.writelines(f"U{i},1.1.1,1\n" for i in range(1_000_000))
    # The same with the first unit's rows apart, which holds every unit until the last row.
    one_row_units_apart = d / "one-row-units-apart.csv"
    one_row_units_apart.write_text(one_row_units.read_text() + "U0,1.1.2,1\n")
    national = ROOT / "fixtures" / "bench" / "national-commune-100.json"
    latin = d / "windows-1258.csv"
    latin.write_bytes("unit,1\nSở Y tế,5\n".encode("utf-8").replace("ở".encode(), b"\xde"))
    score = lambda m, *inputs: ["score", "-m", str(m), *map(str, inputs)]
    # A block per unit, or one block's name spelt a hundred thousand ways: every table, chart
    # and analysis passed over the units once per block (a minute each).
    def in_blocks(path: Path, block) -> Path:
        units = [{"unit": f"u{i}", "block": block(i), "entries": {"1": {"value": str(i % 10)}}}
                 for i in range(100_000)]
        path.write_text(json.dumps({"schema": "par.assessments/1", "units": units}))
        return path
    spelt = lambda i: "".join(c.upper() if i >> k & 1 else c for k, c in enumerate("abcdefghijklmnopq"))
    two_leaves = methodology(d / "two.json", two)
    one_block = units(d / "one-block.json", 100_000, {"1": {"value": "1"}, "2": {"value": "2"}})
    wide_results = d / "wide-results.json"
    with open(wide_results, "w") as out:
        subprocess.run([str(PAR), "score", "-m", str(many_nodes), str(units(d / "twenty.json", 20)),
                        "-f", "json", "--detail", "scores", "--compact"], stdout=out, check=False)
    # Twenty units named in 16 KB, tied on every criterion: their analysis names each twice a
    # criterion, 6.5 GB of names from a 330 KB file.
    long_named = d / "long-named.json"
    long_named.write_text(json.dumps({"schema": "par.assessments/1", "units": [
        {"unit": f"{i:02}" + "x" * 16_382, "entries": {}} for i in range(20)]}))
    unknown = d / "unknown-fields.json"
    with open(unknown, "w") as f:
        f.write('{"schema":"par.assessments/1","units":[],')
        f.write(",".join(f'"k{i}":0' for i in range(10_000_000)))
        f.write("}")
    marks = d / "marks-in-one-cell.csv"
    marks.write_text("unit,1\na" + "\u0301" * 6_000_000 + ",5\n")
    # A row of 100 million separators, under the header and as the first line: the CSV reader
    # held its cells whole (3.3 GB) before any limit was checked.
    separators = "," * 100_000_000
    wide_row = d / "wide-row.csv"
    wide_row.write_text("unit,1\nXã A," + separators + "\n")
    wide_first = d / "wide-first-line.csv"
    wide_first.write_text(separators + "\nunit,1\n")
    # A thousand options and a thousand blocks named in a kilobyte each, given by none of a
    # thousand units: each unit's problem listed them all, a gigabyte of messages.
    kilobyte = lambda i: f"{i:04}" + "o" * 996
    many_choices = methodology(d / "many-choices.json", [{"code": "1", "name": "a", "max": "1",
        "rule": {"type": "choice", "options": [{"label": kilobyte(i), "points": "1"} for i in range(1_000)]}}],
        blocks=[{"id": f"k{i}", "name": kilobyte(i)} for i in range(1_000)])
    unchosen = write(d / "unchosen.csv", "unit,code,self\n" + "".join(f"u{i},1,z\n" for i in range(1_000)))
    # 20,000 units choosing the last of a thousand options that differ only in their last
    # characters: each label given was compared with every option's, over two minutes.
    alike = lambda i: "o" * 996 + f"{i:04}"
    alike_choices = methodology(d / "alike-choices.json", [{"code": "1", "name": "a", "max": "1",
        "rule": {"type": "choice", "options": [{"label": alike(i), "points": "1"} for i in range(1_000)]}}])
    last_chosen = write(d / "last-chosen.csv", "unit,code,self\n"
                        + "".join(f"u{i},1,{alike(999)}\n" for i in range(20_000)))
    # 9,999 components, 200 units: a bar and its tooltip for each unit on each (271 MB of SVG).
    components = methodology(d / "components.json", [{"code": str(i), "name": "a", "max": "1",
        "component": f"c{i}"} for i in range(1, 10_000)])
    two_hundred = write(d / "two-hundred.csv", "unit,1\n" + "".join(f"u{i},1\n" for i in range(200)))
    # 20,000 units on two fields named in 16 KB: a comparison's JSON names both on every move.
    long_fields = methodology(d / "long-fields.json", [{"code": str(i), "name": f"{i}" + "n" * 16_383,
        "max": "1"} for i in range(2)])
    long_results = d / "long-fields-results.json"
    with open(long_results, "w") as out:
        subprocess.run([str(PAR), "score", "-m", str(long_fields), str(units(d / "twenty-thousand.json",
                        20_000)), "-f", "json", "--detail", "scores", "--compact"], stdout=out, check=False)
    # Results whose 21,000 units keep none of a tree of 75,000 fields (8 MB): a ranking made of
    # them read every unit's every field (4 s; 79 s at 37 MB).
    long_tree = d / "long-tree-results.json"
    long_tree.write_text(json.dumps({
        "schema": "par.results/1", "methodology": {"id": "t", "name": "t"},
        "rounding": {"places": 2, "mode": "half_up"}, "ranked_on": "rounded", "detail": "scores",
        "tree": [{"code": f"c{i}", "name": "a", "max": "1.00", "depth": 1, "leaf": True}
                 for i in range(75_000)],
        "units": [{"unit": f"u{i}", "block": None, "points": "0.00", "points_exact": "0",
                   "max": "20.00", "index": "0.00", "index_exact": "0", "rank": 1, "band": None,
                   "components": {}, "nodes": {}, "warnings": []} for i in range(21_000)],
        "blocks": [{"block": None, "count": 21_000, "mean": "0.00", "median": "0.00", "min": "0.00",
                    "max": "0.00", "above_mean": 0, "bands": {}, "unbanded": 21_000}]},
        separators=(",", ":")))
    attribute = ('<table:table-cell office:value-type="string" office:string-value="'
                 + "x" * 65_536 + '" table:number-columns-repeated="100"/>')
    return [
        ("json: 100,000 units, a block each", score(ten, in_blocks(d / "blocks-each.json", lambda i: f"k{i}"))),
        ("json: … one block spelt 100,000 ways", score(ten, in_blocks(d / "spelt.json", spelt))),
        ("what-if in a block of 100,000 units", ["what-if", "-m", str(two_leaves), str(one_block),
            "-u", "u5", "--set", "1=5"]),
        ("compare: 20 units × 9,999 fields", ["compare", str(wide_results), str(wide_results)]),
        ("analyze: 20 units named in 16 KB, 9,999 ties", ["analyze", "-m", str(many_nodes),
            str(long_named), "-f", "json"]),
        ("json: 10 million unknown fields", score(ten, unknown)),
        ("csv: 1,000 units giving none of 1,000 options",
            score(many_choices, unchosen)),
        ("csv: 20,000 units, last of 1,000 options alike", score(alike_choices, last_chosen)),
        ("chart components: 200 units × 9,999 components", ["chart", "components", "-m",
            str(components), str(two_hundred)]),
        ("compare: 128 ranking sheets, 250 MB of shared texts", ["compare", str(ranking_sheets(
            d / "ranking-sheets.xlsx", 128, 250)), str(write(d / "current.csv", "unit,index,rank\nĐơn vị 1-2,90,1\n"))]),
        ("compare: results of 75,000 fields kept by none", ["compare", str(long_tree), str(long_tree)]),
        ("compare -f json: 2 fields named in 16 KB", ["compare", str(long_results),
            str(long_results), "-f", "json"]),
        ("csv: a cell of 6 million combining marks", score(ten, marks)),
        ("csv: a row of 100 million separators", score(ten, wide_row)),
        ("csv: … as the first line", score(ten, wide_first)),
        ("ods: a 64 KB attribute repeated 100,000 times", score(ten, ods(d / "attribute.ods", attribute, 1_000))),
        ("xlsx: cell beyond Excel's range", score(ten, xlsx(d / "beyond.xlsx",
            '<row r="1">' + inline("A1", "unit") + inline("XFE1048577", "x") + "</row>"))),
        ("xlsx: one cell at the last column and row", score(ten, xlsx(d / "last.xlsx",
            '<row r="1">' + inline("A1", "unit") + '</row><row r="1048576">'
            + inline("XFD1048576", "x") + "</row>"))),
        ("xlsx: dimension A1:XFD1048576", score(ten, xlsx(d / "dimension.xlsx",
            '<row r="1">' + inline("A1", "unit") + "</row>", "A1:XFD1048576"))),
        ("ods: repeated rows and columns", score(ten, ods(d / "repeated.ods"))),
        ("ods: an empty text repeated down 16 million rows", score(ten, ods(d / "rows.ods",
            '<table:table-cell office:value-type="string"><text:p></text:p></table:table-cell>',
            15_999_999))),
        ("xlsx: one cell at row 15,999,999", score(ten, xlsx(d / "far-down.xlsx",
            '<row r="1">' + inline("A1", "unit") + '</row><row r="15999999">'
            + inline("A15999999", "x") + "</row>"))),
        ("xlsx: zip bomb (2 GiB of sheet)", score(ten, zip_bomb(d / "bomb.xlsx"))),
        ("methodology: 50,000 choice options", ["validate", str(methodology(d / "options.json",
            [{"code": "1", "name": "a", "max": "1", "rule": {"type": "choice", "options": options}}]))]),
        ("methodology: 200,000 blocks", ["validate", str(methodology(d / "blocks.json",
            [{"code": "1", "name": "a", "max": "1"}], blocks=[{"id": f"k{i}"} for i in range(200_000)]))]),
        ("methodology: 100,000 repeated tie-breakers", ["validate", str(methodology(d / "ties.json",
            two, policies={"ranking": {"tie_breakers": [{"node": str(1 + i % 2)} for i in range(100_000)]}}))]),
        ("10,000 tied units, 2 tie-breakers", score(methodology(d / "ties2.json", two,
            policies={"ranking": {"tie_breakers": [{"node": "1"}, {"node": "2"}]}}),
            units(d / "tied.json", 10_000, {"1": {"value": "2.5"}, "2": {"value": "2.5"}}))),
        ("9,999 nodes × 1,000 empty units", score(many_nodes, units(d / "empty.json", 1_000))),
        ("results: exact index of 29 digits, compare", ["compare", str(third_results), str(third_results)]),
        ("results: exact index of 29 digits, explain", ["explain", "-m", str(third),
            str(d / "third-units.json"), "--unit", "u0"]),
        ("csv: duplicated criterion column", score(wide_m, write(d / "dup.csv", "unit,1,2,3,2\nA,1,1,1,0\n"))),
        ("csv: cells beyond the header", score(wide_m, write(d / "beyond.csv", "unit,1,2,3\nA,1,1,1,1\n"))),
        ("csv: ';' header over ',' rows", score(wide_m, write(d / "sep.csv", "unit;1;2;3\nA,1,1,1\nB,0,1,0\n"))),
        ("csv: unterminated quote", score(wide_m, write(d / "quote.csv", 'unit,1,2,3\n"A,1,1,1\nB,0,1,0\n'))),
        ("csv: decimal with 29 places", score(wide_m, write(d / "places.csv",
            "unit,1,2,3\nA,0.00000000000000000000000000001,1,1\n"))),
        ("csv: 600 MB", score(ten, sparse(d / "big.csv", 600 * MIB, b"unit,1\n"))),
        ("json: 600 MB", score(ten, sparse(d / "big.json", 600 * MIB, b"[ "))),
        ("csv: a million bad rows", score(ten, bad_rows)),
        ("csv: a million units of one row each, 100 leaves", score(national, one_row_units)),
        ("csv: … the first unit's rows apart", score(national, one_row_units_apart)),
        ("csv: not UTF-8 (Windows-1258)", score(ten, latin)),
        # A row of 16 cells repeated 990,000 times, within the table's 16 million cells: 2.3 GB
        # to read from 836 bytes of ods, before a sheet's own limit.
        ("ods: a row of 16 cells repeated 990,000 times", score(ten, ods(d / "rows16.ods",
            '<table:table-cell table:number-columns-repeated="16" office:value-type="float" '
            'office:value="1"/>', 990_000))),
        # A classification of 99,000 bands below the criteria: each was placed in order among
        # the others before the classification was refused for more than 100.
        ("import: a classification of 99,000 bands", ["methodology", "import", str(write(
            d / "classification.csv",
            "code,name,max\n1,a,1\n,,\nXẾP LOẠI,,\n"
            + "".join(f"Mức {i},từ {i}% trở lên,\n" for i in range(99_000))))]),
    ]


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def run(args: list[str]) -> tuple[str, str, str, str]:
    timing = "%e %M"
    shell = f'ulimit -v {LIMIT_KB}; exec timeout {TIMEOUT_S} /usr/bin/time -f "{timing}" "$@"'
    p = subprocess.run(["bash", "-c", shell, "run", str(PAR), *args],
                       capture_output=True, text=True, errors="replace")
    lines = p.stderr.strip().splitlines()
    seconds, kb = (lines[-1].split() + ["?", "0"])[:2] if lines else ("?", "0")
    first = next((l for l in lines if not l.startswith("Command")), "")
    status = {124: "timeout"}.get(p.returncode, str(p.returncode))
    mb = f"{int(kb) // 1024} MB" if kb.isdigit() else "?"
    return status, seconds, mb, first[:110]


def main() -> int:
    global PAR
    if len(sys.argv) > 1:
        PAR = Path(sys.argv[1])
    else:
        subprocess.run(["cargo", "build", "-q", "--release", "-p", "par-cli"], cwd=ROOT, check=True)
        PAR = ROOT / "target" / "release" / "par"
    defects = 0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':48} {'exit':>7} {'s':>6} {'peak RSS':>9}  first line")
        for name, args in cases(Path(tmp)):
            status, seconds, mb, first = run(args)
            print(f"{name:48} {status:>7} {seconds:>6} {mb:>9}  {first}")
            defects += status not in ("0", "1")
    print(f"\n{defects} inputs crashed, hung or were killed")
    return 1 if defects else 0


PAR = ROOT / "target" / "release" / "par"

if __name__ == "__main__":
    sys.exit(main())
