#!/usr/bin/env bash
# Every test of the project, as CI runs it (.ci/run calls this script). On a fresh machine it
# installs what the binding suites need (a Python venv, the wasm target and wasm-bindgen-cli,
# Chromium from apt, npm packages), so the first run takes a while; later runs are incremental.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n=== %s\n' "$*"; }

step "Rust: format, lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "Rust: engine, CLI, fixtures, properties, published-results conformance"
cargo test --workspace

step "Fuzz smoke (fuzz/): every target 15 s, past findings in fuzz/regressions replayed"
# Its own crate and target dir (fuzz/target), built incrementally; see fuzz/README.md.
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
bash fuzz/run.sh 15

step "Python package (par-py)"
bash par-py/run-tests.sh

step "WebAssembly package (par-wasm)"
bash par-wasm/run-tests.sh

step "all suites passed"
