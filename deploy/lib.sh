# Shared by demo.sh, test.sh and bench.sh: install what is missing, build.
# shellcheck shell=bash

readonly TICKETD_APT_PACKAGES=(libetpan-dev libsqlite3-dev dovecot-imapd python3-aiosmtpd pkg-config)

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

# Refuses to go on without the Swift toolchain.
ensure_swift() {
    command -v swift >/dev/null || { echo "swift is not on PATH: install Swift 6 first (swift.org)" >&2; exit 1; }
}

# Starting Dovecot needs root (it switches to the mail and login users).
ensure_root() {
    [ "$(id -u)" -eq 0 ] || { echo "run as root: the local Dovecot switches users" >&2; exit 1; }
}
