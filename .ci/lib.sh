# Shared steps of the run and test commands. Every step is idempotent: it does nothing when what it
# installs or starts is already there.

step() { printf '\n==> %s\n' "$*"; }

# Installs Debian packages that are missing. An upgrade can replace PostgreSQL under a running server,
# which then refuses new connections, so the cluster is restarted after any install.
ensure_debian_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    step "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q online; then
        $sudo pg_ctlcluster 15 main restart
    fi
}

# Runs a command as the postgres system user.
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# Starts the local PostgreSQL 15 cluster and creates the role the tests use (it may create databases).
ensure_postgres() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if ! pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main" { print $4 }' | grep -q online; then
        step "starting PostgreSQL 15"
        $sudo pg_ctlcluster 15 main start
    fi
    for _ in $(seq 1 30); do
        as_postgres psql -qAtc "SELECT 1" >/dev/null 2>&1 && break
        sleep 1
    done
    as_postgres psql -qAt -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kanwu') THEN
        CREATE ROLE kanwu LOGIN PASSWORD 'kanwu' CREATEDB;
    END IF;
END
$$;
SQL
}

# `npm ci` only when the lockfile changed since the last install (it wipes node_modules each time).
ensure_npm_packages() {
    local dir=$1
    if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        step "installing npm packages in $dir"
        (cd "$dir" && npm ci --no-audit --no-fund)
    fi
}

require_command() {
    command -v "$1" >/dev/null || { echo "error: $1 is required ($2)" >&2; exit 1; }
}

# The Python tools of the test command (Schemathesis), pinned, in .venv-tests/; pip runs only when
# the pinned version is not the one installed.
SCHEMATHESIS_VERSION=4.32.5
ensure_python_venv() {
    local venv=.venv-tests
    if [ ! -x "$venv/bin/python" ]; then
        step "creating the Python environment $venv"
        python3 -m venv "$venv"
    fi
    if ! "$venv/bin/python" -m pip show schemathesis 2>/dev/null | grep -qx "Version: $SCHEMATHESIS_VERSION"; then
        step "installing schemathesis $SCHEMATHESIS_VERSION in $venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    fi
}
