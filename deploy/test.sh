#!/usr/bin/env bash
# Installs what is missing, builds ticketd and runs the whole test suite: unit tests,
# integration tests against a real Dovecot, a real SMTP server and SQLite files (the
# tests start them on free loopback ports), and the CLI tests of the built binary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh

ensure_root
ensure_swift
ensure_packages

echo "==> building (with tests)"
start=$(date +%s)
swift build --build-tests
echo "==> build took $(( $(date +%s) - start )) s"

echo "==> running the tests"
start=$(date +%s)
swift test --skip-build "$@"
echo "==> tests took $(( $(date +%s) - start )) s"
