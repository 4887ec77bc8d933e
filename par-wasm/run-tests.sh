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

cargo build -p par-wasm --release --target wasm32-unknown-unknown --manifest-path "$root/Cargo.toml"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
wasm-bindgen --target web --out-dir pkg --out-name parindex \
    "$target_dir/wasm32-unknown-unknown/release/par_wasm.wasm"

node --test test/
node bench/bench.mjs
