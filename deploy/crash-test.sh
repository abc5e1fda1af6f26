#!/usr/bin/env bash
# Crash test of exactly-once processing: loads N messages (new requests and replies that
# thread to them) into a local Dovecot, runs the worker, kills it with SIGKILL at random
# instants K times and restarts it, then checks SQLite and the SMTP server:
# every message processed exactly once, every acknowledgement received at least once,
# any duplicate carrying the same Message-ID, no more duplicates than kills.
# Prints `messages=N kills=K lost=L duplicated=D resent=R held=H` and exits non-zero on
# any loss or duplicate (H: messages two kills landed on, quarantined as a crash loop). TICKETD_BIN names a built binary (else this builds one, release).
# Usage: deploy/crash-test.sh N K
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh

messages=${1:-200}
kills=${2:-5}
ensure_root
if [ -z "${TICKETD_BIN:-}" ]; then
    ensure_swift
    ensure_packages
    swift build "${release_build_flags[@]}" --product ticketd 2>&1 | tail -1 >&2
    TICKETD_BIN="$(swift build "${release_build_flags[@]}" --show-bin-path)/ticketd"
fi

work=$(mktemp -d /tmp/ticketd-crash.XXXXXX)
worker=""
cleanup() {
    [ -n "$worker" ] && kill -9 "$worker" 2>/dev/null || true
    deploy/mailservers.sh stop "$work/servers" >/dev/null 2>&1 || true
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

deploy/mailservers.sh start "$work/servers" support >/dev/null
# shellcheck disable=SC1091
source "$work/servers/servers.env"

# Half new requests, half replies (by In-Reply-To) to an earlier request.
/usr/bin/python3 - "$work/mail" "$messages" <<'PY'
import os, random, sys
folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder)
random.seed(11)
requests = []
for i in range(count):
    if i % 2 == 0 or not requests:
        mid = "req-%d@crash.example" % i
        requests.append(mid)
        headers = ["From: user%d@crash.example" % i, "Subject: Request %d" % i, "Message-ID: <%s>" % mid]
    else:
        parent = random.choice(requests)
        headers = ["From: user%d@crash.example" % i, "Subject: more about it", "Message-ID: <rep-%d@crash.example>" % i,
                   "In-Reply-To: <%s>" % parent]
    body = "\r\n".join(headers + ["To: support@ticketd.example", "", "message %d" % i, ""])
    open(os.path.join(folder, "%06d.eml" % i), "w", newline="").write(body)
PY
deploy/mailservers.sh deliver "$work/servers" support "$work/mail" 2>/dev/null

cat > "$work/ticketd.toml" <<TOML
[service]
database = "$work/ticketd.sqlite"
templates = "$PWD/templates"
address = "support@ticketd.example"
poll_interval_seconds = 1
fetch_batch_size = 20
[imap]
host = "$IMAP_HOST"
port = $IMAP_PORT
security = "none"
password_env = "TICKETD_IMAP_PASSWORD"
[mailboxes.support]
user = "support"
[smtp]
host = "$SMTP_HOST"
port = $SMTP_PORT
security = "none"
retry_base_seconds = 1
retry_cap_seconds = 2
[loop]
max_per_10_minutes = 10000
max_per_day = 100000
[logging]
level = "error"
TOML
export TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD"

for ((k = 1; k <= kills; k++)); do
    "$TICKETD_BIN" run --config "$work/ticketd.toml" 2>>"$work/worker.log" &
    worker=$!
    sleep "$(/usr/bin/python3 -c 'import random; print(round(random.uniform(0.2, 2.0), 3))')"
    kill -9 "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
    worker=""
done
# Let it finish what is left.
for _ in 1 2 3 4 5 6 7 8 9 10; do
    "$TICKETD_BIN" run --once --config "$work/ticketd.toml" >/dev/null 2>>"$work/worker.log" || true
    pending=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from outbox where status='pending'\").fetchone()[0])" "$work/ticketd.sqlite")
    [ "$pending" = "0" ] && break
    sleep 2
done

/usr/bin/python3 - "$work/ticketd.sqlite" "$SMTP_DIR" "$messages" "$kills" <<'PY'
import email, os, sqlite3, sys
from collections import Counter
db_path, smtp_dir, count, kills = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
db = sqlite3.connect(db_path)
incoming = Counter(r[0] for r in db.execute("select message_id from messages where direction='incoming'"))
expected = set()
for i in range(count):
    expected.add(("req-%d@crash.example" if i % 2 == 0 or i == 0 else "rep-%d@crash.example") % i)
lost = len([m for m in expected if incoming[m] == 0])
# Two kills that land while the same message is in hand make it look like mail that kills
# the worker: it is quarantined unparsed (kept, with that reason, for `failures retry`),
# as the crash-loop defence must. That is no loss; it takes two kills each.
held = db.execute("select count(*) from failures where reason like 'in flight at % abnormal ends%'").fetchone()[0]
lost -= min(lost, held)
duplicated = sum(n - 1 for n in incoming.values() if n > 1)
# One ticket per request, and every reply on the ticket of its request.
tickets = Counter(r[0] for r in db.execute("select subject from tickets"))
duplicated += sum(n - 1 for n in tickets.values() if n > 1)
wrong = db.execute("""select count(*) from messages m where m.direction='incoming' and m.message_id like 'rep-%'
    and m.ticket_number is null""").fetchone()[0]
lost += wrong
# Every acknowledgement (outbox row) reached the SMTP server at least once, same Message-ID.
sent_ids = [r[0] for r in db.execute("select m.message_id from outbox o join messages m on m.id = o.message_row_id")]
received = Counter()
for name in os.listdir(smtp_dir):
    if name.endswith(".eml"):
        with open(os.path.join(smtp_dir, name), "rb") as f:
            received[email.message_from_binary_file(f)["Message-ID"].strip("<>")] += 1
missing = [m for m in sent_ids if received[m] == 0]
lost += len(missing)
resent = sum(n - 1 for n in received.values() if n > 1)
pending = db.execute("select count(*) from outbox where status != 'sent'").fetchone()[0]
lost += pending
print("messages=%d kills=%d lost=%d duplicated=%d resent=%d held=%d" % (count, kills, lost, duplicated, resent, held))
if lost or duplicated or resent > kills or held > kills // 2:
    sys.exit(1)
PY
