#!/usr/bin/env bash
# Runs each argument (a shell command) at the same time, then prints each one's output whole, in
# order, so logs never interleave. Fails if any command failed, naming it.
set -uo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pids=()
for i in $(seq 1 $#); do
  cmd=${!i}
  bash -c "$cmd" >"$dir/$i.log" 2>&1 &
  pids+=($!)
done
failed=0
for i in $(seq 1 $#); do
  cmd=${!i}
  wait "${pids[$((i - 1))]}"
  status=$?
  printf '\033[1m==> %s\033[0m\n' "$cmd"
  cat "$dir/$i.log"
  if [ $status -ne 0 ]; then
    echo "FAILED ($status): $cmd"
    failed=1
  fi
done
exit $failed
