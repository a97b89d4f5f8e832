#!/usr/bin/env bash
# The load benchmark (figures, not a timed test). For each size in SIZES and each backend in
# BACKENDS: seeds that many published articles (~4 KB Chinese bodies, 30 categories, comments, view
# history) straight through the database layer, starts the release binary and measures each scenario
# with wrk (64 connections, 2 threads, warm-up first): the JSON API's and, beside them, the reader's
# server-rendered pages (framed by the SPA's index.html, so the SPA is built first). The ceiling program (a bare actix-web server
# answering a fixed 2 KB JSON body) is measured in the same run, and every figure is reported as a
# share of it. Then writes docs/PERFORMANCE.md (its tables; the hand-written part is kept).
# Usage: bash tests/load/run.sh                       (10k, 100k and 1M articles on both databases)
#        SIZES=10000 DURATION=5s bash tests/load/run.sh   (a few minutes: the test command's extra)
#        BACKENDS=sqlite, OUT=folder (keep the raw wrk outputs), REPORT=file (instead of docs/PERFORMANCE.md),
#        WEB_DIR=a built SPA (its dist folder; skips building one)
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib.sh

SIZES=${SIZES:-10000 100000 1000000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=64
PORT=${PORT:-18181}
CEILING_PORT=${CEILING_PORT:-18180}
BASE="http://127.0.0.1:$PORT"
KEEP_OUT=${OUT:-}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
REPORT=${REPORT:-docs/PERFORMANCE.md}
SECRETS=(KANWU_JWT_SECRET=load-test-secret-of-at-least-32-bytes
    KANWU_PASSWORD_PEPPER=load-test-pepper-of-at-least-32-bytes)
export "${SECRETS[@]}"
cleanup() {
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
    [ -n "${CEILING:-}" ] && kill "$CEILING" 2>/dev/null || true
    [ -z "$KEEP_OUT" ] && rm -rf "$OUT"
    true
}
trap cleanup EXIT

ensure_debian_packages wrk time curl jq libpq-dev postgresql-15
ensure_postgres
step "building release binaries"
cargo build --release --locked -p kanwu-api -p system-tests --bin kanwu --bin seed_load --bin ceiling
TARGET=${CARGO_TARGET_DIR:-target}
KANWU=$TARGET/release/kanwu

# The reader's pages are the SPA's index.html with the page written in. Built into a folder of our
# own: web-frontend/dist is what the browser tests serve, and must not change under them.
if [ -n "${WEB_DIR:-}" ]; then
    WEB=$(realpath "$WEB_DIR")
else
    require_command npm "install Node.js 20 or newer (or set WEB_DIR to a built SPA)"
    ensure_npm_packages web-frontend
    step "building the SPA (the frame of the server-rendered pages)"
    WEB=$(realpath -m "$OUT/web")
    (cd web-frontend && npm run --silent build -- --outDir "$WEB" --emptyOutDir) > "$OUT/web-build.log" 2>&1 ||
        { cat "$OUT/web-build.log"; exit 1; }
fi

# What Chromium sends; wrk sends no Accept-Encoding unless told.
AS_BROWSERS=(-H 'Accept-Encoding: gzip, deflate, br, zstd')

run_wrk() { # name, wrk args…
    local name=$1; shift
    wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$@" >/dev/null 2>&1 || true
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" > "$OUT/$RUN.$name.txt" 2>&1
}

# Peak RSS of the server so far (VmHWM), in KiB.
peak_rss() { awk '/VmHWM/ {print $2}' "/proc/$SERVER/status"; }

step "ceiling: a bare actix-web server with a fixed 2 KB JSON body"
"$TARGET/release/ceiling" "127.0.0.1:$CEILING_PORT" &
CEILING=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$CEILING_PORT/" >/dev/null && break; sleep 0.1; done
RUN=ceiling run_wrk ceiling "http://127.0.0.1:$CEILING_PORT/"
kill "$CEILING"; wait "$CEILING" 2>/dev/null || true; CEILING=

for ARTICLES in $SIZES; do
for BACKEND in ${BACKENDS:-sqlite postgres}; do
    RUN="$BACKEND.$ARTICLES"
    step "seeding $ARTICLES articles into $BACKEND"
    DATA=$(mktemp -d)
    if [ "$BACKEND" = sqlite ]; then
        export DATABASE_URL="sqlite://$DATA/kanwu.db"
    else
        as_postgres psql -qc "DROP DATABASE IF EXISTS kanwu_load" >/dev/null
        as_postgres psql -qc "CREATE DATABASE kanwu_load OWNER kanwu" >/dev/null
        export DATABASE_URL="postgres://kanwu:kanwu@127.0.0.1:5432/kanwu_load"
    fi
    /usr/bin/time -f "%e" -o "$OUT/$RUN.seed-seconds" "$TARGET/release/seed_load" "$ARTICLES"

    step "serving ($BACKEND, $ARTICLES articles)"
    # Write limits opened up so the write scenarios measure the writes, not the abuse limits.
    KANWU_DATA_DIR=$DATA KANWU_BIND=127.0.0.1:$PORT KANWU_WEB_DIR=$WEB KANWU_RATE_LIMIT_SCALE=1000 \
        KANWU_COMMENT_INTERVAL_SECS=0 KANWU_COMMENT_HOURLY_CAP=0 \
        RUST_LOG=warn "$KANWU" serve &
    SERVER=$!
    for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done

    run_wrk article-hot -s tests/load/random-article.lua "$BASE" -- 1 1000
    run_wrk article-uniform -s tests/load/random-article.lua "$BASE" -- 1 "$ARTICLES"
    # The same articles' pages in HTML. The uniform one waits until the pages the JSON run cached
    # have expired (fresh 3 s, stale 5 s more), so that it starts as cold as the JSON one did.
    # Pages are asked for as browsers and crawlers ask (gzip accepted): the answer is the page's
    # cached gzip copy. Without Accept-Encoding (as the JSON runs ask) beside it, and for the
    # uniform run, whose twin is the JSON one.
    run_wrk page-article-hot "${AS_BROWSERS[@]}" -s tests/load/random-article.lua "$BASE" -- 1 1000 /a/
    run_wrk page-article-hot-plain -s tests/load/random-article.lua "$BASE" -- 1 1000 /a/
    sleep 8
    run_wrk page-article-uniform -s tests/load/random-article.lua "$BASE" -- 1 "$ARTICLES" /a/
    run_wrk category-page-1 "$BASE/api/v1/articles?category=features-1"
    run_wrk page-category "${AS_BROWSERS[@]}" "$BASE/c/features-1"
    # The 1,000th page of the whole list (the middle one where there are fewer than 2,000 pages).
    deep=$(( ARTICLES / 40 )); [ "$deep" -gt 1000 ] && deep=1000
    echo "$deep" > "$OUT/$RUN.deep-page"
    run_wrk list-page-deep "$BASE/api/v1/articles?page=$deep"
    # The keyset equivalent of that page: the cursor the page before it hands out.
    cursor=$(curl -fs "$BASE/api/v1/articles?page=$(( deep - 1 ))" | jq -r .next_cursor)
    echo "$cursor" > "$OUT/$RUN.cursor"
    run_wrk list-cursor-deep "$BASE/api/v1/articles?after=$cursor"
    run_wrk home "$BASE/api/v1/home"
    run_wrk page-home "${AS_BROWSERS[@]}" "$BASE/"
    # The seeder indexes for search only up to SEARCH_INDEX_MAX articles (about 400 a second on SQLite, 250 on PostgreSQL).
    if [ "$ARTICLES" -le "${SEARCH_INDEX_MAX:-100000}" ]; then
        run_wrk search -s tests/load/search.lua "$BASE"
    fi
    run_wrk views-post -s tests/load/views.lua "$BASE" -- 1 "$ARTICLES"
    peak_rss > "$OUT/$RUN.rss-read-kb"

    # Logins at the production bcrypt cost (the seeder's members) beside article reads.
    # bcrypt at cost 12 on one thread answers a few logins a second: 32 clients wait seconds each.
    wrk -t1 -c32 -d"$DURATION" --timeout 30s -s tests/load/login.lua "$BASE" > "$OUT/$RUN.logins.txt" 2>&1 &
    LOGINS=$!
    sleep 1
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s tests/load/random-article.lua "$BASE" -- 1 1000 \
        > "$OUT/$RUN.article-during-logins.txt" 2>&1
    wait "$LOGINS" || true

    TOKENS="$OUT/$RUN.tokens"
    : > "$TOKENS"
    for i in $(seq 1 8); do
        curl -fs -H 'Content-Type: application/json' \
            -d "{\"username\":\"load$i\",\"password\":\"load-password-1\"}" \
            "$BASE/api/v1/auth/login" | jq -r .access_token >> "$TOKENS"
    done
    # Only the measured run posts (no warm-up): every 2xx must be a stored comment.
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s tests/load/comments.lua "$BASE" -- 1 "$ARTICLES" "$TOKENS" \
        > "$OUT/$RUN.comment-post.txt" 2>&1
    peak_rss > "$OUT/$RUN.rss-kb"
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

    # What a list page and a search cost the database, without the read cache: page 1, page N, the
    # cursor, and the search queries.
    KANWU_DATA_DIR=$DATA KANWU_BIND=127.0.0.1:$PORT KANWU_READ_CACHE_MS=0 RUST_LOG=warn "$KANWU" serve &
    SERVER=$!
    for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done
    run_wrk uncached-page-1 "$BASE/api/v1/articles"
    run_wrk uncached-page-deep "$BASE/api/v1/articles?page=$deep"
    run_wrk uncached-cursor-deep "$BASE/api/v1/articles?after=$cursor"
    if [ "$ARTICLES" -le "${SEARCH_INDEX_MAX:-100000}" ]; then
        run_wrk uncached-search -s tests/load/search.lua "$BASE"
    fi
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

    # Comments stored beyond the seeded ones (three under one article in five).
    seeded=$(( (ARTICLES + 4) / 5 * 3 ))
    if [ "$BACKEND" = sqlite ]; then
        stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM comments').fetchone()[0])" "$DATA/kanwu.db")
        python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$DATA/kanwu.db" > "$OUT/$RUN.integrity"
    else
        stored=$(as_postgres psql -qAt -d kanwu_load -c "SELECT COUNT(*) FROM comments")
    fi
    echo $(( stored - seeded )) > "$OUT/$RUN.comments-stored"
    du -sh "$DATA" | cut -f1 > "$OUT/$RUN.data-size"
    [ "$BACKEND" = postgres ] && as_postgres psql -qAt -c "SELECT pg_size_pretty(pg_database_size('kanwu_load'))" > "$OUT/$RUN.data-size"
    rm -rf "$DATA"
done
done
[ -n "$(as_postgres psql -qAtc "SELECT 1 FROM pg_database WHERE datname = 'kanwu_load'")" ] && \
    as_postgres psql -qc "DROP DATABASE kanwu_load" >/dev/null

python3 tests/load/report.py "$OUT" "$REPORT" "$DURATION" "$CONNECTIONS" "$SIZES"
step "wrote $REPORT"
