#!/usr/bin/env bash
# Fuzzes the MIME parsing path with libFuzzer and AddressSanitizer for SECONDS (default
# 60), seeded with the parser fixtures; prints the executions and any crash. A crashing
# input is saved under .fuzz/crashes/: replay it with `.build/debug/ParserFuzzer FILE`
# and keep it as a fixture once fixed.
# Usage: deploy/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh
ensure_swift
ensure_packages

seconds=${1:-60}
echo "==> building the fuzzer (libFuzzer + AddressSanitizer)" >&2
swift build --product ParserFuzzer --scratch-path .build-fuzz -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | tail -1 >&2
mkdir -p .fuzz/corpus .fuzz/crashes
cp Tests/MailParsingTests/Fixtures/*.eml .fuzz/corpus/
cp deploy/sample-mail/*/*.eml .fuzz/corpus/

echo "==> fuzzing for $seconds s" >&2
status=0
LSAN_OPTIONS="suppressions=$PWD/deploy/lsan-fuzz.supp" .build-fuzz/release/ParserFuzzer .fuzz/corpus -max_total_time="$seconds" -max_len=262144 -timeout=10 \
    -artifact_prefix=.fuzz/crashes/ -print_final_stats=1 > .fuzz/last-run.log 2>&1 || status=$?
grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" .fuzz/last-run.log || true
crashes=$(find .fuzz/crashes -type f | wc -l)
echo "fuzz: seconds=$seconds executions=$(grep -oP '(?<=number_of_executed_units: )\d+' .fuzz/last-run.log || echo 0) crashes=$crashes"
if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    grep -E "ERROR|SUMMARY|Test unit written" .fuzz/last-run.log | head -20
    exit 1
fi
