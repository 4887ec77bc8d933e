//! The command line in the chosen language: every help text comes from the core catalogue
//! ([`CommandText`]), clap's own words (headings, the help and version flags, possible values)
//! are replaced by the catalogue's, and a command line clap refuses is said in the catalogue's
//! words too. `clap` parses; nothing here decides what a command does.

use crate::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use par_core::text::CommandText;
use par_core::Lang;
use std::process::ExitCode;

/// The language asked for by `--lang` (or `--lang=`) or else `PAR_LANG`, looked up before the
/// command line is parsed so that its help and refusals are said in it. An unknown language is
/// taken as the default here; `main` refuses it once the command line is read.
pub fn early_lang(args: &[String], env: Option<&str>) -> Lang {
    let asked = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        });
    Lang::resolve(asked, env).unwrap_or_default()
}

/// Reads the command line, or says why it cannot be read (and prints help when asked for): the
/// exit code is then the one to end with.
pub fn parse(args: Vec<String>, lang: Lang) -> Result<Cli, ExitCode> {
    let matches = command(lang)
        .try_get_matches_from(args)
        .map_err(|e| refused(&e, lang))?;
    Cli::from_arg_matches(&matches).map_err(|e| refused(&e, lang))
}

/// The command line `par` takes, with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let heading = CommandText::Usage.render(lang);
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{heading} {{usage}}\n\n{{all-args}}{{after-help}}"
    );
    let root = Cli::command().disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(CommandText::VersionOption.render(lang)),
    );
    localized(root, &[], lang, &template)
}

/// A command and its subcommands, every text in `lang`.
fn localized(mut cmd: Command, path: &[String], lang: Lang, template: &str) -> Command {
    let here: Vec<String> = path
        .iter()
        .cloned()
        .chain((!cmd.get_name().is_empty()).then(|| cmd.get_name().to_string()))
        .collect();
    let words: Vec<&str> = here.iter().skip(1).map(String::as_str).collect();
    if let Some(about) = about(&words) {
        cmd = cmd.about(about.render(lang)).long_about(None);
    }
    cmd = cmd
        .help_template(template.to_string())
        .subcommand_help_heading(CommandText::Commands.render(lang))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(CommandText::HelpOption.render(lang)),
        );
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = argument(&words, &id);
        cmd = cmd.mut_arg(id, |a| {
            let heading = match a.is_positional() {
                true => CommandText::Arguments,
                false => CommandText::Options,
            };
            let a = a.help_heading(heading.render(lang));
            // The catalogue's texts name the values and the default in the language.
            let a = match a.get_action().takes_values() {
                true => a.hide_possible_values(true).hide_default_value(true),
                false => a,
            };
            match &text {
                Some(text) => a.help(text.render(lang)).long_help(None),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| localized(s, &here, lang, template));
    }
    cmd
}

/// What a command is for, by its path below `par` (`[]` is `par` itself).
fn about(path: &[&str]) -> Option<CommandText> {
    use CommandText::*;
    Some(match path {
        [] => About,
        ["score"] => ScoreAbout,
        ["analyze"] => AnalyzeAbout,
        ["what-if"] => WhatIfAbout,
        ["report"] => ReportAbout,
        ["chart"] => ChartAbout,
        ["explain"] => ExplainAbout,
        ["compare"] => CompareAbout,
        ["convert"] => ConvertAbout,
        ["validate"] => ValidateAbout,
        ["methodologies"] => MethodologiesAbout,
        ["methodology"] => MethodologyAbout,
        ["methodology", "import"] => ImportAbout,
        ["methodology", "export"] => ExportAbout,
        ["methodology", "render"] => RenderAbout,
        _ => return None,
    })
}

/// What an argument of a command is.
fn argument(path: &[&str], id: &str) -> Option<CommandText> {
    use CommandText::*;
    Some(match (path, id) {
        (_, "help") => HelpOption,
        (_, "version") => VersionOption,
        (_, "lang") => LangOption,
        (_, "encoding") => EncodingOption,
        (_, "sheet") => SheetOption,
        (["validate"], "methodology") => ValidateAgainst,
        (["methodology", _], "methodology") => MethodologyToWrite,
        (_, "methodology") => MethodologyOption,
        (["score" | "analyze" | "what-if" | "report" | "chart"], "inputs") => AssessmentFiles,
        (["report"], "output") => ReportFile,
        (["chart"], "output") => ChartFile,
        (["chart"], "kind") => ChartKind,
        (["report" | "chart"], "previous") => PreviousRanking,
        (["convert"], "inputs") => TableFiles,
        (["explain"], "input") => AssessmentFile,
        (["score"], "format") => ScoreFormat,
        (["score"], "detail") => DetailOption,
        (["report"], "detail") => ReportDetailOption,
        (["score"], "compact") => CompactOption,
        (["analyze"], "format") => AnalysisFormat,
        (["compare"], "format") => CompareFormat,
        (["methodology", "render"], "format") => RenderFormat,
        (_, "format") => TextFormat,
        (["what-if"], "unit") => WhatIfUnit,
        (_, "unit") => UnitOption,
        (_, "set") => SetOption,
        (_, "target") => TargetOption,
        (_, "previous") => PreviousFile,
        (_, "current") => CurrentFile,
        (["validate"], "file") => FileToValidate,
        (_, "table") => CriteriaTable,
        (_, "explain") => ExplainImport,
        (_, "id") => IdOption,
        (_, "name") => NameOption,
        (_, "decision") => DecisionOption,
        (_, "date") => DateOption,
        (_, "level") => LevelOption,
        _ => return None,
    })
}

/// Prints what clap refused (or the help or version asked for) and gives the exit code.
fn refused(e: &clap::Error, lang: Lang) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            let see = CommandText::SeeHelp.render(lang);
            eprintln!("par: {}\n{see}", mistake(e).render(lang));
            ExitCode::from(2)
        }
    }
}

/// A command-line mistake in the catalogue's words.
fn mistake(e: &clap::Error) -> CommandText {
    let one = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(s)) => s.first().cloned(),
        _ => None,
    };
    let all = |kind| match e.get(kind) {
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    match e.kind() {
        ErrorKind::UnknownArgument => CommandText::UnknownArgument {
            argument: one(ContextKind::InvalidArg).unwrap_or_default(),
        },
        ErrorKind::InvalidSubcommand => CommandText::UnknownCommand {
            command: one(ContextKind::InvalidSubcommand).unwrap_or_default(),
        },
        ErrorKind::MissingRequiredArgument => CommandText::MissingArguments {
            arguments: all(ContextKind::InvalidArg),
        },
        ErrorKind::InvalidValue => CommandText::InvalidValue {
            argument: one(ContextKind::InvalidArg).unwrap_or_default(),
            value: one(ContextKind::InvalidValue).unwrap_or_default(),
            allowed: all(ContextKind::ValidValue),
        },
        _ => CommandText::BadCommandLine {
            detail: e.kind().as_str().unwrap_or("?").to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument has a text of the catalogue, in each language.
    #[test]
    fn every_command_and_argument_has_its_help() {
        fn walk(cmd: &Command, path: &mut Vec<String>, missing: &mut Vec<String>) {
            let words: Vec<&str> = path.iter().map(String::as_str).collect();
            if about(&words).is_none() {
                missing.push(format!("about of {words:?}"));
            }
            for a in cmd.get_arguments() {
                if argument(&words, a.get_id().as_str()).is_none() {
                    missing.push(format!("{words:?} {}", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                path.push(s.get_name().to_string());
                walk(s, path, missing);
                path.pop();
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), &mut Vec::new(), &mut missing);
        assert!(missing.is_empty(), "no help text for {missing:?}");
    }

    #[test]
    fn the_help_is_said_in_the_language() {
        let vi = command(Lang::Vi).render_help().to_string();
        assert!(vi.contains("Cách dùng:") && vi.contains("Lệnh") && vi.contains("Chấm điểm"));
        for english in [
            "Usage",
            "Options",
            "Commands",
            "Print help",
            "possible values",
        ] {
            assert!(!vi.contains(english), "'{english}' in\n{vi}");
        }
        let mut score = command(Lang::Vi);
        let score = score
            .find_subcommand_mut("score")
            .expect("score")
            .render_help()
            .to_string();
        assert!(
            score.contains("Tham số") && score.contains("Tùy chọn"),
            "{score}"
        );
        assert!(!score.contains("default:"), "{score}");
        let en = command(Lang::En).render_help().to_string();
        assert!(en.contains("Usage:") && en.contains("score"), "{en}");
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(early_lang(&args(&["par", "--lang", "en"]), None), Lang::En);
        assert_eq!(
            early_lang(&args(&["par", "x", "--lang=en"]), Some("vi")),
            Lang::En
        );
        assert_eq!(early_lang(&args(&["par"]), Some("en")), Lang::En);
        assert_eq!(early_lang(&args(&["par", "--lang", "fr"]), None), Lang::Vi);
    }
}
