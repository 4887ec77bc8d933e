//! Scoring a batch: every unit scored ([`crate::unit`]), then ranked per block, banded and
//! summed up in statistics; all problems of all units reported together. [`Scorer`] does the
//! same unit by unit, as a reader gives them.

use crate::assessment::{
    check_unit_count, too_many_units, Entries, NotRead, UnitAssessment, Units,
};
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::limits;
use crate::methodology::Methodology;
use crate::names::{spelling_key, NameAsked};
use crate::results::{
    own_total_differs, Detail, MethodologyRef, Results, SharedTexts, UnitResult, Warning,
    WorkingsFile, RESULTS_SCHEMA,
};
use crate::table::{OwnTotal, PassedOver, ReasonsNotRead, SignatureRows, Table};
use crate::text::{Lang, ReadingMsg, ScoringMsg, WarningMsg};
use crate::unit::score_unit;
use crate::{HashMap, HashSet};
use std::collections::hash_map::Entry;
use std::sync::Arc;

/// Scores and ranks every unit: units built by the caller (`Vec<UnitAssessment>`), or what a
/// reader could read of an input ([`Read`], e.g. [`crate::read_assessments`]), whose problems
/// are then reported together with those scoring finds in the readable part (leaving out a
/// second report for a place already reported, such as a missing leaf whose entry could not be
/// read). All problems of all units are reported together. The results' warnings and rule notes
/// are written in `lang`.
pub fn score(
    m: &Methodology,
    units: impl Into<Read<Vec<UnitAssessment>>>,
    lang: Lang,
) -> Result<Results, Problems> {
    Scorer::new(m, lang).score_read(units.into())
}

/// A scorer takes the units a reader gives as it reads them ([`crate::AssessmentStream`]).
impl Units for Scorer<'_> {
    fn take(&mut self, unit: UnitAssessment, within_limits: bool) -> Result<(), NotRead> {
        if self.full() {
            return Err(NotRead);
        }
        // A unit with a text past its limit is scored as any other unit given, which names it.
        self.add_read(unit, within_limits);
        Ok(())
    }

    /// The entries of the last unit scored whose inputs were let go: a national run's million
    /// entries then take their lists' room from the unit before, not from the allocator (about
    /// 8 % of a run in WebAssembly).
    fn spare_entries(&mut self) -> Option<Entries> {
        self.spare.take()
    }
}

/// Refuses `units` units whose results would pass [`limits::NODE_RESULTS`].
fn check_node_results(m: &Methodology, units: usize) -> Result<(), ParError> {
    limits::NODE_RESULTS
        .check(units.saturating_mul(m.nodes.len()))
        .map_err(|e| e.field("units"))
}

/// A ranking's blocks are few (sở, huyện, xã; a methodology declares at most
/// [`limits::BLOCKS`]): every table, chart and analysis of the results passes over the units once
/// per block, and a block per unit, typed or spelt apart, would make each of them take minutes.
fn check_block_count(units: &[UnitResult]) -> Result<(), ParError> {
    let blocks: HashSet<&str> = units.iter().filter_map(|u| u.block.as_deref()).collect();
    limits::BLOCKS
        .check(blocks.len())
        .map_err(|e| e.field("block"))
}

/// Whether one scoring under `m` takes `units` units: the limit they pass, if any
/// ([`limits::UNITS`], [`limits::NODE_RESULTS`]).
pub(crate) fn within_limits(m: &Methodology, units: usize) -> Result<(), ParError> {
    check_unit_count(units).and_then(|()| check_node_results(m, units))
}

/// Scores units one at a time as they arrive, and ranks them at the end: a binding can score
/// the units it has read while it reads the rest (the Python package does, on a second thread).
/// The result is the same as [`score`]'s for the same units in the same order.
pub struct Scorer<'m> {
    m: &'m Methodology,
    lang: Lang,
    /// What the spellings of the units' names given so far share ([`spelling_key`]), each with
    /// the name first given so.
    spellings: HashMap<String, String>,
    /// What the spellings share of units refused before they were named (a text over its limit,
    /// a name a spreadsheet did not compute): an input's parts scored side by side are merged
    /// only where no unit is in two of them, refused or not ([`Scorer::merge`]).
    spellings_refused: HashSet<String>,
    scored: Vec<UnitResult>,
    problems: Collector,
    /// Problems the units' reader found as it gave them, reading on past each (a table's rows
    /// read as they come): reported first, as [`Scorer::finish_read`] reports a reader's.
    read_problems: Collector,
    given: usize,
    detail: Detail,
    /// Whether the units' results are kept: not once their reader found a problem, which
    /// refuses the input whatever scoring finds (see [`Scorer::refused`]).
    keeps_results: bool,
    /// Made to find an input's problems only ([`Scorer::for_problems_only`]): it keeps no
    /// results, and may finish without a problem (with results of no unit, read by no one).
    problems_only: bool,
    /// What a table's reader passed over as it read its rows (its signatures, the reasons its
    /// rows typed that no score keeps), said in the results' warnings as the table read whole
    /// says them ([`crate::Table::passed_over`]).
    passed_over: PassedOver,
    /// The entries of the last unit whose inputs were let go ([`Detail::Scores`]), for a reader
    /// to read the next unit into ([`Units::spare_entries`]).
    spare: Option<Entries>,
    /// Where each unit's workings are written as it is scored, its inputs then let go
    /// ([`Scorer::writing_workings`]).
    workings: Option<WritingWorkings<'m>>,
    /// The texts of the units' warnings, each held once.
    warning_texts: SharedTexts,
    /// The totals the units' sheet gives them, by unit, each compared with its points as it
    /// is scored ([`Scorer::comparing_own_totals`]).
    own_totals: HashMap<String, OwnTotal>,
    /// The unit a question is about, whose inputs alone are kept ([`Scorer::keeping_inputs_of`]).
    asked: Option<Arc<NameAsked>>,
}

/// Where a scorer writes each unit's workings, and the buffer it makes them in (used again for
/// each unit).
struct WritingWorkings<'m> {
    file: &'m WorkingsFile,
    made: Vec<u8>,
}

impl<'m> Scorer<'m> {
    /// A scorer writing its results' warnings and rule notes in `lang`.
    pub fn new(m: &'m Methodology, lang: Lang) -> Self {
        Scorer {
            m,
            lang,
            spellings: HashMap::default(),
            spellings_refused: HashSet::default(),
            scored: Vec::new(),
            problems: Collector::default(),
            read_problems: Collector::default(),
            given: 0,
            detail: Detail::Full,
            keeps_results: true,
            problems_only: false,
            passed_over: PassedOver::default(),
            spare: None,
            workings: None,
            warning_texts: SharedTexts::default(),
            own_totals: HashMap::default(),
            asked: None,
        }
    }

    /// Compares each unit's points, as it is scored, with the total its sheet gives it
    /// (`totals`, [`crate::Table::own_totals`]), in a warning where they differ: said in the
    /// unit's workings where they are written as it is scored.
    pub(crate) fn comparing_own_totals(&mut self, totals: Vec<OwnTotal>) {
        self.own_totals = totals.into_iter().map(|t| (t.unit.clone(), t)).collect();
    }

    /// Takes the reasons a table's rows typed that no score keeps, counted as they were read.
    pub(crate) fn reasons_not_read(&mut self, reasons: ReasonsNotRead) {
        self.passed_over.reasons = Some(reasons);
    }

    /// Takes the signatures below a table, passed over as its rows were read.
    pub(crate) fn signatures_passed_over(&mut self, signatures: SignatureRows) {
        self.passed_over.signatures = Some(signatures);
    }

    /// Says that the reader of the units found a problem: the input is refused, and the units
    /// still given are scored only for the problems scoring finds in them, each unit let go once
    /// scored (a national run with one bad cell does not hold a million results it will never
    /// show). Only [`Scorer::finish_read`] with the reader's problems may follow.
    pub(crate) fn refused(&mut self) {
        self.keeps_results = false;
        self.scored = Vec::new();
        self.warning_texts = SharedTexts::default();
    }

    /// Takes the problems a reader found in the units it gave as it read on past them, having
    /// said so ([`Scorer::refused`]) when it found the first: the input is refused with them,
    /// then with what scoring finds, as [`Scorer::finish_read`] refuses it.
    pub(crate) fn found_in_reading(&mut self, problems: Collector) {
        if !problems.is_empty() {
            self.refused();
        }
        self.read_problems.append(problems);
    }

    /// Scores every unit a reader read, beside the problems it found (see [`Scorer::finish_read`]),
    /// with a scorer given no unit yet. Too many units, or more results than the limit, are
    /// refused whole, before any unit is scored.
    pub(crate) fn score_read(
        mut self,
        input: Read<Vec<UnitAssessment>>,
    ) -> Result<Results, Problems> {
        debug_assert_eq!(self.given, 0, "a scorer given units already");
        match within_limits(self.m, input.value.len()) {
            Ok(()) => {
                if !input.problems.is_empty() {
                    self.refused();
                }
                input.value.into_iter().for_each(|u| self.add(u));
            }
            Err(limit) => self.problems.push(limit),
        }
        self.finish_read(input.problems)
    }

    /// A scorer as this one was made, given no unit yet.
    pub(crate) fn anew(&self) -> Self {
        let mut fresh = Scorer::new(self.m, self.lang).with_detail(self.detail);
        fresh.own_totals = self.own_totals.clone();
        fresh.asked = self.asked.clone();
        if let Some(workings) = &self.workings {
            fresh = fresh.writing_workings(workings.file);
        }
        match self.problems_only {
            true => fresh.finding_problems_only(),
            false => fresh,
        }
    }

    /// A scorer as this one was made, given no unit yet, that finds the problems of the units
    /// given and keeps none of their results: for an input that most likely has a problem, read
    /// again keeping results only when it has none (see `assessment::score_reporting_problems`).
    pub(crate) fn for_problems_only(&self) -> Self {
        self.anew().finding_problems_only()
    }

    fn finding_problems_only(mut self) -> Self {
        self.refused();
        self.problems_only = true;
        self
    }

    /// Ranks the units a reader gave one at a time ([`Scorer::add`]) as [`Scorer::score_read`]
    /// ranks them given all at once, beside the problems the reader found: more units than the
    /// limits take are refused for that alone, whatever scoring the first of them found.
    pub(crate) fn finish_given(
        mut self,
        read_problems: Vec<ParError>,
    ) -> Result<Results, Problems> {
        if let Err(limit) = within_limits(self.m, self.given) {
            self.problems = Collector::default();
            self.problems.push(limit);
        }
        self.finish_read(read_problems)
    }

    /// A scorer keeping of each unit's inputs what `detail` asks for: with [`Detail::Scores`]
    /// a unit's inputs are let go as soon as it is scored, so that memory holds the scores
    /// of a national run, not its million inputs.
    pub fn with_detail(mut self, detail: Detail) -> Self {
        self.detail = detail;
        self
    }

    /// A scorer for a question about one unit (`par explain`, `par what-if`): it keeps the
    /// inputs of the unit `name` may mean ([`crate::Results::unit`]) and the scores of every
    /// unit, letting the others' inputs go as each is scored, as [`Detail::Scores`] does. Its
    /// results say [`Detail::Full`], for the unit asked about, and every other unit's says its
    /// inputs were let go (a what-if about it is refused); they are not a document to write. A
    /// national run's what-if took 924 MB holding every unit's inputs, 160 MB so.
    pub fn keeping_inputs_of(mut self, name: &str) -> Self {
        self.detail = Detail::Full;
        self.asked = Some(Arc::new(NameAsked::new(name)));
        self
    }

    /// A scorer keeping every input ([`Detail::Full`]) that writes each unit's workings, with
    /// its inputs, in `workings` as soon as it is scored, and keeps its scores only: the
    /// results are then written with [`Results::write_json_with_workings`], as they would be
    /// held whole, without holding a national run's million inputs until it is ranked.
    pub fn writing_workings(mut self, workings: &'m WorkingsFile) -> Self {
        self.workings = Some(WritingWorkings {
            file: workings,
            made: Vec::new(),
        });
        self
    }

    pub(crate) fn methodology(&self) -> &'m Methodology {
        self.m
    }

    /// The language of the results' warnings and rule notes.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether each unit's results keep the inputs behind them ([`Detail::Full`]).
    pub(crate) fn keeps_inputs(&self) -> bool {
        self.detail == Detail::Full && self.asked.is_none()
    }

    /// Whether one more unit would pass [`limits::UNITS`] or [`limits::NODE_RESULTS`].
    pub(crate) fn full(&self) -> bool {
        !self.takes(1)
    }

    /// Whether `units` more units stay within [`limits::UNITS`] and [`limits::NODE_RESULTS`].
    pub(crate) fn takes(&self, units: usize) -> bool {
        within_limits(self.m, self.given.saturating_add(units)).is_ok()
    }

    /// Scores one unit; its problems are kept for [`Scorer::finish`]. Units beyond
    /// [`limits::UNITS`], or whose node results would pass [`limits::NODE_RESULTS`], are refused
    /// (once) and not scored.
    pub fn add(&mut self, unit: UnitAssessment) {
        self.add_read(unit, false);
    }

    /// [`Scorer::add`] for a unit whose reader knows each of its texts to be within its limit
    /// (`within_limits`: a table's rows, whose cells were measured as they were cut, and the
    /// units of a JSON text read in one pass, whose texts were measured as they were read), which
    /// are then not measured again.
    pub(crate) fn add_read(&mut self, mut unit: UnitAssessment, within_limits: bool) {
        self.given += 1;
        if self.given > limits::UNITS.max {
            if self.given == limits::UNITS.max + 1 {
                self.problems.push(too_many_units(self.given));
            }
            return;
        }
        let node_results = self.given.saturating_mul(self.m.nodes.len());
        if node_results > limits::NODE_RESULTS.max {
            if node_results - self.m.nodes.len() <= limits::NODE_RESULTS.max {
                self.problems.push(
                    limits::NODE_RESULTS
                        .exceeded_at_least()
                        .unit(&unit.unit)
                        .field("units"),
                );
            }
            return;
        }
        if !within_limits {
            let oversized = crate::assessment::over_limits(&unit);
            if !oversized.is_empty() {
                oversized.into_iter().for_each(|e| self.problems.push(e));
                self.spellings_refused.insert(spelling_key(&unit.unit));
                return;
            }
        }
        unit.normalize_names();
        // A name of characters that take no room (a zero-width space a copy left) is none.
        if unit.unit.is_empty() {
            self.problems.push(unnamed(&unit));
            return;
        }
        if let Some(problem) = name_or_block_not_read(&unit) {
            self.problems.push(problem);
            self.spellings_refused.insert(spelling_key(&unit.unit));
            return;
        }
        if let Err(named_before) = self.first_named(&unit) {
            self.problems.push(named_before);
            return;
        }
        match score_unit(self.m, unit, self.lang) {
            Ok(_) if !self.keeps_results => {}
            Ok(mut u) => {
                let given = self.own_totals.get(&u.unit);
                let differs = given.and_then(|given| own_total_differs(&u, given, self.lang));
                u.warnings.extend(differs);
                self.let_inputs_go(&mut u);
                self.warning_texts.share(&mut u.warnings);
                self.scored.push(u)
            }
            Err(errors) => errors.into_iter().for_each(|e| self.problems.push(e)),
        }
    }

    /// Lets go of a unit's inputs just scored, for the next unit to be read into, where the
    /// results keep scores only, or its workings were written ([`Scorer::writing_workings`]).
    fn let_inputs_go(&mut self, unit: &mut UnitResult) {
        let not_asked = |asked: &NameAsked| !asked.may_mean(&unit.unit);
        match (self.detail, &mut self.workings) {
            (Detail::Scores, _) => self.spare = Some(unit.nodes.forget_inputs()),
            (Detail::Full, _) if self.asked.as_deref().is_some_and(not_asked) => {
                self.spare = Some(unit.nodes.forget_inputs())
            }
            (Detail::Full, Some(workings)) => {
                if let Some(at) = workings.file.write(unit, &mut workings.made) {
                    self.spare = Some(unit.nodes.written_out(at));
                }
            }
            (Detail::Full, None) => {}
        }
    }

    /// Records a unit's name, unless a unit was given it before, or another spelling of it
    /// (capitals, the place of a tone mark: `Hòa`, `Hoà`): which is said.
    fn first_named(&mut self, unit: &UnitAssessment) -> Result<(), ParError> {
        let name = unit.unit.as_str();
        // The earlier spelling is kept beside its key: a table of units all spelled twice would
        // otherwise look through every name for each.
        let message = match self.spellings.entry(spelling_key(name)) {
            Entry::Vacant(first) => {
                first.insert(name.to_string());
                return Ok(());
            }
            Entry::Occupied(earlier) if earlier.get() == name => ScoringMsg::UnitTwice {
                unit: name.to_string(),
            },
            Entry::Occupied(earlier) => ScoringMsg::UnitSpelledTwoWays {
                unit: name.to_string(),
                earlier: earlier.get().clone(),
            },
        };
        Err(named_again(unit, message))
    }

    /// The units of `later` after this scorer's, as if one scorer had scored them all: for
    /// parts of an input scored side by side ([`crate::table::LongCsv::parts`]), with the
    /// problems each found, the reader's then scoring's, in the parts' order. `None` when a unit
    /// is in both, or together they pass a limit: the input is then scored whole, which says so
    /// in the order it always does.
    pub fn merge(mut self, later: Scorer<'m>) -> Option<Self> {
        // Read whole, a table's unit whose rows are apart is said to be so, refused or not. (A
        // JSON document's unit given twice is said alike however it is read: its parts are
        // read whole too, which costs a second reading of a rare document.)
        let earlier =
            |u: &String| self.spellings.contains_key(u) || self.spellings_refused.contains(u);
        let mut later_units = later.spellings.keys().chain(&later.spellings_refused);
        // Signatures end a table: no part comes after them.
        if later_units.any(earlier) || self.passed_over.signatures.is_some() {
            return None;
        }
        self.given += later.given;
        if within_limits(self.m, self.given).is_err() {
            return None;
        }
        self.spellings.extend(later.spellings);
        self.spellings_refused.extend(later.spellings_refused);
        self.problems.append(later.problems);
        self.read_problems.append(later.read_problems);
        let reasons = match (self.passed_over.reasons.take(), later.passed_over.reasons) {
            (Some(first), Some(later)) => Some(first.then(later)),
            (first, later) => first.or(later),
        };
        self.passed_over = PassedOver {
            reasons,
            ..later.passed_over
        };
        if !later.keeps_results {
            self.refused();
        }
        if self.keeps_results {
            self.scored.extend(later.scored);
        }
        Some(self)
    }

    /// The scorers of an input's parts merged in order ([`Scorer::merge`]); `None` when a part
    /// could not be scored so (`None` among them) or they cannot be merged.
    pub fn merge_in_order(parts: impl IntoIterator<Item = Option<Self>>) -> Option<Self> {
        let parts: Vec<Self> = parts.into_iter().collect::<Option<_>>()?;
        let mut parts = parts.into_iter();
        let mut first = parts.next()?;
        // Room for every part's units at once: a results' units are large to move again on
        // each doubling.
        let later = parts.as_slice();
        first
            .scored
            .reserve(later.iter().map(|p| p.scored.len()).sum());
        first
            .spellings
            .reserve(later.iter().map(|p| p.spellings.len()).sum());
        parts.try_fold(first, |all, part| all.merge(part))
    }

    /// Ranks the units scored, or reports every problem found (the reader's first, see
    /// [`Scorer::finish_read`]). Results of no unit say so in a warning: a sheet of its header
    /// alone, or another sheet than the scores', is seldom meant.
    pub fn finish(self) -> Result<Results, Problems> {
        self.finish_read(Vec::new())
    }

    /// Ranks the units scored, or reports the problems scoring found.
    fn ranked(self) -> Result<Results, Problems> {
        let Scorer {
            m,
            lang,
            scored,
            problems,
            detail,
            passed_over,
            ..
        } = self;
        problems.finish(())?;
        check_block_count(&scored)?;
        let no_units = scored
            .is_empty()
            .then(|| Warning::new(WarningMsg::NoUnits, None, lang));
        let (units, blocks) = crate::rank::rank(m, scored);
        // (Pushed one by one: the scoring module has no room for an iterator's code.)
        let mut warnings = Vec::new();
        if let Some(warning) = no_units {
            warnings.push(warning);
        }
        if let Some(missing) = block_missing(m, &units) {
            warnings.push(Warning::new(missing, None, lang));
        }
        warnings.extend(Warning::passed_over(&passed_over, None, lang));
        let policies = m.policies();
        Ok(Results {
            schema: RESULTS_SCHEMA.to_string(),
            methodology: MethodologyRef {
                id: m.id().to_string(),
                name: m.name().to_string(),
            },
            rounding: policies.rounding,
            ranked_on: policies.ranking.on,
            detail,
            tree: Arc::clone(&m.results_tree),
            units,
            blocks,
            warnings,
        })
    }

    /// Like [`Scorer::finish`], for units read from an input that had `read_problems` (beside
    /// those a table's reader found as it gave the units): those come first, then what scoring
    /// found in the readable part, except at a place (unit and node) already reported.
    pub fn finish_read(mut self, read_problems: Vec<ParError>) -> Result<Results, Problems> {
        let mut found = std::mem::take(&mut self.read_problems);
        let read_problems = match found.is_empty() {
            true => read_problems,
            false => {
                read_problems.into_iter().for_each(|e| found.push(e));
                found.into_read(()).problems
            }
        };
        // A scorer told the input is refused kept no results: it must be refused (unless it was
        // made to look for problems only).
        debug_assert!(self.keeps_results || self.problems_only || !read_problems.is_empty());
        if read_problems.is_empty() {
            return self.ranked();
        }
        // What a problem is about: its unit, or its unit's criterion. One about neither (a row
        // left out of a table, a unit's name that could not be read) covers nothing after it.
        let reported: HashSet<(Option<String>, Option<String>)> = read_problems
            .iter()
            .filter(|e| e.unit.is_some() || e.node.is_some())
            .map(|e| (e.unit.clone(), e.node.clone()))
            .collect();
        let mut all = read_problems;
        if let Err(later) = self.ranked() {
            all.extend(
                later
                    .problems
                    .into_iter()
                    // A limit (the count of problems not shown, above all) is never a repeat.
                    .filter(|e| {
                        e.code == ErrorCode::LimitExceeded
                            || !reported.contains(&(e.unit.clone(), e.node.clone()))
                    }),
            );
        }
        Err(all.into())
    }
}

/// Scores a table (wide or long): a regular long table as its rows are read, unit by unit
/// ([`Table::score_long_rows`]), any other whole, which says what is wrong with it. Columns the
/// caller filled from floating-point numbers are named in a results warning, so that nobody
/// mistakes their conversion for exact input.
///
/// A caller that owns the table, and need not keep it, scores it with [`Table::score`], which
/// holds less memory when the table must be read whole.
pub fn score_table(m: &Methodology, table: &Table, lang: Lang) -> Result<Results, Problems> {
    let sheet = table.sheet.sheet_named();
    // Read as it streams, the rows' reasons no score keeps are said by the scorer; read whole,
    // by the table, with its summary rows (which no stream passes over), and the rows left out
    // of it, which reading it says with the other problems.
    let streamed = table.score_long_rows(Scorer::new(m, lang));
    let mut results = match streamed {
        Some(scorer) => scorer.finish().map_err(|p| p.on_sheet(sheet))?,
        None => {
            let scored = score(m, table.read_assessments(m)?, lang);
            let mut results = scored.map_err(|p| p.on_sheet(sheet))?;
            results.note_passed_over(&table.passed_over(), None, lang);
            results.note_own_totals(&table.own_totals(m), lang);
            results
        }
    };
    results.note_float_columns(&table.float_columns, lang);
    results.note_sheet(table.sheet_warnings(None, lang));
    Ok(results)
}

/// The units of several files scored together (a province's departments, each sending its
/// own): a unit is given in one of them. A unit given again in a later file (a file sent
/// twice, or named twice, two batches naming one unit, however its name was spelled) is a
/// problem naming the earlier file, which the person can open: scoring them together would
/// only say that it appears twice.
#[derive(Default)]
pub struct UnitsOfFiles {
    /// The files, in the order they are read, each with the workbook's sheet read in place of
    /// its first, if it was (see [`crate::Problems::on_sheet`]).
    files: Vec<(String, Option<String>)>,
    /// Each unit's spelling key ([`spelling_key`]): its name as first given, and the file's
    /// position in `files`.
    given: HashMap<String, (String, usize)>,
}

impl UnitsOfFiles {
    /// The units given next are `file`'s, read from its workbook's `sheet` in place of the
    /// first, if so: problems name it.
    pub fn file(&mut self, file: &str, sheet: Option<&str>) {
        self.files
            .push((file.to_string(), sheet.map(str::to_string)));
    }

    /// Records that the current file gives `unit`, unless an earlier file gave it: then the
    /// problem, naming that file, the unit and its first row in this one. A unit given twice in
    /// one file is left to scoring, which says so.
    pub fn given(&mut self, unit: &UnitAssessment) -> Result<(), ParError> {
        let (name, file) = (unit.unit.as_str(), self.files.len().saturating_sub(1));
        let (earlier, earlier_file) = match self.given.entry(spelling_key(name)) {
            Entry::Vacant(place) => {
                place.insert((name.to_string(), file));
                return Ok(());
            }
            Entry::Occupied(given) => given.get().clone(),
        };
        if earlier_file == file {
            return Ok(());
        }
        let message = ScoringMsg::UnitInAnotherFile {
            unit: name.to_string(),
            earlier: (earlier != name).then_some(earlier),
            file: (self.files.get(earlier_file)).map_or_else(String::new, |(f, _)| f.clone()),
        };
        let sheet = self.files.last().and_then(|(_, sheet)| sheet.as_deref());
        Err(named_again(unit, message).on_sheet(sheet))
    }
}

impl UnitsOfFiles {
    /// The problems of scoring the units of several files, each naming a unit said of the file
    /// that gives it (`b.csv: dòng 2, đơn vị Sở Tư pháp, khối: …`), as the problems found in
    /// reading each file are: a row number alone does not say which file's.
    pub fn name_files(&self, problems: Problems) -> Problems {
        let named = problems.problems.into_iter().map(|e| {
            let file = (e.unit.as_deref())
                .filter(|_| !matches!(*e.message, crate::text::Msg::InFile { .. }))
                .and_then(|unit| self.given.get(&spelling_key(unit)))
                .and_then(|(_, file)| self.files.get(*file));
            match file {
                Some((file, sheet)) => e.on_sheet(sheet.as_deref()).in_file(file.clone()),
                None => e,
            }
        });
        Problems {
            problems: named.collect(),
        }
    }
}

/// Under a methodology that declares no blocks, the units naming no block where others name
/// theirs: ranked together, apart from every block, which a sheet seldom means (a `Khối` cell
/// merged down its block's units, saved as CSV, names the block on its first row alone).
/// The ranking shows them, in a block of no name.
fn block_missing(m: &Methodology, units: &[UnitResult]) -> Option<WarningMsg> {
    if !m.blocks.is_empty() || units.iter().all(|u| u.block.is_none()) {
        return None;
    }
    let count = units.iter().filter(|u| u.block.is_none()).count();
    (count > 0).then_some(WarningMsg::BlockMissing { count })
}

/// A unit named again (in its input, or in an earlier file), said by `message`: the problem
/// names the unit and the row of its first entry, where it was read from a table.
fn named_again(unit: &UnitAssessment, message: ScoringMsg) -> ParError {
    let name = unit.unit.as_str();
    let problem = ParError::new(ErrorCode::DuplicateUnit, message)
        .unit(name)
        .field("unit")
        .value(name);
    at_first_row(unit, problem)
}

/// A unit whose name shows nothing: the problem names the row of its first entry, if any.
fn unnamed(unit: &UnitAssessment) -> ParError {
    let problem = ParError::new(ErrorCode::MissingField, ReadingMsg::UnitWithoutName);
    at_first_row(unit, problem.field("unit"))
}

/// A unit's name or block that is a spreadsheet's formula without its result (`="Sở Y tế"`,
/// `=A5`) or the error its formula gave (`#NAME?`): it names no unit, and no block, in which the
/// unit would be ranked apart where the methodology declares none.
fn name_or_block_not_read(unit: &UnitAssessment) -> Option<ParError> {
    let (name, block) = (unit.unit.as_str(), unit.block.as_deref());
    let problem = if let Some(fault) = crate::decimal::spreadsheet_fault(name) {
        let message = ReadingMsg::UnitNameNotRead {
            given: crate::error::quoted(name),
            fault,
        };
        ParError::new(ErrorCode::MissingField, message)
            .field("unit")
            .value(name)
    } else {
        let block = block?;
        let fault = crate::decimal::spreadsheet_fault(block)?;
        let message = ReadingMsg::BlockNotRead {
            given: crate::error::quoted(block),
            fault,
        };
        ParError::new(ErrorCode::UnknownBlock, message)
            .unit(name)
            .field("block")
            .value(block)
    };
    Some(at_first_row(unit, problem))
}

/// The problem, at the row of the unit's first entry where it was read from a table.
fn at_first_row(unit: &UnitAssessment, problem: ParError) -> ParError {
    match unit.entries.values().find_map(|e| e.row.get()) {
        Some(row) => problem.row(row),
        None => problem,
    }
}
