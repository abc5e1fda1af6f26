#!/usr/bin/env bash
# The Debian package in a fresh Debian 12 root (debootstrap into a folder of its own,
# then chroot): it installs with apt (which brings its dependencies), `ticketd --version`
# and `ticketd check-config` run on the installed example, an upgrade keeps the config
# (changed by the site) and the database, `apt remove` keeps them and `apt purge` removes
# them with the system user. Needs root and a Debian mirror.
#
#   deploy/package-test.sh [DEB]    default: a package built now by deploy/package.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh
ensure_root
for tool in debootstrap lintian; do
    command -v "$tool" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
done

work=$(mktemp -d /tmp/ticketd-package.XXXXXX)
root="$work/root"
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    git worktree remove --force "$work/previous" 2>/dev/null || true
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
    deb=$1
else
    deb=$(bash deploy/package.sh "$work/out" | tail -1)
fi
version=$(dpkg-deb -f "$deb" Version)
echo "==> lintian" >&2
status=0
report=$(lintian --fail-on error "$deb" 2>&1) || status=$?
grep -v "root privileges" <<<"$report" >&2 || true
[ "$status" -eq 0 ] || { echo "lintian found errors" >&2; exit 1; }
# The package of the previous commit, to upgrade from, labelled to sort before this one
# (versions from commit hashes do not order); before package.sh existed, this build.
previous=$(git rev-parse -q --verify HEAD~1 || true)
if [ -n "$previous" ] && git cat-file -e "$previous:deploy/package.sh" 2>/dev/null; then
    echo "==> the package of the previous commit, ${previous:0:7}" >&2
    git worktree add -q --detach "$work/previous" "$previous"
    build_folder="$PWD/.build"
    older=$(cd "$work/previous" && TICKETD_PACKAGE_VERSION="$version~previous" TICKETD_SCRATCH_PATH="$build_folder" \
        bash deploy/package.sh "$work/older" | tail -1)
    older_binary=$(sh "$work/previous/deploy/version.sh" "$work/previous")
    git worktree remove --force "$work/previous"
else
    echo "==> no package.sh in the previous commit: upgrading from this build as an older version" >&2
    older=$(TICKETD_PACKAGE_VERSION="$version~previous" bash deploy/package.sh "$work/older" | tail -1)
    older_binary=$version
fi

echo "==> debootstrap bookworm" >&2
start=$(date +%s)
debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
echo "==> debootstrap took $(( $(date +%s) - start )) s" >&2
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
check() { if "$@"; then echo "ok: ${*: -1}" >&2; else echo "FAILED: $*" >&2; exit 1; fi; }
cp "$deb" "$older" "$root/tmp/"
in_root apt-get update -qq

echo "==> install $version~previous" >&2
in_root apt-get install -y -qq "/tmp/$(basename "$older")" >/dev/null
check test "$(in_root dpkg-query -W -f='${Version}' ticketd)" = "$version~previous"
check test "$(in_root ticketd --version | head -1)" = "ticketd $older_binary"
check in_root env TICKETD_IMAP_PASSWORD=x ticketd check-config
check test "$(in_root stat -c '%a %U %G' /etc/ticketd/ticketd.toml)" = "640 root ticketd"
check test "$(in_root stat -c '%a %U %G' /var/lib/ticketd)" = "700 ticketd ticketd"
check test "$(in_root stat -c '%U' /usr/bin/ticketd)" = "root"
# A site's change to the config, and a database made by the worker's user.
in_root sed -i 's/^name = "Service Desk"$/name = "Site Desk"/' /etc/ticketd/ticketd.toml
in_root setpriv --reuid=ticketd --regid=ticketd --init-groups ticketd tickets list >/dev/null
check test -f "$root/var/lib/ticketd/ticketd.sqlite"

echo "==> upgrade to $version" >&2
# The site changed its config: when the package's own changed too, dpkg keeps the site's
# (and puts the new one beside it as .dpkg-dist), as an unattended upgrade does.
in_root apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "/tmp/$(basename "$deb")" >/dev/null
check test "$(in_root dpkg-query -W -f='${Version}' ticketd)" = "$version"
check test "$(in_root ticketd --version | head -1)" = "ticketd $version"
check grep -q '^name = "Site Desk"$' "$root/etc/ticketd/ticketd.toml"
check test -f "$root/var/lib/ticketd/ticketd.sqlite"
check in_root env TICKETD_IMAP_PASSWORD=x ticketd check-config

# Started as far as a chroot allows: as its user, on the installed templates and its
# database, the worker runs a pass and says the mail server is not there (exit 69).
cat > "$root/tmp/start.toml" <<'TOML'
[service]
database = "/var/lib/ticketd/ticketd.sqlite"
templates = "/usr/share/ticketd/templates"
[imap]
host = "127.0.0.1"
port = 9
security = "none"
[mailboxes.support]
user = "support"
password_env = "HOME"
[smtp]
host = "127.0.0.1"
port = 9
security = "none"
TOML
status=0
in_root setpriv --reuid=ticketd --regid=ticketd --init-groups env HOME=/var/lib/ticketd \
    ticketd run --once --config /tmp/start.toml 2>"$work/start.err" >/dev/null || status=$?
check test "$status" = 69
check grep -q "IMAP connect failed" "$work/start.err"
# The web side's unit and pages came with it, and the probe reads the failed pass.
check test -f "$root/lib/systemd/system/ticketd-web.service"
check test -f "$root/usr/share/ticketd/web/templates/queue.mustache"
status=0
in_root setpriv --reuid=ticketd --regid=ticketd --init-groups env HOME=/var/lib/ticketd \
    ticketd probe --config /tmp/start.toml >"$work/probe.out" 2>&1 || status=$?
check test "$status" = 2
check grep -q "^TICKETD CRITICAL - mailbox support: no pass has succeeded" "$work/probe.out"

echo "==> remove, then purge" >&2
in_root apt-get remove -y -qq ticketd >/dev/null
check test ! -e "$root/usr/bin/ticketd"
check test -f "$root/etc/ticketd/ticketd.toml"
check test -f "$root/var/lib/ticketd/ticketd.sqlite"
in_root apt-get purge -y -qq ticketd >/dev/null
check test ! -e "$root/etc/ticketd"
check test ! -e "$root/var/lib/ticketd"
check test -z "$(in_root getent passwd ticketd || true)"
echo "==> the package installs, upgrades, is removed and purged" >&2
