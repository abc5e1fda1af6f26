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
swift build -c release --product ticketd 2>&1 | tail -1 >&2
ticketd="$(swift build -c release --show-bin-path)/ticketd"

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
/usr/bin/python3 - "$work/bench.sqlite" "$count" <<'PY'
import random, sqlite3, sys, datetime
path, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
units = ["Operations", "Storage", "Security"]
targets = {0: 144000, 1: 144000, 2: 144000, 3: 28800, 4: 28800}
base = datetime.datetime(2025, 1, 1)
def stamp(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.000")
tickets, clocks = [], []
for n in range(1, count + 1):
    created = base + datetime.timedelta(seconds=random.randrange(0, 690 * 86400))
    priority = random.choice([1, 1, 2, 2, 2, 3, 4])
    unit = random.choice(units)
    kind = "security" if unit == "Security" else random.choice(["incident", "request", "change"])
    tickets.append((n, "Generated ticket %d" % n, "user%d@example.org" % (n % 5000), "open", "support", stamp(created), stamp(created),
                    kind, priority, unit))
    target = targets[priority]
    consumed = random.expovariate(1 / (target * 0.6))
    running = random.random() < 0.02
    outcome = "running" if running else ("met" if consumed <= target else "breached")
    due = created + datetime.timedelta(seconds=target * 3)
    stopped = None if running else stamp(created + datetime.timedelta(seconds=consumed * 3))
    clocks.append((n, "response", unit, priority, float(target), stamp(created), 0.0 if running else consumed,
                   stamp(created) if running else None, "[]", stopped, None, stamp(due), outcome, 0.75))
    if len(tickets) == 50000:
        db.executemany("INSERT INTO tickets (number, subject, requester_address, status, mailbox, created_at, updated_at, kind, priority, unit) VALUES (?,?,?,?,?,?,?,?,?,?)", tickets)
        db.executemany("INSERT INTO sla_clocks (ticket_number, kind, unit, priority, target_seconds, started_at, consumed_seconds, segment_start, pauses, stopped_at, warn_at, due_at, outcome, warning_fraction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", clocks)
        tickets, clocks = [], []
if tickets:
    db.executemany("INSERT INTO tickets (number, subject, requester_address, status, mailbox, created_at, updated_at, kind, priority, unit) VALUES (?,?,?,?,?,?,?,?,?,?)", tickets)
    db.executemany("INSERT INTO sla_clocks (ticket_number, kind, unit, priority, target_seconds, started_at, consumed_seconds, segment_start, pauses, stopped_at, warn_at, due_at, outcome, warning_fraction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", clocks)
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "    generated in %.1f s\n", e - s }' >&2

for format in table csv json html; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$ticketd" report sla --config "$work/ticketd.toml" --format "$format" --output "$work/out.$format"
    read -r seconds kilobytes < "$work/time"
    echo "report_sla_${format}: tickets=$count seconds=$seconds peak_rss_mb=$((kilobytes / 1024)) output_bytes=$(stat -c %s "$work/out.$format")"
done
