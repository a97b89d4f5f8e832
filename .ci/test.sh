#!/usr/bin/env bash
# The test command: installs what is missing, then runs every check of the project.
# Usage: bash .ci/test.sh   (CI runs exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

require_command cargo "install Rust from https://rustup.rs"
require_command npm "install Node.js 20 or newer"

ensure_debian_packages libpq-dev postgresql-15 chromium fonts-noto-cjk docker-compose curl jq python3-venv libxml2-utils nginx
ensure_postgres
ensure_npm_packages web-frontend
ensure_npm_packages tests/load/spa
ensure_python_venv
export KANWU_TEST_POSTGRES_URL=${KANWU_TEST_POSTGRES_URL:-postgres://kanwu:kanwu@127.0.0.1:5432/postgres}

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo build (the binary the CLI and browser tests run)"
cargo build --workspace --bins --locked

step "cargo test (SQLite and PostgreSQL)"
cargo test --workspace --locked

step "schemathesis against the binary (SQLite and PostgreSQL; anonymous, member, editor, admin)"
bash tests/fuzz/run.sh

cd web-frontend
step "API types are up to date with openapi.yaml"
npm run --silent check:api
step "tsc --noEmit"
npm run --silent typecheck
step "eslint"
npm run --silent lint
step "vitest"
npm test --silent
step "vite build"
npm run --silent build
step "browser tests (Debian chromium, real kanwu binary)"
KANWU_BIN="$PWD/../target/debug/kanwu" npm run --silent e2e
cd ..

step "Lighthouse on /, /c/features and the seed article: SEO 100, accessibility and best practices ≥ 95"
# One run per page on the build above; performance, CLS and LCP are printed, not checked.
KANWU_BIN="$PWD/target/debug/kanwu" node tests/load/spa/lighthouse-scores.mjs \
    --dist web-frontend/dist --out web-frontend/test-results/lighthouse

step "docker-compose config"
# Secrets come from .env in production; placeholders here only let the file be validated.
POSTGRES_PASSWORD=placeholder KANWU_JWT_SECRET=placeholder-secret-of-at-least-32-bytes \
    KANWU_PASSWORD_PEPPER=placeholder-pepper-of-at-least-32-bytes \
    docker-compose config -q

if [ "${KANWU_EXTRAS:-0}" = 1 ]; then
    # Optional extras, never in CI's required path: the load benchmark at 10,000 articles (a few
    # minutes; figures, not pass/fail), printed rather than written over docs/PERFORMANCE.md.
    step "extras: load benchmark at 10,000 articles"
    extras_report=$(mktemp)
    SIZES=10000 DURATION=5s WARMUP=2s REPORT="$extras_report" bash tests/load/run.sh
    cat "$extras_report"
fi

step "all checks passed"
