//! What an annex gives beside its criteria: the classification (*xếp loại*: `Xuất sắc: từ 90% trở
//! lên`, `Tốt: từ 80% đến dưới 90%`, …), the blocks (*khối*) units are ranked in, and the
//! policies the public record leaves open. Each is a sheet of its own (`Xếp loại`, `Khối`,
//! `Quy tắc`) or a section below the criteria under a heading row of that name.

use super::columns::normalise;
use super::ranges::read_range;
use crate::decimal::Dec;
use crate::error::{Collector, ErrorCode, ParError};
use crate::methodology::{Band, Block, MethodologyDef, Policies};
use crate::text::{DefiningMsg, Interval, Understood};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A part of the methodology given outside the criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Classification,
    Blocks,
    Policies,
}

/// The section a heading row or a sheet's name starts, if it starts one: `XẾP LOẠI`,
/// `III. Phân loại kết quả`, `Khối`, `Quy tắc tính điểm`, and their English names.
pub fn section_of(title: &str) -> Option<Section> {
    let t = normalise(title);
    // Without a number before it (`III.`, `2)`).
    let t = match t.split_once(' ') {
        Some((head, rest))
            if head.ends_with(['.', ')'])
                && head
                    .trim_end_matches(['.', ')'])
                    .chars()
                    .all(|c| c.is_ascii_digit() || "ivxlc".contains(c)) =>
        {
            rest
        }
        _ => t.as_str(),
    };
    let t = t.trim_end_matches(':').trim();
    let starts = |words: &[&str]| {
        words
            .iter()
            .any(|w| t == *w || t.starts_with(&format!("{w} ")))
    };
    if starts(&["xếp loại", "phân loại", "classification", "bands"]) {
        Some(Section::Classification)
    } else if starts(&["khối", "các khối", "blocks"]) {
        Some(Section::Blocks)
    } else if starts(&["quy tắc", "chính sách", "cài đặt", "thiết lập", "policies"]) {
        Some(Section::Policies)
    } else {
        None
    }
}

/// The policies a section may set: their names in the methodology, then the words an annex
/// may use for them.
const POLICIES: &[(&str, &[&str])] = &[
    ("rounding.places", &["số chữ số thập phân", "làm tròn đến"]),
    ("rounding.mode", &["cách làm tròn"]),
    ("ranking.on", &["xếp hạng theo"]),
    ("ranking.ties", &["đồng hạng"]),
    ("missing_leaf", &["tiêu chí không có điểm"]),
    ("unappraised_self", &["điểm tự chấm chưa thẩm định"]),
    ("evidence_required", &["bắt buộc tài liệu kiểm chứng"]),
    ("reason_required", &["bắt buộc lý do điều chỉnh"]),
    ("no_survey", &["không có điều tra xã hội học"]),
];

struct ClassRow {
    row: usize,
    band: Band,
    interval: Interval,
}

/// The rows of every section, read as they come.
#[derive(Default)]
pub struct Sections {
    bands: Vec<ClassRow>,
    blocks: Vec<Block>,
    policies: Map<String, Value>,
}

impl Sections {
    /// Reads one row of a section: what it was read as, nothing for a blank or heading row, or
    /// its problem, naming the row.
    pub fn read_row(
        &mut self,
        section: Section,
        row: usize,
        cells: &[String],
    ) -> Result<Option<Understood>, ParError> {
        let filled = filled(cells);
        if filled.is_empty() || is_heading(&filled) {
            return Ok(None);
        }
        let read = match section {
            Section::Classification => self.class_row(row, &filled),
            Section::Blocks => Ok(self.block_row(&filled)),
            Section::Policies => self.policy_row(&filled),
        };
        read.map(Some).map_err(|e| e.row(row))
    }

    fn class_row(&mut self, row: usize, filled: &[&str]) -> Result<Understood, ParError> {
        let (label, written) = match filled {
            [one] => one.split_once(':').unwrap_or((one, "")),
            [label, range, ..] => (*label, *range),
            [] => ("", ""),
        };
        let (label, written) = (label.trim().trim_end_matches(':').trim(), written.trim());
        let not_read = || {
            ParError::new(
                ErrorCode::BadRule,
                DefiningMsg::ClassRangeNotRead {
                    written: filled.join(" | "),
                },
            )
            .field("bands")
            .value(written)
        };
        let range = read_range(written).ok_or_else(not_read)?;
        let mut interval = range.interval;
        interval.label = Some(label.to_string());
        let band = Band {
            label: label.to_string(),
            min: Dec(interval.min.unwrap_or(Decimal::ZERO)),
            inclusive: interval.min.is_none() || interval.min_inclusive,
        };
        self.bands.push(ClassRow {
            row,
            band,
            interval: interval.clone(),
        });
        Ok(Understood::ClassBand { band: interval })
    }

    fn block_row(&mut self, filled: &[&str]) -> Understood {
        let id = filled[0].to_string();
        self.blocks.push(Block {
            id: id.clone(),
            name: filled.get(1).map(|n| n.to_string()),
            bands: None,
        });
        Understood::Block { id }
    }

    fn policy_row(&mut self, filled: &[&str]) -> Result<Understood, ParError> {
        let (written, value) = (filled[0], filled.get(1).copied().unwrap_or_default());
        let key = normalise(written);
        let Some((path, _)) = POLICIES
            .iter()
            .find(|(path, words)| *path == key || words.contains(&key.as_str()))
        else {
            let known = POLICIES.iter().map(|(p, _)| p.to_string()).collect();
            return Err(ParError::new(
                ErrorCode::UnknownField,
                DefiningMsg::UnknownPolicy {
                    key: written.to_string(),
                    known,
                },
            )
            .field("policies")
            .value(written));
        };
        let refused = || {
            ParError::new(
                ErrorCode::UnknownOption,
                DefiningMsg::PolicyValue {
                    key: path.to_string(),
                    value: value.to_string(),
                },
            )
            .field(format!("policies.{path}"))
            .value(value)
        };
        let json = policy_value(path, value).ok_or_else(refused)?;
        let mut policies = self.policies.clone();
        set(&mut policies, path, json);
        serde_json::from_value::<Policies>(Value::Object(policies.clone()))
            .map_err(|_| refused())?;
        self.policies = policies;
        Ok(Understood::Policy {
            key: path.to_string(),
            value: value.to_string(),
        })
    }

    /// Puts what the sections gave into the methodology. Classification bands are listed from the
    /// highest down, as the methodology keeps them; each band's upper bound, where its words give
    /// one, must be where the band above it starts.
    pub fn finish(mut self, def: &mut MethodologyDef, problems: &mut Collector) {
        self.bands.sort_by_key(|b| std::cmp::Reverse(b.band.min.0));
        for pair in self.bands.windows(2) {
            let (above, this) = (&pair[0], &pair[1]);
            let Some(upper) = this.interval.max else {
                continue;
            };
            let both_out = !this.interval.max_inclusive && !above.band.inclusive;
            let both_in = this.interval.max_inclusive && above.band.inclusive;
            let code = if upper < above.band.min.0 || (upper == above.band.min.0 && both_out) {
                ErrorCode::BandGap
            } else if upper > above.band.min.0 || both_in {
                ErrorCode::BandOverlap
            } else {
                continue;
            };
            {
                let message = DefiningMsg::ClassBandsDisagree {
                    label: this.band.label.clone(),
                    upper: this.interval.clone(),
                    above: above.band.label.clone(),
                    above_min: above.band.min.0,
                };
                problems.push(ParError::new(code, message).field("bands").row(this.row));
            }
        }
        if !self.bands.is_empty() {
            def.bands = self.bands.into_iter().map(|c| c.band).collect();
        }
        def.blocks.extend(self.blocks);
        if let Ok(policies) = serde_json::from_value(Value::Object(self.policies)) {
            def.policies = policies;
        }
    }
}

/// The headings of a section's columns, read as nothing: `STT | Xếp loại | Tỷ lệ điểm`,
/// `Mã khối | Tên khối`, `Quy tắc | Giá trị`.
const HEADINGS: &[&str] = &[
    "stt",
    "tt",
    "mã",
    "tên",
    "mã khối",
    "tên khối",
    "khối",
    "xếp loại",
    "mức xếp loại",
    "loại",
    "mức",
    "tỷ lệ",
    "tỷ lệ điểm",
    "khoảng",
    "điểm",
    "chỉ số",
    "quy tắc",
    "giá trị",
    "ghi chú",
    "block",
    "id",
    "name",
    "label",
    "range",
    "policy",
    "value",
];

/// Whether a row names a section or its columns rather than giving one of its entries.
fn is_heading(filled: &[&str]) -> bool {
    filled
        .iter()
        .all(|c| HEADINGS.contains(&normalise(c).as_str()) || section_of(c).is_some())
}

/// The non-empty cells of a row, without the row number (`STT`) a sheet may start with.
fn filled(cells: &[String]) -> Vec<&str> {
    let mut filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let numbered = filled.first().is_some_and(|c| {
        c.trim_end_matches(['.', ')'])
            .bytes()
            .all(|b| b.is_ascii_digit())
    });
    if numbered && filled.len() > 1 {
        filled.remove(0);
    }
    filled
}

/// A policy's value as the methodology's JSON takes it: yes/no for the two requirements, a
/// whole number of places, a lower-case name for the others.
fn policy_value(path: &str, value: &str) -> Option<Value> {
    let v = normalise(value);
    match path {
        "evidence_required" | "reason_required" => match v.as_str() {
            "có" | "yes" | "true" | "x" => Some(Value::Bool(true)),
            "không" | "no" | "false" => Some(Value::Bool(false)),
            _ => None,
        },
        "rounding.places" => v.parse::<u32>().ok().map(Value::from),
        _ => Some(Value::String(v)),
    }
}

/// Sets `a.b` (or `a`) in a JSON object.
fn set(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let inner = object
                .entry(head)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                set(inner, rest, value);
            }
        }
        None => {
            object.insert(path.to_string(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings_are_recognised() {
        assert_eq!(section_of("XẾP LOẠI"), Some(Section::Classification));
        assert_eq!(
            section_of("III. Phân loại kết quả:"),
            Some(Section::Classification)
        );
        assert_eq!(section_of("Khối"), Some(Section::Blocks));
        assert_eq!(section_of("Quy tắc tính điểm"), Some(Section::Policies));
        assert_eq!(section_of("Kế hoạch CCHC"), None);
    }
}
