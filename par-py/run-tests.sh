#!/usr/bin/env bash
# Builds the parindex wheel once and runs the Python suite and the tour, from a fresh machine
# (CPython 3.11 + pip + a Rust toolchain). Usage: bash par-py/run-tests.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
python="${PYTHON:-python3}"
venv="$here/.venv"
wheels="$here/wheels"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    maturin==1.16.0 pytest==9.2.0 hypothesis==6.170.15 pandas==3.1.1 numpy==2.4.6 openpyxl==3.1.5 \
    jsonschema==4.26.0

rm -rf "$wheels"
"$venv/bin/maturin" build --release --out "$wheels"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "$wheels"/parindex-*.whl

"$venv/bin/python" examples/tour.py > /dev/null
echo "tour: ok"
CI=true "$venv/bin/python" -m pytest tests
