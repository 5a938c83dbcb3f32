#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with Rust: installs what the tests need
# (the W3C validator's Python package, poppler for the PDF tests), then `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import jsonschema, sys; sys.exit(0 if tuple(map(int, jsonschema.__version__.split(".")[:2])) >= (4, 18) else 1)' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "jsonschema>=4.18"
fi
source scripts/ensure-poppler.sh
cargo test --locked "$@"
