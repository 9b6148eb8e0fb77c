#!/usr/bin/env bash
# Search benchmarks: index size, bytes a query loads, query time in the
# browser engine (Node, cold and warm), and indexing time, on the starter
# corpus and on a generated corpus of COUNT entries (default 3000).
#
#   bash benches/search/run.sh [COUNT]
#
# Results are printed; docs/benchmarks.md records a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT="${1:-3000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
BIN="$PWD/target/release/amicus"
QUERIES='["gender persecution","forced marriage","\"forced marriage\" uganda","persecution -religious","type:case year:2020..2024","persec","ICC-01/12-01/18","art. 7(1)(h)"]'
echo "$QUERIES" > "$WORK/queries.json"

measure() {
  local name="$1" corpus="$2"
  local dir="$WORK/$name"
  mkdir -p "$dir"
  cp -r "$corpus" "$dir/corpus"
  echo "== $name: $(find "$dir/corpus" -name '*.md' | wc -l) entries, $(du -sb "$dir/corpus" | cut -f1) bytes of Markdown"
  local start end
  start=$(date +%s.%N)
  "$BIN" build --quiet --corpus "$dir/corpus" --out "$dir/public"
  end=$(date +%s.%N)
  echo "build:                   $(echo "$end - $start" | bc) s"
  start=$(date +%s.%N)
  "$BIN" build --quiet --corpus "$dir/corpus" --out "$dir/public"
  end=$(date +%s.%N)
  echo "build again:             $(echo "$end - $start" | bc) s"
  echo "browser index (search/): $(du -sb "$dir/public/search" | cut -f1) bytes in $(ls "$dir/public/search" | wc -l) files; largest $(ls -S -l "$dir/public/search" | sed -n 2p | awk '{print $5}') bytes"
  start=$(date +%s%N)
  "$BIN" search --corpus "$dir/corpus" --limit 10 gender persecution > /dev/null
  end=$(date +%s%N)
  echo "amicus search (one query, process included): $(( (end - start) / 1000000 )) ms"
  FRESH=1 node benches/search/query-times.js "$dir/public" "$WORK/queries.json"
}

measure starter corpus
node benches/search/generate-corpus.js corpus "$WORK/generated-src" "$COUNT" > /dev/null
measure "generated-$COUNT" "$WORK/generated-src"
