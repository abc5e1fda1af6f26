# Shared by demo.sh, test.sh and bench.sh: install what is missing, build.
# shellcheck shell=bash

# systemd: its systemd-analyze checks the unit files (a Debian 12 image may lack it).
readonly TICKETD_APT_PACKAGES=(libetpan-dev nettle-dev libgnutls28-dev openssl libsqlite3-dev dovecot-imapd python3-aiosmtpd pkg-config systemd)

# Installs the Debian packages ticketd needs, if any is missing.
ensure_packages() {
    local missing=()
    for package in "${TICKETD_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> installing ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Postfix's smtp-sink, the benchmark's SMTP server. Postfix itself is installed with
# "No configuration", so no mail system is set up or started.
ensure_smtp_sink() {
    command -v smtp-sink >/dev/null && return 0
    echo "==> installing postfix (for its smtp-sink; Postfix itself stays unconfigured)" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postfix >/dev/null
}

# What only the tests need: Debian's Chromium (the dashboard's end-to-end test drives it
# over its DevTools protocol) and, in a virtual environment under .build, schemathesis
# (checks the server against web/openapi.yaml) and a WebSocket client for the DevTools.
readonly TICKETD_TEST_APT_PACKAGES=(chromium python3-venv)
readonly TICKETD_TEST_PYTHON_PACKAGES=(schemathesis==4.32.5 websocket-client==1.8.0)
ensure_test_tools() {
    local missing=()
    for package in "${TICKETD_TEST_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "==> installing ${missing[*]}" >&2
        local sudo=()
        [ "$(id -u)" -eq 0 ] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    local venv=.build/test-tools
    if ! "$venv/bin/python" -c 'import schemathesis, websocket' 2>/dev/null; then
        echo "==> installing ${TICKETD_TEST_PYTHON_PACKAGES[*]} into $venv" >&2
        /usr/bin/python3 -m venv "$venv"
        "$venv/bin/pip" install -q "${TICKETD_TEST_PYTHON_PACKAGES[@]}"
    fi
}

# Refuses to go on without the Swift toolchain.
ensure_swift() {
    command -v swift >/dev/null || { echo "swift is not on PATH: install Swift 6 first (swift.org)" >&2; exit 1; }
}

# Starting Dovecot needs root (it switches to the mail and login users).
ensure_root() {
    [ "$(id -u)" -eq 0 ] || { echo "run as root: the local Dovecot switches users" >&2; exit 1; }
}

# How release binaries are built: with the Swift runtime and Foundation linked in, so that
# a one-shot command (an MTA's `ticketd ingest -`, a probe) does not spend a third of its
# start in the dynamic linker (issue 18: `ingest -` of one mail 16 ms of CPU linked
# dynamically, about 10 ms statically). The C++ runtime (for TOMLKit and ICU) is linked in
# too: libstdc++.so alone held a third of the symbols the dynamic linker looked up. The
# linker takes the first libstdc++ it finds, so a folder with only the static one comes
# first. The C libraries (libetpan, SQLite, GnuTLS) stay shared, for Debian's security
# updates to reach them.
# shellcheck disable=SC2034
# Nor does the binary look for libraries in its own folder first ($ORIGIN, forty failed
# lookups at each start, and a path lintian refuses in a package). Nor does it export
# its own symbols (SwiftPM links executables with --export-dynamic: 32,000 symbols, which
# the dynamic linker searched first for each of the shared libraries' 6,600 lookups, and
# which the Swift runtime's dladdr at start read one by one): `--version` 10.2 M → 9.1 M
# instructions, `ingest -` 1.1 M fewer.
release_build_flags=(-c release --static-swift-stdlib --disable-local-rpath -Xlinker --no-export-dynamic)
static_cxx=$(clang -print-file-name=libstdc++.a 2>/dev/null || true)
if [ -f "$static_cxx" ]; then
    mkdir -p .build/static-c++
    ln -sf "$static_cxx" .build/static-c++/libstdc++.a
    release_build_flags+=(-Xlinker -L"$PWD/.build/static-c++")
fi
