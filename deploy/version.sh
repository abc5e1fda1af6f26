#!/bin/sh
# The version of the tree in $1 (default: this checkout): X.Y.Z when HEAD carries the
# tag vX.Y.Z, else 0.0.0+git<short sha>; 0.0.0+unknown outside git.
# With --commit, the full commit id instead ("unknown" outside git), with "+modified"
# when the tree has uncommitted changes.
set -eu
mode=version
if [ "${1:-}" = "--commit" ]; then mode=commit; shift; fi
repo=${1:-$(dirname "$0")/..}
if ! sha=$(git -C "$repo" rev-parse HEAD 2>/dev/null); then
    if [ "$mode" = commit ]; then echo unknown; else echo 0.0.0+unknown; fi
    exit 0
fi
if [ "$mode" = commit ]; then
    if git -C "$repo" diff --quiet HEAD -- 2>/dev/null; then echo "$sha"; else echo "$sha+modified"; fi
    exit 0
fi
tag=$(git -C "$repo" tag --points-at HEAD --list 'v[0-9]*.[0-9]*.[0-9]*' | sort -V | tail -n 1)
if [ -n "$tag" ]; then echo "${tag#v}"; else echo "0.0.0+git$(git -C "$repo" rev-parse --short=7 HEAD)"; fi
