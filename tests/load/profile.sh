#!/usr/bin/env bash
# Where the time goes in one load scenario: seeds ARTICLES articles (default 100,000) into BACKEND
# (sqlite or postgres), serves them with the release binary, runs the scenario with wrk and records the
# server with `perf record -g` meanwhile; prints the hottest functions by thread and symbol, and where
# the CPU went (server, wrk, PostgreSQL). The evidence behind the gaps in docs/PERFORMANCE.md.
# Usage: bash tests/load/profile.sh article-uniform|article-hot|comment-post|views-post|article-logins
#        BACKEND=postgres ARTICLES=1000000 bash tests/load/profile.sh article-uniform
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib.sh

SCENARIO=${1:?a scenario: article-uniform, article-hot, comment-post, views-post or article-logins}
BACKEND=${BACKEND:-sqlite}
ARTICLES=${ARTICLES:-100000}
PORT=${PORT:-18183}
BASE="http://127.0.0.1:$PORT"
export KANWU_JWT_SECRET=load-test-secret-of-at-least-32-bytes
export KANWU_PASSWORD_PEPPER=load-test-pepper-of-at-least-32-bytes
WORK=$(mktemp -d)
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; true; }
trap cleanup EXIT

ensure_debian_packages wrk curl jq linux-perf libpq-dev postgresql-15
ensure_postgres
cargo build --release --locked -p kanwu-api -p system-tests --bin kanwu --bin seed_load
TARGET=${CARGO_TARGET_DIR:-target}

if [ "$BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite://$WORK/kanwu.db"
else
    as_postgres psql -qc "DROP DATABASE IF EXISTS kanwu_profile" >/dev/null
    as_postgres psql -qc "CREATE DATABASE kanwu_profile OWNER kanwu" >/dev/null
    export DATABASE_URL="postgres://kanwu:kanwu@127.0.0.1:5432/kanwu_profile"
fi
step "seeding $ARTICLES articles into $BACKEND"
"$TARGET/release/seed_load" "$ARTICLES"
KANWU_DATA_DIR=$WORK KANWU_BIND=127.0.0.1:$PORT KANWU_RATE_LIMIT_SCALE=1000 \
    KANWU_COMMENT_INTERVAL_SECS=0 KANWU_COMMENT_HOURLY_CAP=0 RUST_LOG=warn \
    "$TARGET/release/kanwu" serve &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done

case "$SCENARIO" in
    article-hot) args=(-s tests/load/random-article.lua "$BASE" -- 1 1000) ;;
    article-uniform) args=(-s tests/load/random-article.lua "$BASE" -- 1 "$ARTICLES") ;;
    views-post) args=(-s tests/load/views.lua "$BASE" -- 1 "$ARTICLES") ;;
    article-logins)
        # In the harness's order: right after a views POST run (whose flushes go on), the hot
        # articles while 32 clients log in.
        wrk -t2 -c64 -d10s -s tests/load/views.lua "$BASE" -- 1 "$ARTICLES" >/dev/null
        wrk -t1 -c32 -d20s --timeout 30s -s tests/load/login.lua "$BASE" >/dev/null 2>&1 &
        args=(-s tests/load/random-article.lua "$BASE" -- 1 1000) ;;
    comment-post)
        for i in $(seq 1 8); do
            curl -fs -H 'Content-Type: application/json' \
                -d "{\"username\":\"load$i\",\"password\":\"load-password-1\"}" \
                "$BASE/api/v1/auth/login" | jq -r .access_token >> "$WORK/tokens"
        done
        args=(-s tests/load/comments.lua "$BASE" -- 1 "$ARTICLES" "$WORK/tokens") ;;
    *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
esac

step "profiling $SCENARIO on $BACKEND ($ARTICLES articles)"
[ "$SCENARIO" != comment-post ] && wrk -t2 -c64 -d3s "${args[@]}" >/dev/null
wrk -t2 -c64 -d12s --latency "${args[@]}" > "$WORK/wrk.txt" &
WRK=$!
sleep 3
# Where the two cores went, by process, over 5 s.
top -b -d 5 -n 2 | awk '/^ *PID/ {block++} block == 2 && $9+0 > 1 {print $9 "% " $12}' | head -12 > "$WORK/top.txt" &
perf record -F 999 -g -p "$SERVER" -o "$WORK/perf.data" -- sleep 5 2>/dev/null
wait "$WRK"
grep -E "Requests/sec| 50%| 99%" "$WORK/wrk.txt"
echo "--- CPU by process (top, 5 s; 200% = both cores)"
cat "$WORK/top.txt"
echo "--- the server's samples by thread"
perf report -i "$WORK/perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -E '^ +[0-9]'
echo "--- the server's hottest functions (self time)"
perf report -i "$WORK/perf.data" --no-children --sort sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -25
if [ "$BACKEND" = postgres ]; then
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
    as_postgres psql -qc "DROP DATABASE kanwu_profile" >/dev/null
fi
