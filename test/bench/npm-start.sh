#!/usr/bin/env bash
# Seconds from `npm start` to "listening" and to "ready" (database open, app serving), as a new user meets it: first start on an empty data
# folder (and, with --no-web, without a built web app), then a warm restart on the same folder.
# Usage: test/bench/npm-start.sh [--no-web]     (run from the repository root; uses PORT 8799)
set -euo pipefail
dir=$(mktemp -d /tmp/tantu-start.XXXXXX)
[ "${1:-}" = "--no-web" ] && rm -rf dist/web
measure() {
  local t0 t1 log="$dir/log"
  t0=$(date +%s.%N)
  PORT=8799 TANTU_DATA_DIR="$dir/data" setsid npm start >"$log" 2>&1 &
  local pid=$!
  local tl=''
  until grep -q 'ready in' "$log"; do
    kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
    [ -z "$tl" ] && grep -q 'listening on' "$log" && tl=$(date +%s.%N)
    sleep 0.05
  done
  t1=$(date +%s.%N)
  [ -z "$tl" ] && tl=$t1
  kill -INT -- -$pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  echo "$1: listening $(echo "$tl - $t0" | bc) s, ready $(echo "$t1 - $t0" | bc) s"
}
measure 'first start'
measure 'warm start'
rm -rf "$dir"
