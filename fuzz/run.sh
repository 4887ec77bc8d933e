#!/usr/bin/env bash
# Fuzzes every target in turn: bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Installs cargo-fuzz if missing, seeds the corpora from the fixtures (seed.sh), builds all
# targets once, runs each for SECONDS (default 600, the documented long run; run-tests.sh runs 15)
# and prints the executions per target. Fails if any target found a crash, a failed property, a
# timeout (-timeout=20 s per input) or an out-of-memory (-rss_limit_mb); the input that did it is
# saved in fuzz/artifacts/<target>/ and the target's log is fuzz/artifacts/<target>/fuzz.log.
# FUZZ_FLAGS adds libFuzzer flags, e.g. FUZZ_FLAGS="-fork=1 -ignore_crashes=1" to keep going.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(methodology assessments table_csv criteria_import results xlsx)
fi

# cargo-fuzz passes nightly -Z flags (sanitizer, coverage); the stable rustc on CI accepts them
# with RUSTC_BOOTSTRAP=1, which cargo-fuzz passes on to cargo and rustc.
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
bash seed.sh >/dev/null
# One build for all targets, incremental in fuzz/target. Debug assertions turn integer overflow
# into findings; AddressSanitizer (the default) also lets -malloc_limit_mb see single allocations.
cargo fuzz build --debug-assertions
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release

failed=()
summary=()
for t in "${targets[@]}"; do
    mkdir -p "artifacts/$t"
    log=artifacts/$t/fuzz.log
    flags=(-max_total_time="$seconds" -timeout=20 -print_final_stats=1 -artifact_prefix="artifacts/$t/")
    if [[ $t == xlsx ]]; then
        # Spreadsheets may claim any dimensions; a reader must refuse them, not allocate them.
        flags+=(-rss_limit_mb=2048 -malloc_limit_mb=2048)
    else
        flags+=(-rss_limit_mb=1536 -dict=corpus/par.dict)
    fi
    # Minimal reproducers of past findings are replayed first (read-only: new inputs go to corpus/).
    dirs=("corpus/$t")
    if [[ -d regressions/$t ]]; then dirs+=("regressions/$t"); fi
    echo "=== fuzz $t (${seconds}s)"
    status=0
    # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
    "$bin/$t" "${flags[@]}" ${FUZZ_FLAGS:-} "${dirs[@]}" >"$log" 2>&1 || status=$?
    # libFuzzer's final statistics, or its last status line ("#N DONE", "#N pulse") after a crash.
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [[ -z $runs ]]; then
        runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    summary+=("$(printf '%-16s %12s executions  exit %d' "$t" "${runs:-?}" "$status")")
    if [[ $status -ne 0 ]]; then
        failed+=("$t")
        grep -E -A12 "panicked at|ERROR: libFuzzer|SUMMARY|Test unit written" "$log" | head -60 || true
    fi
done

echo
echo "=== fuzz summary"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz findings in: ${failed[*]} (inputs in fuzz/artifacts/<target>/)" >&2
    exit 1
fi
