#!/usr/bin/env bash
# Load benchmark for the reading API (figures, not a timed test): seeds ARTICLES published articles
# (default 100,000, ~4 KB Chinese bodies) into SQLite and PostgreSQL, starts the release binary and
# measures each scenario with wrk (64 connections, 2 threads, warm-up first), then writes
# docs/PERFORMANCE.md. The load generator shares the machine's 2 cores with the server.
# Usage: bash tests/load/run.sh   (ARTICLES=10000 DURATION=5s BACKENDS=sqlite for a quick look)
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib.sh

ARTICLES=${ARTICLES:-100000}
DURATION=${DURATION:-10s}
CONNECTIONS=64
PORT=${PORT:-18181}
BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"; [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true' EXIT

ensure_debian_packages wrk time curl libpq-dev postgresql-15
ensure_postgres
step "building release binaries"
cargo build --release --locked -p kanwu-api -p system-tests --bin kanwu --bin seed_load
TARGET=${CARGO_TARGET_DIR:-target}
KANWU=$TARGET/release/kanwu

run_wrk() { # name, wrk args…
    local name=$1; shift
    wrk -t2 -c"$CONNECTIONS" -d3s "$@" >/dev/null 2>&1 || true   # warm-up
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" > "$OUT/$BACKEND.$name.txt" 2>&1
}

for BACKEND in ${BACKENDS:-sqlite postgres}; do
    step "seeding $ARTICLES articles into $BACKEND"
    DATA=$(mktemp -d)
    if [ "$BACKEND" = sqlite ]; then
        export DATABASE_URL="sqlite://$DATA/kanwu.db"
    else
        as_postgres psql -qc "DROP DATABASE IF EXISTS kanwu_load" >/dev/null
        as_postgres psql -qc "CREATE DATABASE kanwu_load OWNER kanwu" >/dev/null
        export DATABASE_URL="postgres://kanwu:kanwu@127.0.0.1:5432/kanwu_load"
    fi
    /usr/bin/time -f "%e s" -o "$OUT/$BACKEND.seed-time" "$TARGET/release/seed_load" "$ARTICLES"

    step "serving ($BACKEND)"
    KANWU_DATA_DIR=$DATA KANWU_BIND=127.0.0.1:$PORT KANWU_JWT_SECRET=load-test-secret-of-at-least-32-bytes \
        KANWU_PASSWORD_PEPPER=load-test-pepper-of-at-least-32-bytes \
        RUST_LOG=warn "$KANWU" serve &
    SERVER=$!
    for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done

    hot_last=1000
    run_wrk article-hot -s tests/load/random-article.lua "$BASE" -- 1 "$hot_last"
    run_wrk article-uniform -s tests/load/random-article.lua "$BASE" -- 1 "$ARTICLES"
    run_wrk category-page-1 "$BASE/api/v1/articles?category=features-1"
    run_wrk category-page-1000 "$BASE/api/v1/articles?category=features&page=1000"
    run_wrk home "$BASE/api/v1/home"
    run_wrk views-post -s tests/load/views.lua "$BASE" -- 1 "$ARTICLES"
    grep VmHWM "/proc/$SERVER/status" | awk '{print $2}' > "$OUT/$BACKEND.rss-kb"
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
    rm -rf "$DATA"
done
[ -n "$(as_postgres psql -qAtc "SELECT 1 FROM pg_database WHERE datname = 'kanwu_load'")" ] && \
    as_postgres psql -qc "DROP DATABASE kanwu_load" >/dev/null

python3 tests/load/report.py "$OUT" "$ARTICLES" "$DURATION" "$CONNECTIONS" > docs/PERFORMANCE.md
step "wrote docs/PERFORMANCE.md"
