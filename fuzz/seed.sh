#!/usr/bin/env bash
# Copies the fixtures into fuzz/corpus/<target>/ as seeds, and writes corpus/par.dict. Idempotent:
# a seed is named after its source, so a second run overwrites it and leaves what fuzzing added.
# Targets that score take "<methodology>\n<input>": the first line names the case directory
# whose methodology.json goes with the input, or the built-in id of the case's methodology.txt
# (see par_fuzz::split).
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../fixtures
corpus=corpus
for t in methodology assessments table_csv criteria_import results xlsx; do
    mkdir -p "$corpus/$t"
done

# seed TARGET NAME METHODOLOGY FILE: the file as a scoring target's input.
seed() {
    { printf '%s\n' "$3"; cat "$4"; } >"$corpus/$1/$2"
}

for case in "$fixtures"/cases/*/; do
    case=${case%/}
    name=$(basename "$case")
    m=
    if [[ -f $case/methodology.json ]]; then
        cp "$case/methodology.json" "$corpus/methodology/$name.json"
        m=$name
    elif [[ -f $case/methodology.txt ]]; then
        m=$(tr -d '[:space:]' <"$case/methodology.txt")
    fi
    if [[ -n $m && -f $case/input.json ]]; then seed assessments "$name" "$m" "$case/input.json"; fi
    if [[ -n $m && -f $case/input.csv ]]; then seed table_csv "$name" "$m" "$case/input.csv"; fi
    # A form as a portal sends it: one unit, scored whole and kept open.
    for f in "$case"/form*.json; do
        if [[ -n $m && -f $f ]]; then seed assessments "$name-$(basename "$f")" "$m" "$f"; fi
    done
    # expected.json is results where the case scores, else problems or a comparison; those share
    # the results' vocabulary, so every one is a seed.
    for f in "$case"/{expected,previous,current}.json; do
        if [[ -f $f ]]; then cp "$f" "$corpus/results/$name-$(basename "$f")"; fi
    done
done
cp "$fixtures"/tables/*.csv "$corpus/criteria_import/"
# Annexes as provinces publish them (title rows, STT, Roman fields, prose guidance, XẾP LOẠI),
# and the same annex with its classification on a sheet of its own (after a form feed: see the
# target).
for f in "$fixtures"/cases/*/annex*.csv; do
    name=$(basename "$(dirname "$f")")-$(basename "$f")
    cp "$f" "$corpus/criteria_import/$name"
    {
        sed '/XẾP LOẠI/,$d' "$f"
        printf '\f'
        sed -n '/XẾP LOẠI/,$p' "$f"
    } >"$corpus/criteria_import/sheet-$name"
done
# The criteria tables and the score sheets saved as workbooks (a formula without its result, a
# merged block), whole and as their first sheets' XML, which the xlsx target puts into a template
# workbook; one encrypted with a password is no zip, and is a seed whole only.
for f in "$fixtures"/tables/*.xlsx "$fixtures"/cases/*/input.xlsx; do
    name=$(basename "$(dirname "$f")")-$(basename "$f" .xlsx)
    cp "$f" "$corpus/xlsx/$name.xlsx"
    python3 - "$f" "$corpus/xlsx/sheet1-$name.xml" <<'PY'
import sys, zipfile
if zipfile.is_zipfile(sys.argv[1]):
    with zipfile.ZipFile(sys.argv[1]) as book, open(sys.argv[2], "wb") as out:
        out.write(book.read("xl/worksheets/sheet1.xml"))
PY
done
# The built-in methodologies are the real trees.
for f in ../par-core/methodologies/*.json; do
    cp "$f" "$corpus/methodology/builtin-$(basename "$f")"
done
# The bundled examples, with the methodology the README scores them with.
for f in ../examples/*.json; do seed assessments "example-$(basename "$f")" camau-1880-2013-field1-excerpt "$f"; done
for f in ../examples/*.csv; do seed table_csv "example-$(basename "$f")" camau-1880-2013-field1-excerpt "$f"; done

# The vocabulary (field names, schema ids, rule kinds, policy values), both as JSON strings and
# bare (CSV headers and cells), so that mutations insert whole words.
grep -ohE '"[A-Za-z_][A-Za-z0-9_./-]{1,30}"' "$fixtures"/cases/*/*.json ../par-core/methodologies/*.json |
    tr -d '"' | sort -u | while read -r word; do
    printf '"\\"%s\\""\n"%s"\n' "$word" "$word"
done >"$corpus/par.dict"
# The words of annexes (headings, numbering, guidance, ranges, sections), for criteria_import;
# libFuzzer takes only printable ASCII in a dictionary, so other bytes are written \xNN.
python3 - >>"$corpus/par.dict" <<'PY'
words = ["STT", "TT", "Mã", "Nội dung", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Thang điểm",
         "Điểm chuẩn", "Hướng dẫn chấm điểm", "Cách chấm", "Tài liệu kiểm chứng", "Ghi chú",
         "Điểm tự chấm", "PHỤ LỤC", "Kèm theo Quyết định số ", " ngày ", "TỔNG ĐIỂM", "Tổng cộng",
         "XẾP LOẠI", "Khối", "Quy tắc", "II", "IV", "1.1", "a)", "- ", " điểm", "đ", ": ", "; ",
         "(1)", "0,5", "Có", "Không", "từ ", "trên ", "dưới ", "đến ", "đến dưới ", " trở lên",
         " trở xuống", "≥", "≤", "%", "Mỗi ", "trừ ", "được ", "tỷ lệ", " × ", "điểm tối đa",
         "Xuất sắc", "Tốt", "số chữ số thập phân", "\f"]
for w in words:
    print('"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02X}"
                        for b in w.encode()) + '"')
PY

for t in "$corpus"/*/; do
    printf '%-16s %4d inputs\n' "$(basename "$t")" "$(find "$t" -type f | wc -l)"
done
