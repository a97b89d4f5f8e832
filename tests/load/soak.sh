#!/usr/bin/env bash
# The soak (issue 8): a mixed read and write load at half the peak rate for ten minutes, with the
# server's memory, open files, threads and database connections sampled every 30 s (figures, not
# pass/fail, except that any error fails it). Not part of the test command: run it by hand and
# write its table into docs/RELIABILITY.md.
# Usage: bash tests/load/soak.sh
#        BACKEND=postgres MINUTES=10 ARTICLES=10000 RATE=20000 bash tests/load/soak.sh
#        (RATE defaults to half the article GET peak measured first with wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib.sh

BACKEND=${BACKEND:-sqlite}
ARTICLES=${ARTICLES:-10000}
MINUTES=${MINUTES:-10}
PORT=${PORT:-18182}
BASE="http://127.0.0.1:$PORT"
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
step "building release binaries"
cargo build --release --locked -p kanwu-api -p system-tests --bin kanwu --bin seed_load --bin soak
TARGET=${CARGO_TARGET_DIR:-target}

step "seeding $ARTICLES articles into $BACKEND"
DATABASE=
if [ "$BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite://$DATA/kanwu.db"
else
    DATABASE=kanwu_soak
    as_postgres psql -qc "DROP DATABASE IF EXISTS $DATABASE" >/dev/null
    as_postgres psql -qc "CREATE DATABASE $DATABASE OWNER kanwu" >/dev/null
    export DATABASE_URL="postgres://kanwu:kanwu@127.0.0.1:5432/$DATABASE"
fi
"$TARGET/release/seed_load" "$ARTICLES"

step "serving"
# The viewer window at 60 s instead of 30 minutes: every structure then reaches its steady state
# within the run (the recent-viewer set holds a window's worth of distinct viewers, ~50 bytes each).
KANWU_DATA_DIR=$DATA KANWU_BIND=127.0.0.1:$PORT KANWU_RATE_LIMIT_SCALE=1000 \
    KANWU_COMMENT_INTERVAL_SECS=0 KANWU_COMMENT_HOURLY_CAP=0 KANWU_VIEW_WINDOW_SECS=60 \
    RUST_LOG=warn "$TARGET/release/kanwu" serve &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done

if [ -z "${RATE:-}" ]; then
    step "the peak: article GET, hot set, 64 connections, 10 s"
    peak=$(wrk -t2 -c64 -d10s -s tests/load/random-article.lua "$BASE" -- 1 1000 | awk '/Requests\/sec/ {print int($2)}')
    RATE=$(( peak / 2 ))
    echo "peak $peak req/s; soaking at $RATE req/s"
fi

TOKENS="$DATA/tokens"
# All 64 seeded members share the comments, each well under the per-member limits.
for i in $(seq 1 64); do
    curl -fs -H 'Content-Type: application/json' \
        -d "{\"username\":\"load$i\",\"password\":\"load-password-1\"}" \
        "$BASE/api/v1/auth/login" | jq -r .access_token >> "$TOKENS"
done

step "soak: $RATE req/s for $MINUTES minutes ($BACKEND, $ARTICLES articles)"
echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $BACKEND, $ARTICLES articles, $RATE req/s for $MINUTES min."
"$TARGET/release/soak" "$BASE" "$SERVER" "$RATE" $(( MINUTES * 60 )) "$ARTICLES" "$TOKENS" $DATABASE
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
if [ "$BACKEND" = sqlite ]; then
    echo "SQLite integrity_check: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$DATA/kanwu.db")"
else
    as_postgres psql -qc "DROP DATABASE $DATABASE" >/dev/null
fi
