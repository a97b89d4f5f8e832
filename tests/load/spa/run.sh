#!/usr/bin/env bash
# The SPA's share of the performance targets (figures, not a test): builds the SPA, measures its initial
# JavaScript gzipped (bundle-size.mjs), serves the build with the kanwu binary on a fresh SQLite database
# filled by `kanwu seed-demo`, and runs Lighthouse (mobile, performance + accessibility, Debian's
# chromium) RUNS times on the home page and on the seed page's article. Fails only when a step cannot
# run; targets missed are reported, not failed.
# Usage: bash tests/load/spa/run.sh [report.md]   (Markdown to stdout without an argument)
#   RUNS=3 Lighthouse runs per page (the median run is reported); PORT=18282;
#   KANWU_BIN=path to a built kanwu (default: target/release/kanwu, else target/debug/kanwu);
#   RESULTS_DIR=a folder to keep Lighthouse's JSON results in (open one in the Lighthouse viewer).
set -euo pipefail
REPORT=${1:+$(realpath -m "$1")}
cd "$(dirname "$0")/../../.."
source .ci/lib.sh

RUNS=${RUNS:-3}
PORT=${PORT:-18282}
BASE="http://127.0.0.1:$PORT"
SPA=tests/load/spa
WORK=$(mktemp -d)
SERVER=
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
header_value() { # name, file of response headers
    awk -v name="$1" 'BEGIN { IGNORECASE = 1 } tolower($1) == tolower(name) ":" { sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit }' "$2"
}
# Progress goes to stderr, so that stdout carries only the report.
exec 3>&1 1>&2

require_command npm "install Node.js 20 or newer"
ensure_debian_packages chromium curl
ensure_npm_packages web-frontend
ensure_npm_packages "$SPA"

KANWU=${KANWU_BIN:-}
if [ -z "$KANWU" ]; then
    for candidate in target/release/kanwu target/debug/kanwu; do
        if [ -x "$candidate" ]; then KANWU=$candidate; break; fi
    done
fi
if [ -z "$KANWU" ]; then
    require_command cargo "install Rust from https://rustup.rs, or set KANWU_BIN to a built kanwu"
    step "building the release binary"
    cargo build --release --locked -p kanwu-api
    KANWU=target/release/kanwu
fi
KANWU=$(realpath "$KANWU")

# Into a folder of our own rather than web-frontend/dist, which the browser tests serve: a build here
# must not swap files under a test run going on in the same tree.
step "building the SPA"
DIST=$WORK/dist
(cd web-frontend && npm run --silent build -- --outDir "$DIST" --emptyOutDir) >"$WORK/build.log" 2>&1 ||
    { cat "$WORK/build.log"; exit 1; }

step "measuring the initial JavaScript"
node "$SPA/bundle-size.mjs" "$DIST" >"$WORK/bundle.md"

step "serving the build on the demo content ($KANWU)"
export KANWU_DATA_DIR=$WORK/data KANWU_BIND=127.0.0.1:$PORT KANWU_WEB_DIR=$DIST RUST_LOG=warn
unset DATABASE_URL
mkdir -p "$KANWU_DATA_DIR"
# Something already answering there would be measured instead of this build.
if curl -fs -o /dev/null "$BASE/readyz"; then echo "port $PORT is taken: set PORT"; exit 1; fi
"$KANWU" seed-demo >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; exit 1; }
"$KANWU" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done
if ! kill -0 "$SERVER" 2>/dev/null || ! curl -fs "$BASE/readyz" >/dev/null; then
    echo "kanwu did not become ready"; cat "$WORK/server.log"; exit 1
fi

# The article the seed page shows in full is the only demo article with an author; ask for its id
# rather than assume the order in which seed-demo inserts.
ARTICLE_ID=$(curl -fs "$BASE/api/v1/articles?per_page=50" | node -e '
    let body = "";
    process.stdin.on("data", (chunk) => (body += chunk)).on("end", () => {
        const article = JSON.parse(body).items.find((item) => item.author);
        if (!article) process.exit(1);
        console.log(article.id);
    });') || { echo "the demo content has no article with an author (the seed page's article)"; exit 1; }
PAGES=("/" "/a/$ARTICLE_ID")

# What a browser receives: compression and caching of the shell and of each initial file.
step "checking how the initial files are served"
{
    echo "| path | status | content-encoding | bytes sent | cache-control |"
    echo "| --- | ---: | --- | ---: | --- |"
    for path in / $(node "$SPA/bundle-size.mjs" "$DIST" --list); do
        path=/${path#/}
        sent=$(curl -fs -o /dev/null -D "$WORK/headers" -w '%{size_download}' \
            -H 'Accept-Encoding: gzip, deflate, br, zstd' "$BASE$path")
        status=$(head -n1 "$WORK/headers" | cut -d' ' -f2)
        encoding=$(header_value content-encoding "$WORK/headers")
        echo "| \`$path\` | $status | ${encoding:-none} | $sent | $(header_value cache-control "$WORK/headers") |"
    done
} >"$WORK/served.md"

export CHROME_PATH=/usr/bin/chromium
RESULTS=()
for page in "${PAGES[@]}"; do
    name=$(printf '%s' "$page" | tr -c 'a-zA-Z0-9' '_')
    for run in $(seq 1 "$RUNS"); do
        step "Lighthouse $page ($run of $RUNS)"
        # The defaults are mobile: a Moto G Power sized screen, simulated slow 4G and a 4x slower CPU.
        "$SPA/node_modules/.bin/lighthouse" "$BASE$page" \
            --only-categories=performance,accessibility \
            --chrome-flags="--headless=new --no-sandbox" \
            --output=json --output-path="$WORK/lh$name.$run.json" --quiet
        RESULTS+=("$WORK/lh$name.$run.json")
    done
done
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${RESULTS_DIR:-}" ]; then
    mkdir -p "$RESULTS_DIR"
    cp "${RESULTS[@]}" "$RESULTS_DIR/"
fi

CHROMIUM=$(/usr/bin/chromium --version 2>/dev/null | head -n1)
{
    echo "# SPA figures"
    echo
    DIRTY=$(git status --porcelain -- web-frontend api | awk '{ split($2, p, "/"); print p[1] "/" }' | sort -u | paste -sd' ' -)
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)${DIRTY:+ (uncommitted changes in $DIRTY)}; $CHROMIUM; server \`$KANWU\`; $(nproc) cores, load average $LOAD after the Lighthouse runs."
    echo "Targets: initial JavaScript ≤ 150 kB gzipped; Lighthouse mobile performance and accessibility ≥ 95 on \`/\` and \`/a/$ARTICLE_ID\` (the seed page's article)."
    echo
    echo "## Initial JavaScript"
    echo
    cat "$WORK/bundle.md"
    echo
    echo "## As served by kanwu (asked as Chrome asks: gzip, deflate, br, zstd)"
    echo
    cat "$WORK/served.md"
    echo
    echo "## Lighthouse"
    echo
    node "$SPA/lighthouse-report.mjs" "${RESULTS[@]}"
} >"$WORK/report.md"

if [ -n "$REPORT" ]; then
    cp "$WORK/report.md" "$REPORT"
    step "wrote $REPORT"
else
    cat "$WORK/report.md" >&3
fi
