#!/usr/bin/env bash
# The run command: builds the SPA and the release binary, migrates and serves the embedded default
# (SQLite in ./data) at http://127.0.0.1:8080. Needs cargo and node/npm; installs the rest.
# Usage: bash .ci/serve.sh   (settings from the environment, see README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

require_command cargo "install Rust from https://rustup.rs"
require_command npm "install Node.js 20 or newer"
ensure_debian_packages libpq-dev
ensure_npm_packages web-frontend

step "building the SPA"
(cd web-frontend && npm run --silent build)

step "building the release binary"
cargo build --release --locked -p kanwu-api

export KANWU_WEB_DIR=${KANWU_WEB_DIR:-$PWD/web-frontend/dist}
step "migrating"
./target/release/kanwu migrate
# Fills an empty site with the seed page's content; leaves a site with content alone.
./target/release/kanwu seed-demo
step "serving at http://${KANWU_BIND:-127.0.0.1:8080}"
exec ./target/release/kanwu serve
