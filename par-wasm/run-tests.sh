#!/usr/bin/env bash
# Builds the npm package `parindex` once and runs its Node suites (the shared fixtures, the API,
# the TypeScript declarations, and the demo page in headless Chromium), then reports size and
# speed. Works on a fresh machine with rustup, Node 20 + npm and apt: it installs the wasm32
# target, the wasm-bindgen CLI of the exact version in Cargo.lock, Chromium and the npm packages.
# Usage: bash par-wasm/run-tests.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

rustup target add wasm32-unknown-unknown

# The CLI must be the very version of the wasm-bindgen library that built the module.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
    # --locked reproduces the CLI's own lock file; a registry mirror that lacks one of its pinned
    # versions refuses it, and then the newest compatible dependencies are taken instead.
    cargo install wasm-bindgen-cli --version "$version" --locked \
        || cargo install wasm-bindgen-cli --version "$version"
fi

if [ ! -x /usr/bin/chromium ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

npm ci --no-audit --no-fund

# Built for size, for the package's ≤ 300 KiB gzipped: the engine (par-core), the JSON reader and
# writer (serde_json, whose code is instantiated for every document type), the bindings (par-wasm)
# and serde_json's float formatter (zmij: 11 KiB gzipped at full speed, and only a problem quoting
# a JSON number with a fraction formats one) optimised for size, and every crate linked as one
# unit (fat LTO, one codegen unit), which lets the optimiser drop and merge more (README, "Built
# for size"). Only this build: the workspace's native builds keep the release profile as it is.
build() {
    cargo build -p par-wasm --release --target wasm32-unknown-unknown --manifest-path "$root/Cargo.toml" \
        --config 'profile.release.lto="fat"' --config 'profile.release.codegen-units=1' \
        --config 'profile.release.package.par-core.opt-level="s"' \
        --config 'profile.release.package.serde_json.opt-level="s"' \
        --config 'profile.release.package.zmij.opt-level="s"' \
        --config 'profile.release.package.par-wasm.opt-level="s"' "$@"
}
target_dir="${CARGO_TARGET_DIR:-$root/target}"
# Function names (the name section, 31 KiB gzipped) serve only debuggers; a panic, which the engine
# never reaches on any input, would lose its stack's names.
bindgen() {
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --out-dir pkg --out-name "$1" "${@:2}" "$target_dir/wasm32-unknown-unknown/release/par_wasm.wasm"
}
# Two modules: the engine every page loads, and the importer of criteria tables, loaded on demand.
# The importer reads workbooks with calamine, which panics on some damaged files: its glue can
# replace an instance that trapped (`callImporter` in js/api.js).
build
bindgen parindex
build --features importer
bindgen parindex_import --experimental-reset-state-function
# The documents' JSON Schemas ship in the package (`parindex/schemas/*.schema.json`), copied from
# the one committed set at the repository's root.
rm -rf schemas
mkdir schemas
cp "$root"/schemas/*.schema.json schemas/

node --test test/
node bench/bench.mjs
