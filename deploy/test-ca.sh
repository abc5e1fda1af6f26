#!/usr/bin/env bash
# Make a throwaway test CA and server certificates for TLS tests, in DIR.
#
#   test-ca.sh DIR
#
# Writes (EC P-256 keys, SHA-256 signatures; keys are mode 0600):
#   ca.pem ca.key               the test CA; trust ca.pem in the client
#   good.pem good.key           signed by the CA, SAN DNS:localhost + IP:127.0.0.1,
#                               valid from an hour ago for a year
#   wronghost.pem wronghost.key signed by the CA, SAN DNS:other.example only
#   expired.pem expired.key     signed by the CA, SAN DNS:localhost + IP:127.0.0.1,
#                               valid 2020-01-01 to 2021-01-01 only
#   unknownca.pem unknownca.key SAN DNS:localhost + IP:127.0.0.1, signed by another
#                               CA (other-ca.pem/.key) that is not in ca.pem
# Each NAME.pem holds only the leaf certificate.  Every leaf has
# extendedKeyUsage serverAuth.
#
# Idempotent: if DIR already holds a complete set whose good.pem still verifies
# against ca.pem (and stays valid for another day), nothing is changed, so
# servers already using the files keep working; otherwise the whole set is
# made anew.  Prints nothing unless something fails (then openssl's output).
# Needs only the openssl command-line tool (OpenSSL 3.0 has no
# `x509 -not_before`, so the expired certificate is signed with `openssl ca`).
set -euo pipefail

prog=${0##*/}
[[ $# -eq 1 && $1 != -* ]] || { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
dir=$1

readonly NAMES=(ca good wronghost expired unknownca)
readonly LOCAL_SAN="DNS:localhost,IP:127.0.0.1"

# run CMD...: run quietly; on failure show its output and fail.
run() {
    local out
    if ! out=$("$@" 2>&1); then
        echo "$prog: failed: $*" >&2
        [[ -z $out ]] || printf '%s\n' "$out" >&2
        return 1
    fi
}

complete() {
    local n
    for n in "${NAMES[@]}"; do
        [[ -s $dir/$n.pem && -s $dir/$n.key ]] || return 1
    done
    openssl verify -CAfile "$dir/ca.pem" "$dir/good.pem" >/dev/null 2>&1 &&
        openssl x509 -in "$dir/good.pem" -noout -checkend 86400 >/dev/null 2>&1
}

mkdir -p "$dir"
complete && exit 0

umask 077
work=$(mktemp -d "$dir/.test-ca.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

cat >"$work/openssl.cnf" <<'EOF'
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = unused

[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ leaf_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $ENV::LEAF_SAN

# `openssl ca`, used only for the certificate with dates in the past.
[ ca ]
default_ca = test_ca
[ test_ca ]
database = $ENV::CA_WORK/index.txt
new_certs_dir = $ENV::CA_WORK
rand_serial = yes
default_md = sha256
policy = any_policy
unique_subject = no
email_in_dn = no
[ any_policy ]
commonName = supplied
EOF
export OPENSSL_CONF=$work/openssl.cnf CA_WORK=$work LEAF_SAN=$LOCAL_SAN
: >"$work/index.txt"

newkey() {
    run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$1.key"
}

# new_ca NAME CN: a self-signed CA valid for ten years.
new_ca() {
    newkey "$1"
    run openssl req -new -x509 -config "$OPENSSL_CONF" -key "$work/$1.key" -subj "/CN=$2" \
        -days 3650 -sha256 -set_serial "0x$(openssl rand -hex 16)" \
        -extensions ca_ext -out "$work/$1.pem"
}

# csr NAME SAN: key and signing request for a leaf certificate.
csr() {
    newkey "$1"
    run openssl req -new -config "$OPENSSL_CONF" -key "$work/$1.key" -subj "/CN=ticketd test $1" \
        -out "$work/$1.csr"
}

# leaf NAME SAN CA: a leaf signed by CA, valid from an hour ago for a year
# (the hour allows for a client whose clock is a little behind).
leaf() {
    local name=$1 ca=$3 start
    csr "$name"
    start=$(date -u -d '-1 hour' +%y%m%d%H%M%SZ)
    LEAF_SAN=$2 run openssl ca -batch -notext -config "$OPENSSL_CONF" \
        -cert "$work/$ca.pem" -keyfile "$work/$ca.key" \
        -startdate "$start" -days 365 -extensions leaf_ext \
        -in "$work/$name.csr" -out "$work/$name.pem"
}

new_ca ca "ticketd test CA"
new_ca other-ca "ticketd test other CA (not trusted)"
leaf good "$LOCAL_SAN" ca
leaf wronghost "DNS:other.example" ca
leaf unknownca "$LOCAL_SAN" other-ca

# Validity entirely in the past.
csr expired
run openssl ca -batch -notext -config "$OPENSSL_CONF" \
    -cert "$work/ca.pem" -keyfile "$work/ca.key" \
    -startdate 200101000000Z -enddate 210101000000Z -extensions leaf_ext \
    -in "$work/expired.csr" -out "$work/expired.pem"

for n in "${NAMES[@]}" other-ca; do
    chmod 644 "$work/$n.pem"
    chmod 600 "$work/$n.key"
    mv -f "$work/$n.key" "$dir/$n.key"
    mv -f "$work/$n.pem" "$dir/$n.pem"
done
