#!/usr/bin/env bash
# Builds ticketd_<version>_amd64.deb from a release build (deploy/lib.sh's flags: the
# Swift runtime, Foundation and libstdc++ linked in; libetpan, SQLite and GnuTLS shared,
# so that Debian's security updates reach them). The version is X.Y.Z from the tag vX.Y.Z
# on HEAD, else 0.0.0+git<sha> (deploy/version.sh).
#
#   deploy/package.sh [OUTDIR]      default: .build/package
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh
out=${1:-.build/package}
mkdir -p "$out"
out=$(cd "$out" && pwd)

ensure_swift
ensure_packages
# TICKETD_PACKAGE_VERSION: another version for the same build (the upgrade test's).
version=${TICKETD_PACKAGE_VERSION:-$(sh deploy/version.sh)}
commit=$(sh deploy/version.sh --commit)

# TICKETD_SCRATCH_PATH: another build folder (the upgrade test builds the previous commit
# in the current one's, so that the packages it depends on are not built again).
scratch=()
[ -n "${TICKETD_SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$TICKETD_SCRATCH_PATH")

echo "==> release build of $version" >&2
swift build "${release_build_flags[@]}" "${scratch[@]}" --product ticketd 2>&1 | tail -1 >&2
binary="$(swift build "${release_build_flags[@]}" "${scratch[@]}" --show-bin-path)/ticketd"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/ticketd/templates" "$root/usr/share/ticketd/web/templates" \
    "$root/usr/share/ticketd/web/static" "$root/etc/ticketd" \
    "$root/lib/systemd/system" "$root/usr/share/doc/ticketd" "$root/usr/share/man/man1"
install -m 0755 "$binary" "$root/usr/bin/ticketd"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/ticketd"
install -m 0644 templates/*.mustache "$root/usr/share/ticketd/templates/"
install -m 0644 web/templates/*.mustache "$root/usr/share/ticketd/web/templates/"
install -m 0644 web/static/* "$root/usr/share/ticketd/web/static/"
# The example config, as /etc/ticketd/ticketd.toml: its paths are the package's already.
install -m 0640 deploy/ticketd.example.toml "$root/etc/ticketd/ticketd.toml"
install -m 0644 deploy/systemd/ticketd.service "$root/lib/systemd/system/ticketd.service"
install -m 0644 deploy/systemd/ticketd-web.service "$root/lib/systemd/system/ticketd-web.service"
install -m 0644 README.md "$root/usr/share/doc/ticketd/README.md"
gzip -9n "$root/usr/share/doc/ticketd/README.md"
install -m 0644 deploy/debian/copyright "$root/usr/share/doc/ticketd/copyright"
sed "s/@VERSION@/$version/; s/@COMMIT@/$commit/; s/@DATE@/$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")/" \
    deploy/debian/changelog.Debian > "$stage/changelog.Debian"
# A native package (no Debian revision): its changelog is changelog.gz.
gzip -9nc "$stage/changelog.Debian" > "$root/usr/share/doc/ticketd/changelog.gz"
chmod 0644 "$root/usr/share/doc/ticketd/changelog.gz"
# The man page, from the command-line help of every command.
python3 deploy/manpage.py "$root/usr/bin/ticketd" "$version" | gzip -9n > "$root/usr/share/man/man1/ticketd.1.gz"
chmod 0644 "$root/usr/share/man/man1/ticketd.1.gz"

for script in postinst postrm prerm; do install -m 0755 "deploy/debian/$script" "$root/DEBIAN/$script"; done
echo "/etc/ticketd/ticketd.toml" > "$root/DEBIAN/conffiles"

# The shared libraries the binary needs, as Debian names their packages.
mkdir -p "$stage/debian" && touch "$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O -e root/usr/bin/ticketd 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: ticketd
Version: $version
Architecture: amd64
Maintainer: ticketd developers <ticketd@example.org>
Installed-Size: $size
Depends: $depends, adduser
Section: mail
Priority: optional
Homepage: https://example.org/ticketd
Description: email-driven ticket processor for research-infrastructure services
 ticketd takes in a service's support and notification mailboxes over IMAP,
 makes tickets of the mail and answers through SMTP with editable templates.
 It classifies incidents, service requests, changes, problems, security
 incidents and maintenance, runs office-hours SLA clocks and writes SLA
 breach reports.
CONTROL

deb="$out/ticketd_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
