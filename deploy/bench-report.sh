#!/usr/bin/env bash
# Benchmark of `ticketd report sla` over N generated tickets (default 1,000,000), each
# with a response clock: prints the seconds and peak memory of each output format.
# Usage: deploy/bench-report.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh
ensure_swift
ensure_packages

count=${1:-1000000}
echo "==> release build" >&2
swift build "${release_build_flags[@]}" --product ticketd 2>&1 | tail -1 >&2
ticketd="$(swift build "${release_build_flags[@]}" --show-bin-path)/ticketd"

work=$(mktemp -d /tmp/ticketd-bench-report.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cat > "$work/ticketd.toml" <<TOML
[service]
database = "$work/bench.sqlite"
templates = "$PWD/templates"
[mailboxes.support]
user = "support"
password_env = "UNUSED"
[smtp]
[[units]]
name = "Operations"
[[units]]
name = "Storage"
qos = "advanced"
[[units]]
name = "Security"
[sla]
time_zone = "Europe/Amsterdam"
TOML
# Creates the schema through ticketd's own migrations.
"$ticketd" tickets list --config "$work/ticketd.toml" >/dev/null

echo "==> generating $count tickets with response clocks" >&2
start=$(date +%s.%N)
/usr/bin/python3 deploy/bench-report-data.py "$work/bench.sqlite" "$count"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "    generated in %.1f s\n", e - s }' >&2

for format in table csv json html; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$ticketd" report sla --config "$work/ticketd.toml" --format "$format" --output "$work/out.$format"
    read -r seconds kilobytes < "$work/time"
    echo "report_sla_${format}: tickets=$count seconds=$seconds peak_rss_mb=$((kilobytes / 1024)) output_bytes=$(stat -c %s "$work/out.$format")"
done
