#!/usr/bin/env bash
# Start/stop a throwaway Dovecot IMAP server and an SMTP sink in one folder.
#
# Used by the demo, the benchmark and ticketd's Swift integration tests.
# Nothing outside DIR is touched (no system Dovecot config, no systemd); it
# has to run as root because Dovecot switches users (mail as nobody:nogroup,
# login as dovenull).
#
#   mailservers.sh start DIR [USER ...]     users default to "support notifications"
#   mailservers.sh deliver DIR USER FILE|DIRECTORY ...
#   mailservers.sh stop DIR
#   mailservers.sh kick DIR USER
#   mailservers.sh restart-imap DIR
#
# `start` prints (and writes to DIR/servers.env) KEY=VALUE lines:
#   IMAP_HOST IMAP_PORT SMTP_HOST SMTP_PORT DOVECOT_PID SMTP_PID SMTP_DIR MAIL_PASSWORD
# and, with TLS (below), IMAPS_PORT last.
# Every user's password is "secret".  Environment knobs for `start`:
#   IMAP_PORT, SMTP_PORT  use these ports instead of picking free ones
#   SMTP_SINK_ARGS        extra arguments for smtp-sink.py, split on white space
#                         (e.g. "--refuse bad@x.example --tempfail-file DIR/tempfail")
#   TLS_CERT, TLS_KEY     PEM certificate (leaf first, chain may follow) and key
#                         (e.g. from deploy/test-ca.sh): both or neither.  Then
#                         Dovecot has ssl = yes: IMAP_PORT offers STARTTLS and
#                         IMAPS_PORT speaks implicit TLS; the SMTP sink offers
#                         STARTTLS.  Plain-text logins stay allowed on both.
#                         The files are read as root and may stay anywhere.
#   IMAPS_PORT            with TLS: use this port instead of picking a free one
#   SMTP_AUTH             USER:PASSWORD: the SMTP sink advertises AUTH PLAIN
#                         LOGIN and accepts these credentials, after STARTTLS
#                         only if TLS is on, else in plain text.  Every AUTH
#                         attempt (with the password sent) is logged as a JSON
#                         line to SMTP_DIR/auth.log; see smtp-sink.py.
#
# Files in DIR: dovecot.conf, passwd, dovecot.log (Dovecot's own log),
# dovecot.out (Dovecot master's stdout/stderr), smtp-sink.log, smtp/ (stored
# messages NNNNNN.eml + NNNNNN.json), mail/USER/Maildir, run/ and state/.
set -euo pipefail

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Debian's python3-aiosmtpd is only visible to the system interpreter; another
# python3 earlier on PATH may not see it.
readonly PY=/usr/bin/python3
readonly DOVECOT=/usr/sbin/dovecot
readonly HOST=127.0.0.1
readonly PASSWORD=secret
readonly MAIL_USER=nobody MAIL_GROUP=nogroup
readonly START_TIMEOUT_S=10
readonly STOP_TIMEOUT_S=5

prog=${0##*/}

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
    exit 2
}

die() {
    echo "$prog: $*" >&2
    exit 1
}

# abs_dir DIR: absolute path without requiring that DIR exists yet.  Dovecot
# needs absolute paths in its config, and callers pass relative ones.
abs_dir() {
    realpath -m -- "$1"
}

# alive PID: true if PID runs and is not a zombie.  PID 1 on this machine
# reaps orphans only after a few seconds, so a stopped server lingers as a
# zombie ("[dovecot] <defunct>" in pgrep); `kill -0` still succeeds on it,
# /proc/PID/stat tells the truth.
alive() {
    local pid=$1 stat
    [[ -n $pid && -r /proc/$pid/stat ]] || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }            # the field after "(comm) " is the state
    [[ ${stat:0:1} != Z && ${stat:0:1} != X ]]
}

# ours PID PATTERN: PID is alive and its command line contains PATTERN (the
# instance's config file or smtp dir).  Guards against killing an unrelated
# process, or another instance, that reused a recorded PID.
ours() {
    local pid=$1 pattern=$2 cmdline
    alive "$pid" || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$pattern"* ]]
}

# pgid_of PID: the process group of PID (field 5 of /proc/PID/stat, the
# third after "(comm) ": state ppid pgrp).
pgid_of() {
    local stat state ppid pgid
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
    stat=${stat##*) }
    read -r state ppid pgid _ <<<"$stat"
    echo "$pgid"
}

# port_open PORT: true if something accepts TCP connections on HOST:PORT.
port_open() {
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# pick_ports N: print N distinct free TCP ports on HOST, one a line.  All
# sockets are held open until every port is chosen so they cannot collide.
pick_ports() {
    "$PY" - "$1" "$HOST" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind((sys.argv[2], 0))
    socks.append(s)
for s in socks:
    print(s.getsockname()[1])
EOF
}

# read_env DIR: load DIR/servers.env into shell variables (only known keys).
read_env() {
    local env=$1/servers.env key value
    [[ -f $env ]] || return 1
    while IFS='=' read -r key value; do
        case $key in
            IMAP_HOST|IMAP_PORT|IMAPS_PORT|SMTP_HOST|SMTP_PORT|DOVECOT_PID|SMTP_PID|SMTP_DIR|MAIL_PASSWORD)
                printf -v "$key" '%s' "$value" ;;
        esac
    done <"$env"
}

write_env() {
    local dir=$1
    cat >"$dir/servers.env.tmp" <<EOF
IMAP_HOST=$HOST
IMAP_PORT=$IMAP_PORT
SMTP_HOST=$HOST
SMTP_PORT=$SMTP_PORT
DOVECOT_PID=$DOVECOT_PID
SMTP_PID=$SMTP_PID
SMTP_DIR=$dir/smtp
MAIL_PASSWORD=$PASSWORD
EOF
    [[ -z ${IMAPS_PORT:-} ]] || echo "IMAPS_PORT=$IMAPS_PORT" >>"$dir/servers.env.tmp"
    mv -f "$dir/servers.env.tmp" "$dir/servers.env"
}

# show_log FILE...: the last lines of each non-empty log, for error reports.
show_log() {
    local f
    for f in "$@"; do
        if [[ -s $f ]]; then
            echo "--- last lines of $f:" >&2
            tail -n 25 "$f" >&2
        fi
    done
}

# stop_pid PID PATTERN NAME: TERM, wait up to STOP_TIMEOUT_S, then KILL.
# Both servers are started with setsid, so each leads its own process group
# holding all its children: signal the whole group.  (TERM to the Dovecot
# master alone takes ~1.1 s to shut down; TERM to the group takes ~20 ms.)
# Quiet if already gone.
stop_pid() {
    local pid=$1 pattern=$2 name=$3 i target
    ours "$pid" "$pattern" || return 0
    target=$pid
    [[ $(pgid_of "$pid") == "$pid" ]] && target=-$pid
    kill -TERM -- "$target" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT_S * 20; i++)); do
        alive "$pid" || return 0
        sleep 0.05
    done
    echo "$prog: $name (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT_S}s, killing it" >&2
    kill -KILL -- "$target" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
        alive "$pid" || return 0
        sleep 0.05
    done
    echo "$prog: $name (pid $pid) is still there after SIGKILL" >&2
}

# wait_port PORT PID NAME: poll until PORT accepts connections; fail early if
# the process died.
wait_port() {
    local port=$1 pid=$2 i
    for ((i = 0; i < START_TIMEOUT_S * 50; i++)); do
        port_open "$port" && return 0
        alive "$pid" || return 1
        sleep 0.02
    done
    return 1
}

# write_dovecot_conf DIR BASE_DIR: with TLS_CERT set, the ssl lines and the
# imaps listener differ; without, the file is as it always was.
write_dovecot_conf() {
    local dir=$1 base_dir=$2 ssl=no imaps="port = 0"
    if [[ -n ${TLS_CERT:-} ]]; then
        # "<path": Dovecot's config process (root) reads the files.
        ssl="yes
ssl_cert = <$TLS_CERT
ssl_key = <$TLS_KEY"
        imaps="address = $HOST
    port = $IMAPS_PORT
    ssl = yes"
    fi
    cat >"$dir/dovecot.conf" <<EOF
# Throwaway Dovecot for ticketd tests and the demo; written by $prog.
# Everything lives under $dir; no system configuration is read.

# Dovecot runs as root and switches users; run/ must be reachable by them.
base_dir = $base_dir
state_dir = $dir/state
log_path = $dir/dovecot.log
instance_name = ticketd-test-$IMAP_PORT

protocols = imap
listen = $HOST
ssl = $ssl
# Plain passwords over plain TCP on 127.0.0.1 are fine here.
disable_plaintext_auth = no
auth_mechanisms = plain login
# No artificial delay after a failed login (tests check wrong passwords).
auth_failure_delay = 0
auth_verbose = yes

default_login_user = dovenull
default_internal_user = dovecot
# One Unix user owns every mailbox; Dovecot refuses root-owned mail.
mail_uid = $MAIL_USER
mail_gid = $MAIL_GROUP
first_valid_uid = 1
mail_location = maildir:$dir/mail/%u/Maildir
# Throwaway data: don't pay for fsync.
mail_fsync = never

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = home=$dir/mail/%u
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = create
  }
  mailbox Quarantine {
    auto = create
  }
}

# Tests open ~20 connections at once from 127.0.0.1 as the same user.
protocol imap {
  mail_max_userip_connections = 100
}
default_process_limit = 200
default_client_limit = 2000
service imap-login {
  inet_listener imap {
    address = $HOST
    port = $IMAP_PORT
  }
  inet_listener imaps {
    $imaps
  }
  process_limit = 200
}
service imap {
  process_limit = 200
}
# Auth penalty off: otherwise, after one failed login, every login from
# 127.0.0.1 (good ones too) is held back ~4 s.  With the socket unusable the
# auth process gives up on penalties; it logs one harmless line
# "net_connect_unix(anvil-auth-penalty) failed" per start.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF
}

# close_inherited_fds: close every descriptor above 2 in this (sub)shell.
# The servers outlive this script; a caller's pipe leaked to them (e.g. the
# write end of the pipe the caller reads our output from) would keep that
# caller waiting for EOF for as long as they run.
close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if ((fd > 2)); then exec {fd}>&-; fi
    done
}

# The servers run as background jobs with stdin, stdout and stderr redirected
# (the caller reads our stdout until EOF, no server may hold it) and in their
# own session (setsid), so a Ctrl-C in the caller's terminal does not reach
# them.  In a non-interactive script a background job is not a process-group
# leader, so setsid does not fork and $! is the server's own PID.
# `env --default-signal` undoes an inherited "ignore SIGTERM/SIGINT" (a caller
# such as a Swift service group ignores them), which `stop` relies on.

# start_dovecot DIR: the master runs in the foreground (-F) of a background
# job; a daemonised master is left defunct on this machine.
start_dovecot() {
    local dir=$1
    ( close_inherited_fds; exec setsid env --default-signal=TERM,INT,HUP "$DOVECOT" -F -c "$dir/dovecot.conf" ) \
        </dev/null >>"$dir/dovecot.out" 2>&1 &
    DOVECOT_PID=$!
}

start_sink() {
    local dir=$1
    local -a extra=()
    # Word-split SMTP_SINK_ARGS on white space (no quoting inside it).
    read -ra extra <<<"${SMTP_SINK_ARGS:-}"
    [[ -z ${TLS_CERT:-} ]] || extra+=(--tls-cert "$TLS_CERT" --tls-key "$TLS_KEY")
    [[ -z ${SMTP_AUTH:-} ]] || extra+=(--auth "$SMTP_AUTH")
    ( close_inherited_fds
      exec setsid env --default-signal=TERM,INT,HUP "$PY" "$SCRIPT_DIR/smtp-sink.py" --host "$HOST" --port "$SMTP_PORT" \
          --dir "$dir/smtp" "${extra[@]}" ) </dev/null >>"$dir/smtp-sink.log" 2>&1 &
    SMTP_PID=$!
}

cmd_start() {
    [[ $# -ge 1 ]] || usage
    local dir users attempt max_attempts=1 user
    dir=$(abs_dir "$1"); shift
    users=("$@")
    [[ ${#users[@]} -gt 0 ]] || users=(support notifications)
    for user in "${users[@]}"; do
        [[ $user =~ ^[A-Za-z0-9._-]+$ ]] || die "bad user name: $user"
    done
    [[ $(id -u) -eq 0 ]] || die "must run as root (Dovecot switches users)"
    [[ -x $DOVECOT ]] || die "$DOVECOT missing: apt-get install dovecot-imapd"

    # TLS files as absolute paths: Dovecot's config and the sink need them so.
    local tls=
    if [[ -n ${TLS_CERT:-} || -n ${TLS_KEY:-} ]]; then
        [[ -n ${TLS_CERT:-} && -n ${TLS_KEY:-} ]] || die "TLS_CERT and TLS_KEY go together"
        [[ -r $TLS_CERT ]] || die "TLS_CERT $TLS_CERT is not readable"
        [[ -r $TLS_KEY ]] || die "TLS_KEY $TLS_KEY is not readable"
        TLS_CERT=$(realpath -- "$TLS_CERT"); TLS_KEY=$(realpath -- "$TLS_KEY")
        tls=1
    fi
    if [[ -n ${SMTP_AUTH:-} && $SMTP_AUTH != ?*:* ]]; then
        die "SMTP_AUTH must be USER:PASSWORD"
    fi

    # Ports asked for by the caller (read before read_env overwrites them).
    local want_imap=${IMAP_PORT:-} want_smtp=${SMTP_PORT:-} want_imaps=
    [[ -z $tls ]] || want_imaps=${IMAPS_PORT:-}

    mkdir -p "$dir"
    if read_env "$dir" && { ours "${DOVECOT_PID:-}" "$dir/dovecot.conf" || ours "${SMTP_PID:-}" "$dir/smtp"; }; then
        die "servers already running for $dir (run: $prog stop $dir)"
    fi
    rm -f "$dir/servers.env"

    # Dovecot's unprivileged processes (nobody, dovenull, dovecot) must reach
    # DIR: mktemp -d makes it 0700, so open it up, and give every parent the
    # search (x) bit for others if it lacks it.
    chmod 755 "$dir"
    local p=$dir
    while p=$(dirname "$p"); [[ $p != / ]]; do
        [[ $(( $(stat -c '%#a' "$p") & 1 )) -eq 1 ]] || chmod o+x "$p"
    done

    # Unix sockets live in base_dir and their paths may not exceed 107 bytes;
    # Dovecot's longest socket name there is ~30 bytes.  For a deep DIR put
    # base_dir in a short temporary directory and leave a symlink DIR/run.
    local base_dir=$dir/run
    if [[ -L $base_dir ]]; then
        rm -rf -- "$(readlink "$base_dir")"; rm -f "$base_dir"
    fi
    if (( ${#base_dir} > 70 )); then
        base_dir=$(mktemp -d /tmp/ticketd-dovecot.XXXXXX)
        chmod 755 "$base_dir"
        ln -sfn "$base_dir" "$dir/run"
    fi

    mkdir -p "$dir/state" "$dir/smtp" "$dir/mail"
    : >"$dir/passwd"
    for user in "${users[@]}"; do
        echo "$user:{PLAIN}$PASSWORD" >>"$dir/passwd"
        # Create the Maildir now so `deliver` works before the first login.
        mkdir -p "$dir/mail/$user/Maildir/"{cur,new,tmp}
    done
    chmod 644 "$dir/passwd"   # read by the auth process (user dovecot)
    chown -R "$MAIL_USER:$MAIL_GROUP" "$dir/mail"

    # Auto-picked ports can be taken by someone else before we bind them
    # (parallel test runs): then try again with fresh ones.
    [[ -n $want_imap && -n $want_smtp && ( -z $tls || -n $want_imaps ) ]] || max_attempts=3
    for ((attempt = 1; attempt <= max_attempts; attempt++)); do
        local ports
        ports=($(pick_ports $((tls ? 3 : 2))))
        IMAP_PORT=${want_imap:-${ports[0]}}
        SMTP_PORT=${want_smtp:-${ports[1]}}
        IMAPS_PORT=
        [[ -z $tls ]] || IMAPS_PORT=${want_imaps:-${ports[2]}}
        # Fresh logs per attempt so an error report shows only this attempt.
        : >"$dir/dovecot.out"; : >"$dir/smtp-sink.log"
        [[ -f $dir/dovecot.log ]] && mv -f "$dir/dovecot.log" "$dir/dovecot.log.old"

        # A server that cannot bind exits, but the port would still answer
        # (someone else's server) and fool the readiness check below.
        if [[ -n $want_imap ]] && port_open "$IMAP_PORT"; then
            die "IMAP_PORT $IMAP_PORT on $HOST is already in use"
        fi
        if [[ -n $want_smtp ]] && port_open "$SMTP_PORT"; then
            die "SMTP_PORT $SMTP_PORT on $HOST is already in use"
        fi
        if [[ -n $want_imaps ]] && port_open "$IMAPS_PORT"; then
            die "IMAPS_PORT $IMAPS_PORT on $HOST is already in use"
        fi
        if port_open "$IMAP_PORT" || port_open "$SMTP_PORT" ||
            { [[ -n $tls ]] && port_open "$IMAPS_PORT"; }; then
            ((attempt < max_attempts)) || die "no free ports found"
            continue    # a picked port was grabbed in the meantime
        fi

        write_dovecot_conf "$dir" "$base_dir"
        local check
        if ! check=$(doveconf -c "$dir/dovecot.conf" -n 2>&1 >/dev/null); then
            echo "$check" >&2
            die "invalid Dovecot configuration $dir/dovecot.conf"
        fi
        [[ -z $check ]] || echo "$check" >&2   # warnings

        start_dovecot "$dir"
        start_sink "$dir"

        # Wait for both ports, then check both processes are still alive (not
        # merely someone else answering on the port).  Keep the logs that
        # explain a failure.
        local -a bad_logs=()
        if ! wait_port "$IMAP_PORT" "$DOVECOT_PID"; then
            echo "$prog: Dovecot did not start listening on $HOST:$IMAP_PORT" >&2
            bad_logs+=("$dir/dovecot.out" "$dir/dovecot.log")
        elif [[ -n $tls ]] && ! wait_port "$IMAPS_PORT" "$DOVECOT_PID"; then
            echo "$prog: Dovecot did not start listening on $HOST:$IMAPS_PORT (imaps)" >&2
            bad_logs+=("$dir/dovecot.out" "$dir/dovecot.log")
        elif ! alive "$DOVECOT_PID"; then
            echo "$prog: Dovecot exited during start-up" >&2
            bad_logs+=("$dir/dovecot.out" "$dir/dovecot.log")
        fi
        if ! wait_port "$SMTP_PORT" "$SMTP_PID"; then
            echo "$prog: SMTP sink did not start listening on $HOST:$SMTP_PORT" >&2
            bad_logs+=("$dir/smtp-sink.log")
        elif ! alive "$SMTP_PID"; then
            echo "$prog: SMTP sink exited during start-up" >&2
            bad_logs+=("$dir/smtp-sink.log")
        fi
        if ((${#bad_logs[@]} == 0)); then
            write_env "$dir"
            cat "$dir/servers.env"
            return 0
        fi

        stop_pid "$DOVECOT_PID" "$dir/dovecot.conf" Dovecot
        stop_pid "$SMTP_PID" "$dir/smtp" "SMTP sink"
        if ((attempt < max_attempts)) &&
            grep -qs 'in use' "$dir/dovecot.log" "$dir/dovecot.out" "$dir/smtp-sink.log"; then
            echo "$prog: port taken, retrying with other ports" >&2
            continue
        fi
        show_log "${bad_logs[@]}"
        exit 1
    done
}

cmd_stop() {
    [[ $# -eq 1 ]] || usage
    local dir
    dir=$(abs_dir "$1")
    if ! read_env "$dir"; then
        echo "$prog: no $dir/servers.env, nothing to stop" >&2
        return 0
    fi
    stop_pid "${DOVECOT_PID:-}" "$dir/dovecot.conf" Dovecot
    stop_pid "${SMTP_PID:-}" "$dir/smtp" "SMTP sink"
    # A short base_dir outside DIR (see start) is removed with the servers.
    if [[ -L $dir/run ]]; then
        rm -rf -- "$(readlink "$dir/run")"; rm -f "$dir/run"
    fi
    return 0
}

cmd_restart_imap() {
    [[ $# -eq 1 ]] || usage
    local dir
    dir=$(abs_dir "$1")
    read_env "$dir" || die "no $dir/servers.env (run: $prog start $dir)"
    stop_pid "${DOVECOT_PID:-}" "$dir/dovecot.conf" Dovecot
    start_dovecot "$dir"
    if ! wait_port "$IMAP_PORT" "$DOVECOT_PID" ||
        { [[ -n ${IMAPS_PORT:-} ]] && ! wait_port "$IMAPS_PORT" "$DOVECOT_PID"; }; then
        echo "$prog: Dovecot did not start listening again on $HOST:$IMAP_PORT${IMAPS_PORT:+ or $IMAPS_PORT}" >&2
        show_log "$dir/dovecot.out" "$dir/dovecot.log"
        exit 1
    fi
    write_env "$dir"
    cat "$dir/servers.env"
}

cmd_kick() {
    [[ $# -eq 2 ]] || usage
    local dir
    dir=$(abs_dir "$1")
    [[ -f $dir/dovecot.conf ]] || die "no $dir/dovecot.conf"
    doveadm -c "$dir/dovecot.conf" kick "$2"
}

# deliver DIR USER FILE|DIRECTORY...: put messages straight into USER's
# INBOX the way an MDA does (write into tmp/, rename into new/).  One python
# process does them all: 10,000 messages in about a second.
cmd_deliver() {
    [[ $# -ge 3 ]] || usage
    local dir user maildir
    dir=$(abs_dir "$1"); user=$2; shift 2
    grep -q "^$user:" "$dir/passwd" 2>/dev/null || die "no user $user in $dir/passwd"
    maildir=$dir/mail/$user/Maildir
    "$PY" - "$maildir" "$MAIL_USER" "$MAIL_GROUP" "$@" <<'EOF'
import grp, os, pwd, socket, sys, time

maildir, user, group, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
uid = pwd.getpwnam(user).pw_uid
gid = grp.getgrnam(group).gr_gid

files = []
for a in args:
    if os.path.isdir(a):
        files += sorted(os.path.join(a, n) for n in os.listdir(a)
                        if n.endswith(".eml") and os.path.isfile(os.path.join(a, n)))
    elif os.path.isfile(a):
        files.append(a)
    else:
        sys.exit(f"mailservers.sh deliver: no such file or directory: {a}")

for sub in ("cur", "new", "tmp"):
    d = os.path.join(maildir, sub)
    if not os.path.isdir(d):
        os.makedirs(d, exist_ok=True)
        os.chown(d, uid, gid)
os.chown(maildir, uid, gid)

host = socket.gethostname().replace("/", "\\057").replace(":", "\\072")
pid = os.getpid()
# Dovecot gives new files their UIDs in the order (seconds, M<microseconds>,
# rest of the name) of their names, not in directory order.  Use the standard
# "<secs>.M<usecs>P<pid>Q<seq>.<host>" form with a strictly increasing time,
# so UIDs follow the order of the files given, also across several calls.
last = 0
for seq, path in enumerate(files, 1):
    with open(path, "rb") as f:
        data = f.read()
    now = max(time.time_ns() // 1000, last + 1)   # microseconds
    last = now
    name = f"{now // 1_000_000}.M{now % 1_000_000}P{pid}Q{seq}.{host}"
    tmp = os.path.join(maildir, "tmp", name)
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
        f.write(data)
        os.fchown(f.fileno(), uid, gid)
    os.rename(tmp, os.path.join(maildir, "new", name))
print(f"delivered {len(files)} message(s) to {maildir}", file=sys.stderr)
EOF
}

[[ $# -ge 1 ]] || usage
cmd=$1; shift
case $cmd in
    start)        cmd_start "$@" ;;
    stop)         cmd_stop "$@" ;;
    deliver)      cmd_deliver "$@" ;;
    kick)         cmd_kick "$@" ;;
    restart-imap) cmd_restart_imap "$@" ;;
    -h|--help|help) usage ;;
    *)            echo "$prog: unknown command: $cmd" >&2; usage ;;
esac
