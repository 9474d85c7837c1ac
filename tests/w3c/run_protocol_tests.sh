#!/usr/bin/env bash
# Run the W3C SPARQL 1.1 Protocol tests against a fresh server; installs rdf-test-suite on first use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ ! -f "$here/node_modules/rdf-test-suite/bin/Runner.js" ]; then
  npm install --no-save --no-audit --no-fund --prefix "$here" rdf-test-suite@2.8.0
fi
exec "$root/.venv/bin/python" "$here/run_protocol_tests.py" "$@"
