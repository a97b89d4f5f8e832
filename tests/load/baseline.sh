#!/usr/bin/env bash
# The load baseline (catalogue row L1): a seeded database, a warm-up, then 60 s at 64 connections of
# article reads as an anonymous reader and as a signed-in member; p50/p95/p99, errors and peak RSS.
# Fails when errors reach 0.1 % or a p95 is more than 20 % above the committed baseline
# (tests/load/baseline.json, from the same machine type). Not in the test command: timings belong
# to benchmarks, not tests. UPDATE=1 writes the new figures as the baseline.
# Usage: bash tests/load/baseline.sh   (BACKEND=sqlite|postgres, ARTICLES=10000, DURATION=60s)
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib.sh

BACKEND=${BACKEND:-sqlite}
ARTICLES=${ARTICLES:-10000}
DURATION=${DURATION:-60s}
PORT=${PORT:-18183}
BASE="http://127.0.0.1:$PORT"
BASELINE=tests/load/baseline.json
export KANWU_JWT_SECRET=load-test-secret-of-at-least-32-bytes
export KANWU_PASSWORD_PEPPER=load-test-pepper-of-at-least-32-bytes
DATA=$(mktemp -d)
cleanup() {
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

ensure_debian_packages wrk curl jq libpq-dev postgresql-15
ensure_postgres
cargo build --release --locked -p kanwu-api -p system-tests --bin kanwu --bin seed_load
TARGET=${CARGO_TARGET_DIR:-target}
if [ "$BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite://$DATA/kanwu.db"
else
    as_postgres psql -qc "DROP DATABASE IF EXISTS kanwu_baseline" >/dev/null
    as_postgres psql -qc "CREATE DATABASE kanwu_baseline OWNER kanwu" >/dev/null
    export DATABASE_URL="postgres://kanwu:kanwu@127.0.0.1:5432/kanwu_baseline"
fi
"$TARGET/release/seed_load" "$ARTICLES" >/dev/null
KANWU_DATA_DIR=$DATA KANWU_BIND=127.0.0.1:$PORT RUST_LOG=warn "$TARGET/release/kanwu" serve &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"load1","password":"load-password-1"}' \
    "$BASE/api/v1/auth/login" | jq -r .access_token)

results="{}"
for who in anonymous member; do
    token=-; [ "$who" = member ] && token=$TOKEN
    wrk -t2 -c64 -d5s -s tests/load/baseline.lua "$BASE" -- "$token" >/dev/null
    line=$(wrk -t2 -c64 -d"$DURATION" -s tests/load/baseline.lua "$BASE" -- "$token" | grep '^{')
    results=$(jq -c --arg who "$who" --argjson r "$line" '.[$who] = $r' <<<"$results")
done
rss_mib=$(( $(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status") / 1024 ))
results=$(jq -c --argjson rss "$rss_mib" --arg backend "$BACKEND" --arg commit "$(git rev-parse --short HEAD)" \
    '. + {peak_rss_mib: $rss, backend: $backend, commit: $commit}' <<<"$results")
echo "$results" | jq .

status=0
for who in anonymous member; do
    jq -e --arg who "$who" '.[$who].errors <= .[$who].requests * 0.001' <<<"$results" >/dev/null ||
        { echo "FAIL: $who errors at 0.1 % or more"; status=1; }
    if [ -f "$BASELINE" ] && [ "${UPDATE:-0}" != 1 ]; then
        before=$(jq --arg who "$who" --arg b "$BACKEND" '.[$b][$who].p95_ms // empty' "$BASELINE")
        now=$(jq --arg who "$who" '.[$who].p95_ms' <<<"$results")
        if [ -n "$before" ]; then
            if python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) <= float(sys.argv[1]) * 1.2 else 1)" "$before" "$now"; then
                echo "$who p95: $now ms (baseline $before ms): holds"
            else
                echo "FAIL: $who p95 $now ms is more than 20 % above the baseline's $before ms"; status=1
            fi
        fi
    fi
done
if [ "${UPDATE:-0}" = 1 ]; then
    [ -f "$BASELINE" ] || echo '{}' > "$BASELINE"
    jq --arg b "$BACKEND" --argjson r "$results" '.[$b] = $r' "$BASELINE" > "$BASELINE.new" && mv "$BASELINE.new" "$BASELINE"
    echo "wrote $BASELINE"
fi
exit $status
