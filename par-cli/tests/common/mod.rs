//! Running the `par` binary as a user runs it, for every CLI test file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root, where `par` runs (fixtures and examples are paths from it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `par` as a user without `PAR_LANG` runs it: in Vietnamese unless `--lang en` is given.
pub fn par(args: &[&str]) -> Output {
    par_with_env(args, &[])
}

/// Runs `par` with environment variables set (and `PAR_LANG` unset unless given).
pub fn par_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_par"))
        .args(args)
        .env_remove("PAR_LANG")
        .envs(env.iter().copied())
        .current_dir(root())
        .output()
        .expect("par runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}
