#!/usr/bin/env bash
# Benchmarks codevs on synthetic content at several sizes: full build (pages per second, peak
# memory), the time `cp -r` takes to copy the same output, and rebuilds after no change and
# after one code file changes. Usage: scripts/bench.sh [SIZES…] (default: 50 100 200 codes).
# It works in memory (/dev/shm, or BENCH_DIR): a virtual disk's write speed can swing threefold
# from one minute to the next, which would measure the disk, not the build.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-50 100 200}")
[ $# -gt 0 ] && sizes=("$@") || sizes=(50 100 200)
cargo build --release --quiet --example synth
cargo build --release --quiet
bin=target/release/codevs
base=${BENCH_DIR:-/dev/shm}
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/codevs-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%6s %8s %9s %10s %9s %9s %11s %11s\n' codes pages "build s" "pages/s" "peak MB" "cp -r s" "no-change s" "one-file s"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  target/release/examples/synth --codes "$n" --languages en,ko "$site" >/dev/null
  /usr/bin/time -f '%e %M' -o "$work/t" "$bin" build --root "$site" -q
  read -r secs kb < "$work/t"
  pages=$(find "$site/public" -name '*.html' | wc -l)
  /usr/bin/time -f '%e' -o "$work/c" cp -r "$site/public" "$work/copy-$n"
  cp_secs=$(cat "$work/c")
  rm -rf "$work/copy-$n"
  /usr/bin/time -f '%e' -o "$work/n" "$bin" build --root "$site" -q
  nochange=$(cat "$work/n")
  first=$(ls "$site/content/synth" | grep -v protocol | head -1)
  sed -i 's/^transcript: |/transcript: |\n  C: NOOP/' "$site/content/synth/$first"
  /usr/bin/time -f '%e' -o "$work/o" "$bin" build --root "$site" -q
  onefile=$(cat "$work/o")
  awk -v n="$n" -v p="$pages" -v s="$secs" -v kb="$kb" -v c="$cp_secs" -v z="$nochange" -v o="$onefile" \
    'BEGIN { printf "%6d %8d %9.2f %10.0f %9.1f %9.2f %11.2f %11.2f\n", n, p, s, p / (s > 0 ? s : 0.01), kb / 1024, c, z, o }'
  rm -rf "$site"
done
