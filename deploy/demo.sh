#!/usr/bin/env bash
# The demo: installs what is missing, builds ticketd, starts a local Dovecot and SMTP
# sink in a temporary folder, delivers the sample mail, runs the worker once, prints
# the tickets and the replies the SMTP server received, and stops the servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh

ensure_root
ensure_swift
ensure_packages

echo "==> building"
swift build --product ticketd 2>&1 | tail -1
ticketd="$(swift build --show-bin-path)/ticketd"

work=$(mktemp -d /tmp/ticketd-demo.XXXXXX)
trap 'deploy/mailservers.sh stop "$work/servers" >/dev/null 2>&1 || true' EXIT

echo "==> starting Dovecot and the SMTP sink in $work"
deploy/mailservers.sh start "$work/servers" >/dev/null
# shellcheck disable=SC1091
source "$work/servers/servers.env"
deploy/mailservers.sh deliver "$work/servers" support deploy/sample-mail/support
deploy/mailservers.sh deliver "$work/servers" notifications deploy/sample-mail/notifications

cat > "$work/ticketd.toml" <<TOML
[service]
name = "EGI Demo Service Desk"
address = "support@ticketd.example"
database = "$work/ticketd.sqlite"
templates = "$PWD/templates"

[imap]
host = "$IMAP_HOST"
port = $IMAP_PORT
security = "none"
password_env = "TICKETD_IMAP_PASSWORD"

[mailboxes.support]
user = "support"

[mailboxes.notifications]
user = "notifications"

[[units]]
name = "Operations"
members = ["ops@egi.example"]
mailboxes = ["support", "notifications"]

[[units]]
name = "Security"
members = ["csirt@egi.example"]
qos = "advanced"
mailboxes = ["security"]

[changes]
approvers = ["omb@egi.example"]

[sla]
time_zone = "Europe/Amsterdam"
managers = ["service-manager@egi.example"]

[smtp]
host = "$SMTP_HOST"
port = $SMTP_PORT
security = "none"

[logging]
level = "warning"
TOML

echo "==> ticketd run --once"
start=$(date +%s.%N)
TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --config "$work/ticketd.toml"
end=$(date +%s.%N)
count=$(find deploy/sample-mail/support deploy/sample-mail/notifications -name '*.eml' | wc -l)
awk -v s="$start" -v e="$end" -v n="$count" 'BEGIN { printf "    %d messages in %.2f s (%.0f messages/s, including start-up)\n", n, e - s, n / (e - s) }'

# The team works change #5 by replying to the mail ticketd sent them: the reply brings
# back their reply token, without which their commands would count for nothing.
for reply in deploy/sample-mail/team-replies/*.eml; do
    name=$(basename "$reply")
    echo "==> the team replies: $name (to the Reply-To of ticketd's mail, which carries the token)"
    /usr/bin/python3 deploy/reply-from-team.py "$SMTP_DIR" "$reply" >"$work/$name"
    deploy/mailservers.sh deliver "$work/servers" support "$work/$name"
    TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --config "$work/ticketd.toml"
done

echo
echo "==> ticketd tickets list"
"$ticketd" tickets list --config "$work/ticketd.toml"

echo
echo "==> ticketd tickets list --unit Security   (security tickets show only when asked for)"
"$ticketd" tickets list --unit Security --config "$work/ticketd.toml"

echo
echo "==> ticketd tickets show 5   (a normal change: assessed, approved)"
"$ticketd" tickets show 5 --config "$work/ticketd.toml" | sed -n '1,/^--- /p' | sed '$d'

echo
echo "==> ticketd tickets show 10   (a problem opened by three recurring incidents)"
"$ticketd" tickets show 10 --config "$work/ticketd.toml" | sed -n '1,/^--- /p' | sed '$d'

echo
later=$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)
echo "==> ticketd run --once --now $later   (three days later: SLA warnings and breaches go out)"
TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --now "$later" --config "$work/ticketd.toml"
"$ticketd" tickets list --config "$work/ticketd.toml" | head -6

echo
echo "==> ticketd report sla   (run three days later)"
"$ticketd" report sla --now "$later" --config "$work/ticketd.toml" | head -30

echo
echo "==> replies received by the SMTP server (decoded by ticketd inspect)"
shopt -s nullglob
replies=("$SMTP_DIR"/*.eml)
if [ ${#replies[@]} -eq 0 ]; then
    echo "  (none)"
else
    "$ticketd" inspect --json "${replies[@]}" | /usr/bin/python3 -c '
import json, os, sys
for line in sys.stdin:
    mail = json.loads(line)
    to = ", ".join(a["address"] for a in mail["to"])
    replied = mail["in_reply_to"][0] if mail["in_reply_to"] else "-"
    print("  %s  to %s\n      %s\n      in reply to <%s>" % (os.path.basename(mail["file"]), to, mail["subject"], replied))
'
fi
echo
echo "==> done; the servers are stopped, the files stay in $work"
