//! `par`: score, explain, rank and compare PAR INDEX assessments from the command line.
//!
//! All scoring is par-core's; this binary reads files (JSON, CSV, xlsx), calls the engine and
//! prints for people (tables) or programs (CSV, JSON).
//! Exit status: 0 success, 1 invalid input (one line per problem), 2 usage errors.
//! Messages, headings and tables are Vietnamese unless `--lang en` (or `PAR_LANG=en`) asks for
//! English; JSON and CSV outputs are the same in either language, except for the texts inside.

mod help;
mod render;

use clap::{Parser, Subcommand, ValueEnum};
use par_cli::files::{self, Kept};
use par_cli::Failure;
use par_core::text::{
    control_characters_shown, CommandText, DocumentKind, Label, ReadingMsg, ReportText,
};
use par_core::{
    import, Detail, JsonLayout, Lang, Methodology, Problems, Results, TextEncoding, WorkingsFile,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The command line. Its help texts are not written here: `help` gives every command and
/// argument its text from the core catalogue, in the language asked for.
#[derive(Parser)]
#[command(name = "par", version)]
struct Cli {
    #[arg(long, global = true, value_name = "vi|en")]
    lang: Option<String>,
    #[arg(long, global = true, value_name = "utf-8|utf-16|windows-1258")]
    encoding: Option<String>,
    #[arg(long, global = true)]
    sheet: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Score {
        #[arg(short, long)]
        methodology: String,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
        #[arg(long, value_enum, default_value_t = DetailArg::Full)]
        detail: DetailArg,
        #[arg(long)]
        compact: bool,
    },
    Analyze {
        #[arg(short, long)]
        methodology: String,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
    },
    WhatIf {
        #[arg(short, long)]
        methodology: String,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long)]
        unit: String,
        #[arg(long = "set", value_name = "CODE=VALUE")]
        set: Vec<String>,
        #[arg(long, value_name = "band|band=…|rank=N")]
        target: Option<String>,
        #[arg(short, long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    Report {
        #[arg(short, long)]
        methodology: String,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long, value_name = "FILE.xlsx")]
        output: PathBuf,
        #[arg(long)]
        previous: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = DetailArg::Full)]
        detail: DetailArg,
    },
    Chart {
        #[arg(value_enum)]
        kind: Chart,
        #[arg(short, long)]
        methodology: String,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long, value_name = "FILE.svg")]
        output: Option<PathBuf>,
        #[arg(long)]
        previous: Option<PathBuf>,
    },
    Explain {
        #[arg(short, long)]
        methodology: String,
        input: PathBuf,
        #[arg(short, long)]
        unit: String,
        #[arg(short, long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    Compare {
        previous: PathBuf,
        current: PathBuf,
        #[arg(short, long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
    Convert {
        #[arg(short, long)]
        methodology: String,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    Validate {
        file: PathBuf,
        #[arg(short, long)]
        methodology: Option<String>,
    },
    Methodologies {
        #[arg(short, long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    #[command(subcommand)]
    Methodology(MethodologyCommand),
}

#[derive(Subcommand)]
enum MethodologyCommand {
    Import {
        table: PathBuf,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        decision: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        explain: bool,
    },
    Export {
        methodology: String,
    },
    Render {
        methodology: String,
        #[arg(short, long, value_enum, default_value_t = RenderFormat::Markdown)]
        format: RenderFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Table,
    Csv,
    /// CSV as Excel opens it where it is used (`;` and decimal commas in Vietnamese).
    ExcelCsv,
    Json,
}

/// How much of the inputs `score --format json` repeats (see [`Detail`]).
#[derive(Clone, Copy, ValueEnum)]
enum DetailArg {
    Full,
    Scores,
}

impl From<DetailArg> for Detail {
    fn from(detail: DetailArg) -> Self {
        match detail {
            DetailArg::Full => Detail::Full,
            DetailArg::Scores => Detail::Scores,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Chart {
    Ranking,
    Components,
    Heatmap,
    Changes,
}

impl From<Chart> for par_report::ChartKind {
    fn from(kind: Chart) -> Self {
        match kind {
            Chart::Ranking => par_report::ChartKind::Ranking,
            Chart::Components => par_report::ChartKind::Components,
            Chart::Heatmap => par_report::ChartKind::Heatmap,
            Chart::Changes => par_report::ChartKind::Changes,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    Text,
    Json,
    /// CSV as Excel opens it where it is used, with each field's change.
    ExcelCsv,
}

#[derive(Clone, Copy, ValueEnum)]
enum TextFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RenderFormat {
    Markdown,
    Html,
}

/// What a command prints on success: text, or a results document written as it is made.
enum Output {
    Text(String),
    /// A results document, laid out so, with its units' workings where they were written.
    Results(Box<Results>, JsonLayout, Option<WorkingsFile>),
}

impl From<String> for Output {
    fn from(text: String) -> Self {
        Output::Text(text)
    }
}

/// Standard output for a results document. `std::io::stdout()` is always line-buffered: it
/// looks for the last line break in every write, 2% of the instructions writing a national
/// run's compact document. On Unix the document goes through a handle of its own to the same
/// open file (`>>` still appends); elsewhere, and where there is no such handle, through
/// `stdout()` (on Windows it writes a console's text as the console reads it).
fn results_out() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(own) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(own));
        }
    }
    Box::new(std::io::stdout().lock())
}

/// Writes the output. A reader that stops early (`par score … | head`) is no failure.
fn write(out: Output, lang: Lang) -> ExitCode {
    let to = match out {
        Output::Text(_) => Box::new(std::io::stdout().lock()),
        Output::Results(..) => results_out(),
    };
    let mut stdout = std::io::BufWriter::new(to);
    let written = match out {
        Output::Text(text) => {
            let shown = as_printed(&text, std::io::stdout().is_terminal());
            stdout.write_all(shown.as_bytes())
        }
        // Each unit's workings copied from where they were written as it was scored, else made
        // on every core: a national run's document is hundreds of megabytes.
        Output::Results(results, layout, workings) => match workings {
            Some(workings) if results.wrote_workings_out() => {
                results.write_json_with_workings(&mut stdout, &workings)
            }
            _ => results.write_json_with(&mut stdout, layout, |out, units| {
                files::write_units_on_every_core(out, units, layout)
            }),
        },
    }
    .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let detail = e.to_string();
            let message = ReadingMsg::CannotWriteOutput { detail }.render(lang);
            eprintln!("par: {message}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let env = std::env::var("PAR_LANG").ok();
    let cli = match help::parse(args.clone(), help::early_lang(&args, env.as_deref())) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let lang = match Lang::resolve(cli.lang.as_deref(), env.as_deref()) {
        Ok(lang) => lang,
        Err(refused) => {
            // The language asked for is unknown, so the refusal is said in the default one.
            eprintln!("par: {}", refused.message(Lang::default()));
            return ExitCode::from(2);
        }
    };
    let encoding = match cli.encoding.as_deref().map(|e| (e, TextEncoding::parse(e))) {
        None => None,
        Some((_, Some(encoding))) => Some(encoding),
        Some((given, None)) => {
            let refusal = CommandText::InvalidValue {
                argument: "--encoding".into(),
                value: given.into(),
                allowed: ["utf-8", "utf-16", "windows-1258"]
                    .map(String::from)
                    .to_vec(),
            };
            eprintln!("par: {}", refusal.render(lang));
            return ExitCode::from(2);
        }
    };
    let reading = files::Reading {
        encoding,
        sheet: cli.sheet.as_deref(),
    };
    match run(cli.command, Context { lang, reading }) {
        Ok(out) => write(out, lang),
        Err(Failure::Invalid(problems)) => {
            let lines = problems.lines(lang);
            eprintln!("{}", as_printed(&lines, std::io::stderr().is_terminal()));
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("par: {}", message.render(lang));
            ExitCode::from(2)
        }
        Err(Failure::Argument(refusal)) => {
            eprintln!("par: {}", refusal.render(lang));
            ExitCode::from(2)
        }
    }
}

/// What every command is given besides its own arguments: the language it speaks and how table
/// files are read (their encoding, a workbook's sheet), when the person says.
#[derive(Clone, Copy)]
struct Context<'a> {
    lang: Lang,
    reading: files::Reading<'a>,
}

/// Reads the inputs and scores them (see [`files::score`]).
fn score(m: &Methodology, paths: &[PathBuf], cx: Context, kept: Kept) -> Result<Results, Failure> {
    files::score(m, paths, cx.reading, cx.lang, kept, None)
}

/// Every file a command reads: its methodology (a path, or a built-in id that names no file),
/// its inputs and the previous ranking.
fn read_paths<'a>(
    methodology: &'a str,
    inputs: &'a [PathBuf],
    previous: &'a Option<PathBuf>,
) -> Vec<&'a std::path::Path> {
    let methodology = std::iter::once(std::path::Path::new(methodology));
    let files = inputs.iter().chain(previous).map(PathBuf::as_path);
    methodology.chain(files).collect()
}

/// Writes a file the command made, and says so.
fn written(path: &std::path::Path, bytes: &[u8], lang: Lang) -> Result<Output, Failure> {
    files::write(path, bytes)?;
    let file = path.display().to_string();
    Ok(format!("{}\n", ReportText::ReportWritten { file }.render(lang)).into())
}

/// The moves of `results` against the previous ranking in the file `previous`, when one is given:
/// saved results, a ranking as published, or last year's assessments (scored here, on the same
/// methodology).
fn comparison(
    m: &Methodology,
    results: &Results,
    previous: Option<&std::path::Path>,
    cx: Context,
) -> Result<Option<par_core::compare::Comparison>, Failure> {
    let Some(path) = previous else {
        return Ok(None);
    };
    // A results file is read a piece at a time, whatever its size, before asking whether the
    // file holds assessments, which reads it whole.
    let before = match files::ranking_in_pieces(path)? {
        Some(ranking) => ranking,
        None if files::is_assessments(path)? => {
            let scored = score(m, &[path.to_path_buf()], cx, Kept::Detail(Detail::Scores))
                .map_err(|f| of_file(f, path))?;
            par_core::compare::Ranking::of(&scored)
        }
        None => files::ranking_read_whole(path, cx.reading)?,
    };
    let now = par_core::compare::Ranking::of(results);
    Ok(Some(par_core::compare::compare_rankings(&before, &now)))
}

/// A failure said of the file it came from, where it does not already say so: last year's
/// assessments scored on this year's methodology may not fit it, and the person must see which
/// file the problems are in.
fn of_file(failure: Failure, path: &std::path::Path) -> Failure {
    let file = path.display().to_string();
    match failure {
        Failure::Invalid(p) => Failure::Invalid(Problems {
            problems: p
                .problems
                .into_iter()
                .map(|e| match *e.message {
                    par_core::Msg::InFile { .. } => e,
                    _ => e.in_file(file.clone()),
                })
                .collect(),
        }),
        other => other.in_file(path),
    }
}

/// The what-if question the command line asks: `--set CODE=VALUE…` and `--target`.
fn what_if_question(
    unit: String,
    set: &[String],
    target: Option<&str>,
) -> Result<par_core::whatif::Question, Failure> {
    let invalid = |argument: &str, value: &str, allowed: &[&str]| {
        Failure::Argument(CommandText::InvalidValue {
            argument: argument.into(),
            value: value.into(),
            allowed: allowed.iter().map(|a| a.to_string()).collect(),
        })
    };
    let mut assumed = indexmap::IndexMap::new();
    for pair in set {
        match pair.split_once('=') {
            // One value per criterion: a second would silently replace the first.
            Some((code, value)) if !code.trim().is_empty() => {
                let code = code.trim().to_string();
                if assumed.insert(code.clone(), value.to_string()).is_some() {
                    return Err(Failure::Argument(CommandText::AssumedTwice { code }));
                }
            }
            _ => return Err(invalid("--set", pair, &["CODE=VALUE"])),
        }
    }
    let target = match target {
        None => None,
        Some(text) => match par_core::whatif::Target::parse(text) {
            Some(t) => Some(t),
            None => return Err(invalid("--target", text, &["band", "band=…", "rank=N"])),
        },
    };
    Ok(par_core::whatif::Question {
        unit,
        set: assumed,
        target,
    })
}

/// Warnings on the standard error, each a line of its own, beside an output for programs.
fn warn(lines: &[String]) {
    for line in lines {
        eprintln!("par: {}", as_printed(line, std::io::stderr().is_terminal()));
    }
}

/// A text as `par` prints it: its control characters shown by their numbers to a terminal
/// (which they would recolour or beep), written as they are to a file or a pipe (data).
fn as_printed(text: &str, to_a_terminal: bool) -> std::borrow::Cow<'_, str> {
    match to_a_terminal {
        true => control_characters_shown(text),
        false => std::borrow::Cow::Borrowed(text),
    }
}

/// A CSV holds scores only: what the ranking table would say of the results' warnings is said
/// on the standard error instead (a JSON document holds its warnings).
fn warn_beside_csv(format: ScoreFormat, results: &Results, lang: Lang) {
    if matches!(format, ScoreFormat::Csv | ScoreFormat::ExcelCsv) {
        warn(&render::results_warnings(results, lang));
    }
}

/// The results' warnings about the inputs as a whole (what reading did with them: a sheet read
/// past its cover, rows passed over, reasons no score keeps, a guessed encoding; and units left
/// without a block), said beside an answer about one unit or none, which shows none of them: as
/// `convert` says what reading did. Said once the answer stands, not before a refusal.
fn warn_of_the_inputs(results: &Results) {
    let read = results.warnings.iter().map(|w| w.message.to_string());
    warn(&read.collect::<Vec<_>>());
}

fn run(command: Command, cx: Context) -> Result<Output, Failure> {
    let lang = cx.lang;
    match command {
        Command::Score {
            methodology,
            inputs,
            format,
            detail,
            compact,
        } => {
            let m = files::methodology(&methodology)?;
            // Only the results document can show the inputs behind the scores.
            let detail = match format {
                ScoreFormat::Json => detail.into(),
                _ => Detail::Scores,
            };
            let layout = if compact {
                JsonLayout::Compact
            } else {
                JsonLayout::Pretty
            };
            // The inputs behind every score are written out unit by unit as they are scored,
            // not held until the units are ranked (ten times the input file's size).
            let workings = match detail {
                Detail::Full => files::workings_file(layout),
                Detail::Scores => None,
            };
            let (reading, lang) = (cx.reading, cx.lang);
            let results = files::score(
                &m,
                &inputs,
                reading,
                lang,
                Kept::Detail(detail),
                workings.as_ref(),
            )?;
            warn_beside_csv(format, &results, lang);
            let ranking = match format {
                ScoreFormat::Table => render::ranking_table(&m, &results, lang),
                ScoreFormat::Csv => render::ranking_csv(&m, &results),
                ScoreFormat::ExcelCsv => par_report::ranking_csv(&results, lang),
                ScoreFormat::Json => {
                    let results = Box::new(results);
                    return Ok(Output::Results(results, layout, workings));
                }
            };
            // The process ends once the ranking is printed, and its memory is given back whole:
            // freeing a national run's results one by one first only delays the end (by about
            // a fortieth of the run).
            std::mem::forget(results);
            Ok(ranking.into())
        }
        Command::Analyze {
            methodology,
            inputs,
            format,
        } => {
            let m = files::methodology(&methodology)?;
            let results = score(&m, &inputs, cx, Kept::Detail(Detail::Scores))?;
            // An analysis holds no warnings in any format: they are said beside it.
            warn(&render::results_warnings(&results, lang));
            let analysis = par_core::analysis::analyze(&results)?;
            Ok(Output::Text(match format {
                ScoreFormat::Table => render::analysis_table(&analysis, lang),
                ScoreFormat::Csv => render::analysis_csv(&analysis)?,
                ScoreFormat::ExcelCsv => par_report::analysis_csv(&results, lang)?,
                ScoreFormat::Json => analysis.to_json(),
            }))
        }
        Command::WhatIf {
            methodology,
            inputs,
            unit,
            set,
            target,
            format,
        } => {
            let question = what_if_question(unit, &set, target.as_deref())?;
            let m = files::methodology(&methodology)?;
            let results = score(&m, &inputs, cx, Kept::InputsOf(&question.unit))?;
            let answer = par_core::whatif::what_if(&m, &results, &question, lang)?;
            warn_of_the_inputs(&results);
            Ok(Output::Text(match format {
                TextFormat::Text => render::what_if(&answer, lang),
                TextFormat::Json => answer.to_json(),
            }))
        }
        Command::Chart {
            kind,
            methodology,
            inputs,
            output,
            previous,
        } => {
            if let Some(path) = &output {
                files::check_output(path, "svg", &read_paths(&methodology, &inputs, &previous))?;
            }
            let m = files::methodology(&methodology)?;
            let results = score(&m, &inputs, cx, Kept::Detail(Detail::Scores))?;
            // A chart holds no warnings, nor does a report: they are said beside it.
            warn(&render::results_warnings(&results, lang));
            let comparison = comparison(&m, &results, previous.as_deref(), cx)?;
            let svg = par_report::chart(kind.into(), &results, comparison.as_ref(), lang)?;
            match output {
                None => Ok(svg.into()),
                Some(path) => written(&path, svg.as_bytes(), lang),
            }
        }
        Command::Report {
            methodology,
            inputs,
            output,
            previous,
            detail,
        } => {
            files::check_output(
                &output,
                "xlsx",
                &read_paths(&methodology, &inputs, &previous),
            )?;
            let m = files::methodology(&methodology)?;
            // Every input kept unless asked: the sheet of points lost names the appraisal round
            // that counted (`thẩm định lần 2`), which only the inputs say, as the packages' reports
            // of results scored with every input do; a national run's report needs less memory
            // with the scores only.
            let results = score(&m, &inputs, cx, Kept::Detail(detail.into()))?;
            warn(&render::results_warnings(&results, lang));
            let comparison = comparison(&m, &results, previous.as_deref(), cx)?;
            let report = par_report::Report {
                results: &results,
                methodology: Some(&m),
                comparison: comparison.as_ref(),
                lang,
            };
            written(&output, &par_report::workbook(&report)?, lang)
        }
        Command::Explain {
            methodology,
            input,
            unit,
            format,
        } => {
            let m = files::methodology(&methodology)?;
            let results = score(&m, &[input], cx, Kept::InputsOf(&unit))?;
            let result = results.unit(&unit)?;
            let explained = match format {
                TextFormat::Text => render::explanation(&results, result, lang)?,
                TextFormat::Json => serde_json::to_string_pretty(result).unwrap_or_default() + "\n",
            };
            warn_of_the_inputs(&results);
            Ok(Output::Text(explained))
        }
        Command::Compare {
            previous,
            current,
            format,
        } => {
            let (before, now) = files::two_rankings(&previous, &current, cx.reading)?;
            let comparison = par_core::compare::compare_rankings(&before, &now);
            Ok(Output::Text(match format {
                CompareFormat::Text => render::comparison(&comparison, lang),
                CompareFormat::Json => comparison.to_json()?,
                CompareFormat::ExcelCsv => par_report::changes_csv(&comparison, lang),
            }))
        }
        Command::Convert {
            methodology,
            inputs,
        } => {
            let m = files::methodology(&methodology)?;
            let inputs = files::assessments(&m, &inputs, cx.reading)?;
            let warnings = inputs
                .warnings(lang)
                .into_iter()
                .map(|w| w.message.to_string());
            warn(&warnings.collect::<Vec<_>>());
            let units = inputs.units.into_result()?;
            Ok(par_core::AssessmentSet::new(units).to_json().into())
        }
        Command::Validate { file, methodology } => match methodology {
            // A department's score sheet given alone: it is checked against a methodology.
            None if files::holds_a_table(&file) => {
                Err(Failure::Usage(ReadingMsg::TableWithoutMethodology.into()).in_file(&file))
            }
            None => {
                let m =
                    Methodology::from_json(&files::read_json(&file, DocumentKind::Methodology)?)?;
                let valid = Label::ValidMethodology {
                    id: m.id().to_string(),
                    nodes: m.tree().len(),
                    max: m.max().to_string(),
                };
                Ok(format!("{}\n", valid.render(lang)).into())
            }
            Some(id) => {
                let m = files::methodology(&id)?;
                let results = score(&m, &[file], cx, Kept::Detail(Detail::Scores))?;
                warn_of_the_inputs(&results);
                let valid = Label::ValidAssessments {
                    units: results.units.len(),
                    id: m.id().to_string(),
                };
                Ok(format!("{}\n", valid.render(lang)).into())
            }
        },
        Command::Methodologies { format } => Ok(Output::Text(match format {
            TextFormat::Text => render::catalogue(&par_core::list_builtin(), lang),
            TextFormat::Json => par_core::wire::list_builtin(),
        })),
        Command::Methodology(MethodologyCommand::Import {
            table,
            id,
            name,
            decision,
            date,
            level,
            explain,
        }) => {
            let id = id.unwrap_or_else(|| {
                table
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "methodology".into())
            });
            let header = import::Header {
                id,
                name,
                decision,
                date,
                level,
            };
            let sheets = files::criteria_sheets(&table, cx.reading)?;
            if let Some((file, encoding)) = &sheets.guessed {
                warn(&[files::guessed(file, *encoding, lang)]);
            }
            let imported = import::import(&sheets.criteria, &sheets.others, header)?;
            if explain {
                eprint!("{}", render::rows_read(&imported.rows, lang));
            }
            warn(&imported.warning_lines(lang));
            Ok(imported.methodology.to_json().into())
        }
        Command::Methodology(MethodologyCommand::Export { methodology }) => {
            let m = files::methodology(&methodology)?;
            let left_out = import::not_exported(&m);
            warn(&left_out.iter().map(|l| l.line(lang)).collect::<Vec<_>>());
            files::to_csv(&import::export(&m)).map(Output::Text)
        }
        Command::Methodology(MethodologyCommand::Render {
            methodology,
            format,
        }) => Ok(render::methodology(&files::methodology(&methodology)?, format, lang).into()),
    }
}
