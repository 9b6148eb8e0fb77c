#!/usr/bin/env bash
# amicus against Hugo + Pagefind on the same generated corpus, on this
# machine, in one run.
#
#   bash benches/compare/run.sh [--sizes "1000 2500 5000 10000"] [--runs 3] [--watch-max 10000] [--write]
#
# For each size N: `amicus generate` writes N entries (seed 1); amicus
# builds them with its search index (fresh output and cache each run), then
# rebuilds after one entry is edited (cache warm), and a browser measures
# what queries load and how long their results take on a slow 4G link;
# Hugo (Debian's `hugo`) builds the same Markdown (front
# matter copied, benches/compare/to-hugo.js) and Pagefind (npm, pinned in
# package-lock.json) indexes Hugo's output. Times and peak memory are
# medians of --runs runs. The table is printed; --write also puts it into
# docs/benchmarks.md between the markers of the comparison section.
# Pagefind needs about 0.9 GiB of memory per 1,000 entries (at 50,000,
# more than a 24 GiB machine has): it is not started where it would need
# more than the machine has, and when it fails, its column says how.
# `build --watch` is timed up to --watch-max entries (10,000): above, each
# of its two runs would begin with another full build.
#
# Hugo and Pagefind are installed when missing (apt, `npm ci`). AMICUS_BIN
# names an amicus binary to use instead of building the release one (CI runs
# this script at a tiny size with the binary its tests built).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

SIZES="1000 2500 5000 10000"
RUNS=3
WATCH_MAX=10000
WRITE=0
while (($#)); do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --watch-max) WATCH_MAX="$2"; shift 2 ;;
    --write) WRITE=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# -- Tools --------------------------------------------------------------------

install_missing() {
  local missing=()
  command -v hugo >/dev/null 2>&1 || missing+=(hugo)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [ ! -x node_modules/.bin/pagefind ]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
}
install_missing

if [ -n "${AMICUS_BIN:-}" ]; then
  BIN="$(realpath "$AMICUS_BIN")"
else
  cargo build --release --quiet
  BIN="$ROOT/target/release/amicus"
fi
PAGEFIND="$ROOT/node_modules/.bin/pagefind"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# -- Measuring ----------------------------------------------------------------

# Runs a command under GNU time; prints "seconds kilobytes". What earlier
# runs wrote is flushed first, so that its writeback is not timed.
measure() {
  local log="$WORK/time.txt"
  sync
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$WORK/stderr.txt" || {
    tail -20 "$WORK/stderr.txt" >&2
    return 1
  }
  tail -1 "$log"
}

# How the last measured command failed, as GNU time tells it.
failure() {
  local how
  how=$(grep -m1 '^Command ' "$WORK/time.txt" | sed 's/^Command //')
  case "$how" in
    *"signal 9") echo "$how (out of memory?)" ;;
    *) echo "${how:-failed}" ;;
  esac
}

# Moves the folders given out of the way of the next run, to be deleted
# when the script ends. Deleting them now would slow the next run down:
# on an ext4 without a journal, a file created within minutes of many
# deletions has its inode looked for past every recently freed one (a
# 1,000-entry build took 2.8 s after its previous output was moved away,
# 5.6-6.8 s after it was deleted).
retire() {
  local path
  for path in "$@"; do
    if [ -e "$path" ]; then
      mv "$path" "$WORK/retired/$((++RETIRED))"
    fi
  done
}
RETIRED=0
mkdir -p "$WORK/retired"

# The number of "Built" lines in a `build --watch` log.
builds() { grep -c '^Built' "$1" || true; }

# Waits until the `build --watch` log $1 has more than $2 "Built" lines;
# fails after $4 seconds, or when the watcher ($3) has stopped.
await_build() {
  local deadline=$((SECONDS + $4))
  while (($(builds "$1") <= $2)); do
    if ! kill -0 "$3" 2>/dev/null || ((SECONDS > deadline)); then
      echo "amicus build --watch did not build:" >&2
      cat "$1" >&2
      return 1
    fi
    sleep 0.005
  done
}

# `amicus build --watch` over $1/corpus: the seconds from a save to the
# files written, median of RUNS edits made by the sed expression $2 on the
# file $3 ({run} is the run's number). It includes the watcher's 50 ms
# wait for the save to settle.
watched_edits() {
  local dir="$1" expression="$2" file="$3" log="$WORK/watch.log"
  "$BIN" build --watch --corpus "$dir/corpus" --out "$dir/public" >"$log" 2>&1 &
  local watcher=$! times=() run
  # The first build is a full one: at 50,000 entries, minutes.
  await_build "$log" 0 "$watcher" 3600 || { kill "$watcher"; return 1; }
  for ((run = 1; run <= RUNS; run++)); do
    local done_before started
    done_before=$(builds "$log")
    started=$(date +%s%N)
    sed -i "${expression//\{run\}/$run}" "$file"
    await_build "$log" "$done_before" "$watcher" 300 || { kill "$watcher"; return 1; }
    times+=("$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
  done
  kill "$watcher"
  wait "$watcher" 2>/dev/null || true
  printf '%s\n' "${times[@]}" | median
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

bytes() { du -sb "$1" | cut -f1; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }

QUERIES='["gender persecution","forced marriage","\"forced marriage\" persecution","persecution -religious","court tribunal","evidence"]'
echo "$QUERIES" >"$WORK/queries.json"
QUERY_COUNT=$(node -e 'console.log(JSON.parse(process.argv[1]).length)' "$QUERIES")

ROWS=()
CURVE=()
QUERY_TABLES=()

bench_size() {
  local n="$1" dir="$WORK/$1"
  mkdir -p "$dir"
  "$BIN" generate --entries "$n" --seed 1 --out "$dir/corpus" >/dev/null
  local corpus_bytes
  corpus_bytes=$(bytes "$dir/corpus")
  echo "== $n entries, $(mib "$corpus_bytes") MiB of Markdown" >&2

  # amicus: full builds from nothing, then one edit.
  local times=() rss=() shares=() run
  for ((run = 1; run <= RUNS; run++)); do
    retire "$dir/public"
    read -r t m < <(measure "$BIN" build --quiet --timings --corpus "$dir/corpus" --out "$dir/public")
    times+=("$t"); rss+=("$m")
    # `--timings`: the search stage against the whole build.
    shares+=("$(awk -v total="$t" '$1 == "search:" { printf "%.2f", $2 / 1000 / total }' "$WORK/stderr.txt")")
  done
  local a_share
  a_share=$(printf '%s\n' "${shares[@]}" | median)
  local a_time a_rss a_out a_index a_files
  a_time=$(printf '%s\n' "${times[@]}" | median)
  a_rss=$(printf '%s\n' "${rss[@]}" | median)
  a_out=$(bytes "$dir/public")
  a_index=$(bytes "$dir/public/search")
  a_files=$(find "$dir/public" -type f | wc -l)
  local edit_times=() edited
  edited=$(find "$dir/corpus/cases" -name '*.md' | sort | sed -n 1p)
  for ((run = 1; run <= RUNS; run++)); do
    sed -i "0,/^\[1\] /s//[1] Edited $run. /" "$edited"
    read -r t _ < <(measure "$BIN" build --quiet --corpus "$dir/corpus" --out "$dir/public")
    edit_times+=("$t")
  done
  local a_edit a_watch_body a_watch_title
  a_edit=$(printf '%s\n' "${edit_times[@]}" | median)
  local a_watch_body="–" a_watch_title="–"
  if ((n <= WATCH_MAX)); then
    a_watch_body=$(watched_edits "$dir" "0,/^\[1\] /s//[1] Saved {run}. /" "$edited")
    a_watch_title=$(watched_edits "$dir" "0,/^title: /s//title: Saved {run} /" "$edited")
  fi
  echo "amicus: full build ${a_time} s, $((a_rss / 1024)) MiB; edit ${a_edit} s; watch ${a_watch_body} s, ${a_watch_title} s" >&2

  # Hugo, then Pagefind over Hugo's output.
  cp -r benches/compare/hugo "$dir/hugo"
  node benches/compare/to-hugo.js "$dir/corpus" "$dir/hugo/content"
  # A failure (Pagefind running out of memory on a large corpus) is
  # reported in their column; amicus's figures stand.
  local h_times=() h_rss=() p_times=() p_rss=() failed=""
  for ((run = 1; run <= RUNS; run++)); do
    retire "$dir/hugo-public"
    if ! read -r t m < <(measure hugo --quiet -s "$dir/hugo" -d "$dir/hugo-public"); then
      failed="Hugo: $(failure)"
      break
    fi
    h_times+=("$t"); h_rss+=("$m")
    # 0.9 GiB per 1,000 entries, measured up to 10,000.
    local needed_kib=$((n * 9 * 1048576 / 10000)) memory_kib
    memory_kib=$(awk '/MemTotal/ { print $2 }' /proc/meminfo)
    if ((needed_kib > memory_kib)); then
      failed="Pagefind: not run, it would need about $((needed_kib / 1048576)) GiB, the machine has $((memory_kib / 1048576))"
      break
    fi
    if ! read -r t m < <(measure "$PAGEFIND" --site "$dir/hugo-public"); then
      failed="Pagefind: $(failure)"
      break
    fi
    p_times+=("$t"); p_rss+=("$m")
  done
  local h_time p_time hp_time="" hp_rss="" p_index="" theirs_build theirs_rss theirs_index
  if [ -z "$failed" ]; then
    local h_rss_m p_rss_m
    h_time=$(printf '%s\n' "${h_times[@]}" | median)
    h_rss_m=$(printf '%s\n' "${h_rss[@]}" | median)
    p_time=$(printf '%s\n' "${p_times[@]}" | median)
    p_rss_m=$(printf '%s\n' "${p_rss[@]}" | median)
    hp_time=$(awk -v a="$h_time" -v b="$p_time" 'BEGIN { printf "%.2f", a + b }')
    hp_rss=$((h_rss_m > p_rss_m ? h_rss_m : p_rss_m))
    p_index=$(bytes "$dir/hugo-public/pagefind")
    theirs_build="${hp_time} s (Hugo ${h_time} + Pagefind ${p_time})"
    theirs_rss="$((hp_rss / 1024)) MiB"
    theirs_index="$(mib "$p_index") MiB"
  else
    echo "$failed" >&2
    theirs_build="$failed"
    if ((${#h_times[@]})); then
      theirs_build="Hugo $(printf '%s\n' "${h_times[@]}" | median) s; $failed"
    fi
    theirs_rss="–"
    theirs_index="–"
  fi
  local theirs_edit="${hp_time:+${hp_time} s (no incremental mode)}"
  theirs_edit="${theirs_edit:-–}"

  # What queries load, in Chromium, on both sites.
  local queries
  local pagefind_site="-"
  [ -z "$failed" ] && pagefind_site="$dir/hugo-public"
  queries=$(node benches/search/compare-pagefind.js "$dir/public" "$pagefind_site" "$WORK/queries.json" --table)
  local a_kib p_kib
  a_kib=$(echo "$queries" | awk -F'|' '/^\|/ && $2 !~ /query|---/ { s += $4; n++ } END { printf "%.0f", s / n }')
  p_kib=$(echo "$queries" | awk -F'|' '/^\|/ && $2 !~ /query|---/ { s += $7; n++ } END { printf "%.0f", s / n }')
  local theirs_kib="${p_index:+${p_kib} KiB}"
  local a_slow p_slow
  a_slow=$(echo "$queries" | awk -F'|' '/^\|/ && $2 !~ /query|---/ { s += $9; n++ } END { printf "%.2f", s / n / 1000 }')
  p_slow=$(echo "$queries" | awk -F'|' '/^\|/ && $2 !~ /query|---/ { s += $10; n++ } END { printf "%.2f", s / n / 1000 }')
  local theirs_slow="${p_index:+${p_slow} s}"

  ROWS+=("| $n | full build + search index | ${a_time} s | ${theirs_build} | $(ratio "$a_time" "$hp_time") |")
  ROWS+=("| $n | amicus's search stage, share of its build | ${a_share} | | |")
  ROWS+=("| $n | peak memory | $((a_rss / 1024)) MiB | ${theirs_rss} | $(ratio "$a_rss" "$hp_rss") |")
  ROWS+=("| $n | rebuild after editing one entry (new process) | ${a_edit} s | ${theirs_edit} | $(ratio "$a_edit" "$hp_time") |")
  ROWS+=("| $n | \`build --watch\`: a paragraph saved → every file written | ${a_watch_body} s | ${theirs_edit} | $(ratio "$a_watch_body" "$hp_time") |")
  ROWS+=("| $n | \`build --watch\`: a title saved → every file written | ${a_watch_title} s | ${theirs_edit} | $(ratio "$a_watch_title" "$hp_time") |")
  ROWS+=("| $n | search index bytes | $(mib "$a_index") MiB | ${theirs_index} | $(ratio "$a_index" "$p_index") |")
  ROWS+=("| $n | bytes a query loads (mean of $QUERY_COUNT queries) | ${a_kib} KiB | ${theirs_kib:-–} | $(ratio "$a_kib" "${p_index:+$p_kib}") |")
  ROWS+=("| $n | page asked for → results, slow 4G link (mean) | ${a_slow} s | ${theirs_slow:-–} | $(ratio "$a_slow" "${p_index:+$p_slow}") |")
  CURVE+=("| $n | $(mib "$corpus_bytes") MiB | ${a_time} s | $(awk -v t="$a_time" -v n="$n" 'BEGIN { printf "%.2f", t * 1000 / n }') ms | $((a_rss / 1024)) MiB | $((a_out / n / 1024)) KiB | $((a_index / n)) B | $a_files |")
  QUERY_TABLES+=("Queries at $n entries (bytes and requests after the page itself; Pagefind's JS and WebAssembly count, as they load on the first search; on a slow 4G link, from asking for the page to the results, see benches/search/compare-pagefind.js):" "" "$queries" "")
}

for n in $SIZES; do bench_size "$n"; done

# -- Report -------------------------------------------------------------------

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
runs_said="Medians of $RUNS runs"
[ "$RUNS" -eq 1 ] && runs_said="One run of each size"
REPORT=$(
  echo "Machine: $(nproc) cores ($cpu), $memory, $(uname -sr). amicus $("$BIN" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2), Pagefind $("$PAGEFIND" --version | cut -d' ' -f2). $runs_said; generated corpus, seed 1."
  echo
  echo "| entries | what | amicus | Hugo + Pagefind | ratio |"
  echo "|---:|---|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "How amicus grows with the corpus:"
  echo
  echo "| entries | Markdown | full build | per entry | peak memory | output per entry | index per entry | files |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${CURVE[@]}"
  echo
  printf '%s\n' "${QUERY_TABLES[@]}"
)
echo "$REPORT"

if ((WRITE)); then
  node -e '
    const fs = require("fs");
    const [file, report] = [process.argv[1], fs.readFileSync(0, "utf8")];
    const text = fs.readFileSync(file, "utf8");
    const start = "<!-- compare:start -->", end = "<!-- compare:end -->";
    const a = text.indexOf(start), b = text.indexOf(end);
    if (a < 0 || b < a) { console.error("no comparison markers in " + file); process.exit(1); }
    fs.writeFileSync(file, text.slice(0, a + start.length) + "\n" + report.trim() + "\n" + text.slice(b));
  ' docs/benchmarks.md <<<"$REPORT"
  echo "written to docs/benchmarks.md" >&2
fi
