//! File input and output: the only I/O in `par`. JSON, CSV (`,` or `;` separated, UTF-8 with or
//! without BOM) and xlsx (first sheet) become text tables; par-core interprets them.

use crate::Failure;
use calamine::{open_workbook_auto, Data, Reader};
use par_core::{read_assessments, CompactString, Methodology, Read, Table, UnitAssessment};
use std::path::{Path, PathBuf};

pub fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))
}

/// A built-in id, or a path to a methodology JSON file.
pub fn methodology(id_or_path: &str) -> Result<Methodology, Failure> {
    let path = Path::new(id_or_path);
    if path.extension().is_some_and(|e| e == "json") || path.exists() {
        Ok(Methodology::from_json(&read_text(path)?)?)
    } else {
        Ok(par_core::builtin::load(id_or_path)?)
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What could be read of all inputs, and the table columns read from floating-point cells.
pub struct Inputs {
    pub units: Read<Vec<UnitAssessment>>,
    pub float_columns: Vec<String>,
}

/// All units of all inputs; problems of every file are reported together, each with its file.
pub fn assessments(m: &Methodology, paths: &[PathBuf]) -> Result<Inputs, Failure> {
    let mut units = Vec::new();
    let mut float_columns = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let parsed = match extension(path).as_str() {
            "json" => read_assessments(&read_text(path)?),
            "csv" | "xlsx" | "xls" | "ods" => {
                let t = table(path)?;
                float_columns.extend(t.float_columns.iter().cloned());
                t.read_assessments(m)
            }
            other => {
                return Err(Failure::Usage(format!(
                    "{}: unknown input type '.{other}'; give .json, .csv or .xlsx",
                    path.display()
                )))
            }
        };
        let found = match parsed {
            Ok(read) => {
                units.extend(read.value);
                read.problems
            }
            Err(p) => p.problems,
        };
        problems.extend(found.into_iter().map(|mut e| {
            if paths.len() > 1 {
                e.message = format!("{}: {}", path.display(), e.message);
            }
            e
        }));
    }
    Ok(Inputs {
        units: Read {
            value: units,
            problems,
        },
        float_columns,
    })
}

/// A CSV or spreadsheet file as a text table.
pub fn table(path: &Path) -> Result<Table, Failure> {
    match extension(path).as_str() {
        "csv" => Table::from_csv(&read_text(path)?).map_err(|mut p| {
            for e in &mut p.problems {
                e.message = format!("{}: {}", path.display(), e.message);
            }
            Failure::Invalid(p)
        }),
        "xlsx" | "xls" | "ods" => sheet_table(path),
        other => Err(Failure::Usage(format!(
            "{}: unknown table type '.{other}'; give .csv or .xlsx",
            path.display()
        ))),
    }
}

fn sheet_table(path: &Path) -> Result<Table, Failure> {
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| Failure::Usage(format!("cannot open {}: {e}", path.display())))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Failure::Usage(format!("{} has no sheet", path.display())))?
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(|c| cell_text(c).into_string()).collect())
        .unwrap_or_default();
    // Number cells are binary floats in the xlsx format; name the columns that held fractions.
    let mut float_columns = Vec::new();
    let mut body = Vec::new();
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if matches!(cell, Data::Float(f) if f.fract() != 0.0) {
                let name = header
                    .get(c)
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", c + 1));
                if !float_columns.contains(&name) {
                    float_columns.push(name);
                }
            }
        }
        body.push(row.iter().map(cell_text).collect());
    }
    Ok(Table {
        header,
        rows: body,
        float_columns,
    })
}

/// A spreadsheet cell as the text a person sees. Numeric cells are stored as binary floating point
/// by the xlsx format itself; their shortest round-trip text is the number that was typed.
fn cell_text(cell: &Data) -> CompactString {
    match cell {
        Data::Empty => CompactString::default(),
        Data::String(s) => s.as_str().into(),
        Data::Int(i) => i.to_string().into(),
        Data::Float(f) => f.to_string().into(),
        Data::Bool(b) => b.to_string().into(),
        other => other.to_string().into(),
    }
}

/// A table as CSV text.
pub fn to_csv(table: &Table) -> Result<String, Failure> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| Failure::Usage(format!("cannot write CSV: {e}"));
    writer.write_record(&table.header).map_err(failed)?;
    for row in &table.rows {
        writer.write_record(row).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::Usage(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
