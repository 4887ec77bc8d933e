//! What an annex gives beside its criteria: the classification (*xếp loại*: `Xuất sắc: từ 90% trở
//! lên`, `Tốt: từ 80% đến dưới 90%`, …), the blocks (*khối*) units are ranked in, and the
//! policies the public record leaves open. Each is a sheet of its own (`Xếp loại`, `Khối`,
//! `Quy tắc`) or a section below the criteria under a heading row of that name.

use super::columns::normalise;
use super::ranges::read_range;
use crate::decimal::Dec;
use crate::error::quoted;
use crate::error::{Collector, ErrorCode, ParError};
use crate::limits::BANDS;
use crate::methodology::{Band, Block, MethodologyDef, Policies};
use crate::text::{DefiningMsg, Interval, Understood};
use rust_decimal::Decimal;
use serde::de::{value::Error as ValueError, IntoDeserializer};
use serde::Deserialize;

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
    // A classification heading says more (`XẾP LOẠI KẾT QUẢ CHỈ SỐ`); the others are a word alone,
    // so that a row such as `Khối các sở có đơn vị trực thuộc` among the criteria starts nothing.
    let starts = |w: &str| t == w || t.starts_with(&format!("{w} "));
    if starts("xếp loại") || starts("phân loại") || ["classification", "bands"].contains(&t)
    {
        Some(Section::Classification)
    } else if ["khối", "các khối", "khối đánh giá", "blocks"].contains(&t) {
        Some(Section::Blocks)
    } else if POLICY_HEADINGS.contains(&t) {
        Some(Section::Policies)
    } else {
        None
    }
}

const POLICY_HEADINGS: &[&str] = &[
    "quy tắc",
    "quy tắc tính điểm",
    "chính sách",
    "cài đặt",
    "thiết lập",
    "policies",
    "settings",
];

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
    /// The sheet, when not the criteria sheet.
    sheet: Option<String>,
    row: usize,
    band: Band,
    interval: Interval,
}

impl ClassRow {
    /// A problem of this band, naming its row and its sheet.
    fn problem(&self, e: ParError) -> ParError {
        e.field("bands")
            .row(self.row)
            .on_sheet(self.sheet.as_deref())
    }
}

/// The rows of every section, read as they come.
#[derive(Default)]
pub struct Sections {
    /// Whether a classification was started (an annex has one).
    classified: bool,
    /// Whether the section being read is refused whole (a second classification, or one past
    /// its limit of bands): its rows are passed over, not each said to be refused again.
    refused: bool,
    bands: Vec<ClassRow>,
    blocks: Vec<Block>,
    /// The policies set, if any.
    policies: Option<Policies>,
}

impl Sections {
    /// Starts a section; a second classification is refused: a methodology has one.
    pub fn start(&mut self, section: Section) -> Result<(), ParError> {
        self.refused = false;
        if section == Section::Classification {
            if self.classified {
                self.refused = true;
                let e = ParError::new(ErrorCode::BadRule, DefiningMsg::ClassificationTwice);
                return Err(e.field("bands"));
            }
            self.classified = true;
        }
        Ok(())
    }

    /// Reads one row of a section (of the criteria sheet, or of the sheet named): what it was read
    /// as, nothing for a blank or heading row, or its problem, naming the row.
    pub fn read_row(
        &mut self,
        section: Section,
        sheet: Option<&str>,
        row: usize,
        cells: &[String],
    ) -> Result<Option<Understood>, ParError> {
        let filled = filled(cells);
        if self.refused || filled.is_empty() || is_heading(&filled) {
            return Ok(None);
        }
        // A note under a section (`Ghi chú: …`) is no entry of it.
        if filled
            .first()
            .is_some_and(|f| normalise(f).starts_with("ghi chú"))
        {
            return Ok(Some(Understood::Skipped));
        }
        let read = match section {
            Section::Classification => self.class_row(sheet, row, &filled),
            Section::Blocks => Ok(self.block_row(&filled)),
            Section::Policies => self.policy_row(&filled),
        };
        read.map(Some).map_err(|e| e.row(row).on_sheet(sheet))
    }

    fn class_row(
        &mut self,
        sheet: Option<&str>,
        row: usize,
        filled: &[&str],
    ) -> Result<Understood, ParError> {
        // `Xuất sắc: từ 90% trở lên` in one cell, or the label and the range in cells of their
        // own; any further cell is part of the range (a condition there leaves it unread).
        let (label, written) = match filled {
            [one] => {
                let (label, range) = one.split_once(':').unwrap_or((one, ""));
                (label.to_string(), range.to_string())
            }
            [label, rest @ ..] => (label.to_string(), rest.join(" ")),
            [] => (String::new(), String::new()),
        };
        let (label, written) = (label.trim().trim_end_matches(':').trim(), written.trim());
        // A classification has at most so many bands: the rows past them are passed over, not
        // each placed in order among the bands (a million rows repeated in an ods of a
        // kilobyte took minutes).
        if self.bands.len() == BANDS.max {
            self.refused = true;
            return Err(BANDS.exceeded_at_least().field("bands"));
        }
        let not_read = || {
            ParError::new(
                ErrorCode::BadRule,
                DefiningMsg::ClassRangeNotRead {
                    written: quoted(&filled.join(" | ")),
                },
            )
            .field("bands")
            .value(written)
        };
        // The classification is of the index, a percentage: a range in points would be read
        // against the wrong scale.
        if written.to_lowercase().contains("điểm") {
            return Err(not_read());
        }
        let range = read_range(written).ok_or_else(not_read)?;
        let mut interval = range.interval;
        interval.label = Some(label.to_string());
        let band = Band {
            label: label.to_string(),
            min: Dec(interval.min.unwrap_or(Decimal::ZERO)),
            inclusive: interval.min.is_none() || interval.min_inclusive,
        };
        // Highest first, as the methodology keeps them; placed in order rather than sorted later
        // (a sort weighs on the WebAssembly package).
        let at = self.bands.partition_point(|c| c.band.min.0 >= band.min.0);
        let class_row = ClassRow {
            sheet: sheet.map(str::to_string),
            row,
            band,
            interval: interval.clone(),
        };
        self.bands.insert(at, class_row);
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
                    key: quoted(written),
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
                    value: quoted(value),
                },
            )
            .field(format!("policies.{path}"))
            .value(value)
        };
        let policies = self.policies.get_or_insert_with(Policies::default);
        set_policy(policies, path, value).ok_or_else(refused)?;
        Ok(Understood::Policy {
            key: path.to_string(),
            value: value.to_string(),
        })
    }

    /// Puts what the sections gave into the methodology. Each classification band's upper bound,
    /// where its words give one, must be where the band above it starts.
    pub fn finish(self, def: &mut MethodologyDef, problems: &mut Collector) {
        let before = problems.len();
        let mut labels = std::collections::HashSet::new();
        for band in &self.bands {
            if !labels.insert(band.band.label.to_lowercase()) {
                let message = DefiningMsg::ClassBandTwice {
                    label: quoted(&band.band.label),
                };
                problems.push(band.problem(ParError::new(ErrorCode::BadRule, message)));
            }
        }
        for pair in self.bands.windows(2) {
            let (above, this) = (&pair[0], &pair[1]);
            if let Some(code) = disagreement(above, this) {
                let message = DefiningMsg::ClassBandsDisagree {
                    label: quoted(&this.band.label),
                    upper: Interval {
                        label: None,
                        ..this.interval.clone()
                    },
                    above: quoted(&above.band.label),
                    above_min: above.band.min.0,
                };
                problems.push(this.problem(ParError::new(code, message)));
            }
        }
        // Bands already refused here are not handed to the methodology to be refused again.
        if !self.bands.is_empty() && problems.len() == before {
            def.bands = self.bands.into_iter().map(|c| c.band).collect();
        }
        def.blocks.extend(self.blocks);
        if let Some(policies) = self.policies {
            def.policies = policies;
        }
    }
}

/// Whether a band's upper bound, where its words give one, leaves a gap below the band above it
/// or overlaps it.
fn disagreement(above: &ClassRow, this: &ClassRow) -> Option<ErrorCode> {
    let upper = this.interval.max?;
    let both_out = !this.interval.max_inclusive && !above.band.inclusive;
    let both_in = this.interval.max_inclusive && above.band.inclusive;
    if upper < above.band.min.0 || (upper == above.band.min.0 && both_out) {
        Some(ErrorCode::BandGap)
    } else if upper > above.band.min.0 || both_in {
        Some(ErrorCode::BandOverlap)
    } else {
        None
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
    let mut filled = super::filled(cells);
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

/// Sets one policy from its written value: yes/no for the two requirements, a whole number of
/// places, the methodology's name of a choice (`half_even`, `dense`, `rescale`…) for the others.
/// `None` when the value is none of those the policy takes.
fn set_policy(p: &mut Policies, path: &str, value: &str) -> Option<()> {
    let v = normalise(value);
    match path {
        "evidence_required" => p.evidence_required = yes_no(&v)?,
        "reason_required" => p.reason_required = yes_no(&v)?,
        "rounding.places" => p.rounding.places = v.parse().ok()?,
        "rounding.mode" => p.rounding.mode = named(&v)?,
        "ranking.on" => p.ranking.on = named(&v)?,
        "ranking.ties" => p.ranking.ties = named(&v)?,
        "missing_leaf" => p.missing_leaf = named(&v)?,
        "unappraised_self" => p.unappraised_self = named(&v)?,
        "no_survey" => p.no_survey = named(&v)?,
        _ => return None,
    }
    Some(())
}

fn yes_no(v: &str) -> Option<bool> {
    match v {
        "có" | "yes" | "true" | "x" => Some(true),
        "không" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// A policy's choice by the name the methodology's JSON gives it.
fn named<'de, T: Deserialize<'de>>(v: &'de str) -> Option<T> {
    T::deserialize(IntoDeserializer::<ValueError>::into_deserializer(v)).ok()
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
