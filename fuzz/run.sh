#!/usr/bin/env bash
# Builds and runs every fuzz target (or the ones named) for SECONDS each.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     SECONDS defaults to 20
#
# Each target starts from its committed seeds (fuzz/seeds/<target>) merged
# into a working corpus (fuzz/corpus/<target>, not committed). Saved
# reproducers in fuzz/regressions/<target> are replayed first. Crashes go to
# fuzz/artifacts/<target>. Exits non-zero if any target fails.
#
# Environment: FUZZ_SANITIZER (address by default; none is about twice as
# fast), FUZZ_JOBS (targets fuzzed at once, default 1), FUZZ_REGRESSIONS=0
# (skip replaying fuzz/regressions).
set -euo pipefail

seconds="${1:-20}"
if [ "$#" -gt 0 ]; then shift; fi
case "$seconds" in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz_dir")"
sanitizer="${FUZZ_SANITIZER:-address}"
jobs="${FUZZ_JOBS:-1}"

# cargo-fuzz passes -Z flags to cargo and rustc; this lets stable accept them.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cd "$root"
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

echo "==> building ${targets[*]} (sanitizer: $sanitizer)"
for target in "${targets[@]}"; do
  cargo fuzz build --sanitizer "$sanitizer" "$target"
done

# Prints a pack folder as the pack target reads it: six files separated by
# a line `---8<---`.
pack_seed() {
  local first=1
  for name in framework wording go-now predictable discovery resilient; do
    [ "$first" = 1 ] || printf '\n---8<---\n'
    first=0
    cat "$1/$name.yaml"
  done
}

run_target() {
  local target="$1" corpus="$fuzz_dir/corpus/$1" regressions="$fuzz_dir/regressions/$1"
  mkdir -p "$corpus"
  if [ -d "$fuzz_dir/seeds/$target" ]; then
    cp -R "$fuzz_dir/seeds/$target/." "$corpus/"
  fi
  if [ "$target" = pack ]; then
    # Each built-in pack as one input, its files in the order the target
    # reads them, so the seeds never fall behind the packs.
    for pack in "$root"/playbooks/*/; do
      pack_seed "$pack" >"$corpus/built-in-$(basename "$pack")"
    done
  fi
  local status=0
  # Inputs that once crashed or hung: each must now run within the limits.
  # A failure here is reported, and the target is still fuzzed.
  if [ "${FUZZ_REGRESSIONS:-1}" != 0 ] && [ -d "$regressions" ] \
    && [ -n "$(ls -A "$regressions")" ]; then
    echo "==> $target: replaying $regressions"
    cargo fuzz run --sanitizer "$sanitizer" "$target" "$regressions"/* -- \
      -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 || status=1
  fi
  echo "==> $target: fuzzing for ${seconds}s"
  cargo fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -dict="$fuzz_dir/yaml.dict" -print_final_stats=1 || status=1
  return "$status"
}

failed=()
if [ "$jobs" -le 1 ]; then
  for target in "${targets[@]}"; do
    run_target "$target" || failed+=("$target")
  done
else
  log_dir="$fuzz_dir/artifacts/logs"
  mkdir -p "$log_dir"
  pids=()
  for i in "${!targets[@]}"; do
    run_target "${targets[$i]}" >"$log_dir/${targets[$i]}.log" 2>&1 &
    pids[i]=$!
    # Start the next target only once a slot is free.
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  done
  for i in "${!targets[@]}"; do
    if ! wait "${pids[$i]}"; then failed+=("${targets[$i]}"); fi
    tail -n 3 "$log_dir/${targets[$i]}.log"
  done
fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "==> failed: ${failed[*]} (reproducers in $fuzz_dir/artifacts)" >&2
  exit 1
fi
echo "==> all targets ran ${seconds}s without a failure"
