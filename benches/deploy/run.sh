#!/usr/bin/env bash
# Bytes of a reader's visits (home page → search → entry page), first and
# after a redeploy that changed one entry, for amicus and for Pagefind's
# files on the same pages, in headless Chromium (benches/deploy/visits.js).
#
#   bash benches/deploy/run.sh [ENTRIES] [QUERY]
#
# `amicus generate` writes ENTRIES entries (default 1000, seed 1); amicus
# builds them with --precompress (build A); one sentence holding the
# query's words is added to one entry and the site built again (build B).
# Pagefind (npm, pinned in package-lock.json) indexes a copy of each build's
# entry pages. Needs Node, npm and Chromium; AMICUS_BIN names an amicus
# binary to use instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
ENTRIES="${1:-1000}"
QUERY="${2:-gender persecution}"

[ -x node_modules/.bin/pagefind ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null
if [ -n "${AMICUS_BIN:-}" ]; then
  BIN="$(realpath "$AMICUS_BIN")"
else
  cargo build --release --quiet
  BIN="$ROOT/target/release/amicus"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$BIN" generate --entries "$ENTRIES" --seed 1 --out "$WORK/corpus" >/dev/null
"$BIN" build --quiet --precompress --corpus "$WORK/corpus" --out "$WORK/a"
# The edit: a sentence with the query's words at the end of one entry.
edited="$(find "$WORK/corpus" -name '*.md' | sort | sed -n 1p)"
printf '\n\nA later decision again addressed %s.\n' "$QUERY" >> "$edited"
"$BIN" build --quiet --precompress --corpus "$WORK/corpus" --out "$WORK/b"
echo "edited: ${edited#"$WORK/corpus/"}" >&2

for build in a b; do
  cp -r "$WORK/$build" "$WORK/pf-$build"
  node_modules/.bin/pagefind --site "$WORK/pf-$build" \
    --glob '{cases,policies,principles,recommendations,instruments,reports}/*.html' >/dev/null
done
bytes() { find "$1" -type f ! -name '*.gz' -printf '%s\n' | awk '{s += $1} END {print s}'; }
echo "$ENTRIES entries; search index: amicus $(bytes "$WORK/a/search") bytes, Pagefind $(bytes "$WORK/pf-a/pagefind") bytes" >&2
node benches/deploy/visits.js "$WORK/a" "$WORK/b" "$WORK/pf-a" "$WORK/pf-b" "$QUERY"
