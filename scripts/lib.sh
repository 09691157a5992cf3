# Shared set-up for `make demo`, `make test` and `make bench`: sourced, not run.
# Every step is idempotent: a second run reuses the virtual environment, the node tools and
# the database cluster that exist. Every default can be overridden from the environment.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${CRM_RUN_DIR:-$ROOT/.run}
VENV=${CRM_VENV:-$ROOT/.venv}
NODE_DIR=${CRM_NODE_DIR:-$RUN_DIR/node}
LOG_DIR=$RUN_DIR/logs
HTTP_PORT=${CRM_HTTP_PORT:-8069}
DEMO_DB=${CRM_DEMO_DB:-crm360_demo}
TEST_DB=${CRM_TEST_DB:-crm360_test}
PG_PORT_EMBEDDED=${CRM_PG_PORT:-55432}
ODOO_CONF=$RUN_DIR/odoo.conf
ODOO_BIN=("$VENV/bin/python" "$ROOT/scripts/odoo-bin")
mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# shellcheck source=preflight.sh
source "$ROOT/scripts/preflight.sh"

# The addons of this repository, comma separated, in dependency order.
repo_addons() {
    local names=()
    for m in crm_customer360 crm_grading crm_service; do
        [ -f "$ROOT/addons/$m/__manifest__.py" ] && names+=("$m")
    done
    (IFS=,; echo "${names[*]}")
}

# python37: the Python 3.7 to build the virtual environment with, or nothing.
python37() {
    local p
    for p in ${CRM_PYTHON:-} "$HOME"/.pyenv/versions/3.7.*/bin/python3.7 /usr/bin/python3.7 \
             /usr/local/bin/python3.7 "$(command -v python3.7 || true)"; do
        [ -n "$p" ] && [ -x "$p" ] || continue
        "$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 7))' 2>/dev/null || continue
        echo "$p"
        return
    done
}

find_python37() {
    local p
    p=$(python37)
    [ -n "$p" ] || die "Python 3.7 not found: install it (pyenv install 3.7) or set CRM_PYTHON"
    echo "$p"
}

# psycopg2-binary 2.8.6 has wheels for Python 3.7 on Linux x86_64 and aarch64 (the marker of
# requirements.txt); elsewhere psycopg2 is built from source.
psycopg2_wheel() {
    [ "$(uname -s)" = Linux ] && case "$(uname -m)" in x86_64|aarch64) return 0 ;; esac
    return 1
}

# ensure_venv [test]: the run-time requirements, and with "test" those of the tests too.
# The stamp keeps a line per requirement set installed, so a test venv also serves `make demo`.
ensure_venv() {
    local sets=(runtime) stamp="$VENV/.requirements.sha" set want missing=()
    [ "${1:-}" = test ] && sets+=(test)
    for set in "${sets[@]}"; do
        want=$(requirement_set_hash "$set")
        grep -qx "$want" "$stamp" 2>/dev/null || missing+=("$set")
    done
    [ -x "$VENV/bin/python" ] && [ ${#missing[@]} -eq 0 ] && return
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in $VENV"
        "$(find_python37)" -m venv "$VENV"
    fi
    local args=(-r requirements.txt) log=$LOG_DIR/pip.log
    [ "${1:-}" = test ] && args+=(-r requirements-test.txt)
    # A psycopg2 built from source (older checkouts) shares its files with psycopg2-binary:
    # replacing it by the metadata-only setup/_host/psycopg2 would delete the binary's files.
    if psycopg2_wheel && [ -n "$("$VENV/bin/pip" show -f psycopg2 2>/dev/null | grep -F 'psycopg2/__init__.py')" ]; then
        "$VENV/bin/pip" uninstall -q -y psycopg2 >>"$log" 2>&1
    fi
    say "Installing ${args[*]##*/}"
    # Relative paths in the requirement files (setup/_host/...) are relative to the checkout.
    (cd "$ROOT" && "$VENV/bin/pip" install --disable-pip-version-check -q "${args[@]}" \
        && "$VENV/bin/pip" install --disable-pip-version-check -q --no-deps \
            -r requirements-nodeps.txt) >"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "pip could not install the requirements: see $log"; }
    for set in "${sets[@]}"; do requirement_set_hash "$set"; done >> "$stamp"
}

requirement_set_hash() {  # runtime | test
    local files=("$ROOT/requirements.txt" "$ROOT/requirements-nodeps.txt")
    files+=($(ls "$ROOT"/setup/_host/*/setup.py 2>/dev/null))
    [ "$1" = test ] && files+=("$ROOT/requirements-test.txt")
    echo "$1 $(cat "${files[@]}" | sha1sum | cut -c1-40)"
}

ensure_lessc() {
    if [ ! -x "$NODE_DIR/node_modules/.bin/lessc" ]; then
        command -v npm >/dev/null || die "npm not found: the web client needs lessc from npm"
        say "Installing lessc (less@3.13.1) into $NODE_DIR"
        npm install --silent --no-audit --no-fund --prefix "$NODE_DIR" less@3.13.1 >/dev/null
    fi
    export PATH="$NODE_DIR/node_modules/.bin:$PATH"
}

# missing_apt_packages [test]: the Debian packages the scripts install when they run as root,
# one "package: what needs it" line each: PostgreSQL and npm (for lessc) for every command,
# and with "test" what the browser tests and PDF reports need.
missing_apt_packages() {
    if [ "${1:-}" = test ]; then
        command -v chromium >/dev/null || echo "chromium: the browser tests"
        command -v chromedriver >/dev/null || echo "chromium-driver: the browser tests"
        command -v wkhtmltopdf >/dev/null || echo "wkhtmltopdf: PDF reports (the host's tests print some)"
        # Chinese glyphs in the browser tests' screenshots
        [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || echo "fonts-wqy-zenhei: Chinese glyphs in the browser tests' screenshots"
    fi
    if [ -z "$(external_db_host)" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "postgresql: the embedded database cluster (or name a server of your own: PGHOST)"
    fi
    if [ ! -x "$NODE_DIR/node_modules/.bin/lessc" ] && ! command -v npm >/dev/null; then
        echo "npm: lessc (less@3.13.1, installed from npm into $NODE_DIR) for the web client's CSS"
    fi
}

ensure_apt_packages() {
    local missing
    missing=$(missing_apt_packages "${1:-}" | cut -d: -f1 | tr '\n' ' ')
    [ -z "${missing// /}" ] && return
    [ "$(id -u)" = 0 ] || die "missing packages: $missing(install them with apt-get as root)"
    say "Installing ${missing}with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

# conf_value KEY: the value of KEY in odoo.conf's [options], empty when unset or False.
conf_value() {
    sed -n "/^\[options\]/,/^\[/s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]].*\)\$/\1/p" \
        "$ROOT/odoo.conf" | grep -v -i '^false$' | head -n1 || true
}

# A server named by the user (PGHOST or odoo.conf's db_host) wins over the embedded cluster.
external_db_host() {
    if [ -n "${PGHOST:-}" ]; then echo "$PGHOST"; return; fi
    conf_value db_host
}

# pg_memory_settings: the memory settings of the embedded cluster, as a production server of
# this machine would have them (docs/production.md): PostgreSQL's defaults (128 MB of shared
# buffers, 1 GB of WAL between checkpoints) make a grading run of 100,000 customers evict and
# write back its own pages. A quarter of the memory for shared buffers (at most 2 GB, or
# CRM_PG_SHARED_BUFFERS).
pg_memory_settings() {
    local kb shared
    kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)
    [ -n "$kb" ] || kb=$((4 * 1024 * 1024))
    shared=$((kb / 4 / 1024))
    [ "$shared" -gt 2048 ] && shared=2048
    [ "$shared" -lt 128 ] && shared=128
    echo "-c shared_buffers=${CRM_PG_SHARED_BUFFERS:-${shared}MB} -c max_wal_size=4GB"
}

fallback_pg_dir() { echo "/var/tmp/crm360-pg-$(echo "$ROOT" | sha1sum | cut -c1-8)"; }

as_pg() {  # run a PostgreSQL server binary: as postgres when we are root (initdb refuses root)
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_cluster() {
    DB_HOST=$(external_db_host)
    if [ -n "$DB_HOST" ]; then
        DB_PORT=${PGPORT:-$(conf_value db_port)}
        DB_PORT=${DB_PORT:-5432}
        DB_USER=${PGUSER:-$(conf_value db_user)}
        DB_USER=${DB_USER:-$(id -un)}
        # libpq (psql, and Odoo when odoo.conf has no db_password) reads PGPASSWORD.
        if [ -n "$(conf_value db_password)" ]; then
            export PGPASSWORD=${PGPASSWORD:-$(conf_value db_password)}
        fi
        return 0
    fi
    local pgbin
    pgbin=${CRM_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
    [ -x "$pgbin/initdb" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
    local pg_root=${CRM_PG_DIR:-$RUN_DIR/pg}
    mkdir -p "$pg_root"
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$pg_root"
        # The cluster must live where the postgres user can reach it; a checkout under a
        # private home folder cannot be, so fall back to a folder of its own in /var/tmp.
        if ! runuser -u postgres -- test -w "$pg_root"; then
            pg_root=$(fallback_pg_dir)
            mkdir -p "$pg_root" && chown postgres:postgres "$pg_root"
            say "The postgres user cannot reach $ROOT: the cluster lives in $pg_root"
        fi
    fi
    PGDATA_DIR=$pg_root/data
    DB_HOST=$pg_root/socket
    DB_PORT=$PG_PORT_EMBEDDED
    DB_USER=$(id -un)
    as_pg mkdir -p "$DB_HOST"
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
        say "Creating the embedded PostgreSQL cluster in $PGDATA_DIR"
        as_pg mkdir -p "$PGDATA_DIR"
        chmod 700 "$PGDATA_DIR"
        as_pg "$pgbin/initdb" -D "$PGDATA_DIR" -U "$DB_USER" --auth=trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$pgbin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        say "Starting PostgreSQL (socket $DB_HOST, port $DB_PORT)"
        as_pg "$pgbin/pg_ctl" -D "$PGDATA_DIR" -l "$pg_root/postgres.log" -w -t 60 \
            -o "-k $DB_HOST -p $DB_PORT -c listen_addresses='' -c fsync=off -c max_connections=200 -c jit=off $(pg_memory_settings)" \
            start >/dev/null
    fi
}

# write_odoo_conf [SOURCE [TARGET [ADDONS_PATH]]]: the Odoo config of this checkout
# (odoo.conf, or SOURCE such as odoo-prod.conf) with the database connection, addons path
# (this checkout's addons/ by default; empty: only the addons installed in site-packages)
# and data folder.
write_odoo_conf() {
    local source=${1:-$ROOT/odoo.conf} target=${2:-$ODOO_CONF} addons=${3-$ROOT/addons}
    {
        grep -v -E '^[[:space:]]*(db_host|db_port|db_user|addons_path|data_dir)[[:space:]]*=' "$source" \
            | sed '/^\[queue_job\]/,$d'
        [ -n "$addons" ] && echo "addons_path = $addons"
        echo "data_dir = $RUN_DIR/filestore"
        echo "db_host = $DB_HOST"
        echo "db_port = $DB_PORT"
        echo "db_user = $DB_USER"
        sed -n '/^\[queue_job\]/,$p' "$source"
    } > "$target"
    export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER PGDATABASE=postgres
}

# setup_all [test]: everything `make demo` needs, and with "test" what the tests need too,
# after the preflight has said what is missing.
setup_all() {
    preflight "${1:-}"
    ensure_apt_packages "${1:-}"
    ensure_venv "${1:-}"
    ensure_lessc
    ensure_cluster
    write_odoo_conf
}

db_exists() { [ "$(psql -XAtc "SELECT 1 FROM pg_database WHERE datname='$1'")" = 1 ]; }

# clone_db SOURCE TARGET: TARGET anew as a copy of SOURCE, its filestore too.
clone_db() {
    psql -Xqc "DROP DATABASE IF EXISTS \"$2\""
    psql -Xqc "CREATE DATABASE \"$2\" TEMPLATE \"$1\""
    rm -rf "$RUN_DIR/filestore/filestore/$2"
    if [ -d "$RUN_DIR/filestore/filestore/$1" ]; then
        cp -r "$RUN_DIR/filestore/filestore/$1" "$RUN_DIR/filestore/filestore/$2"
    fi
}

# Fingerprint of what a database install depends on: addon code and data (not their tests)
# and the requirements. A cached template database carries it in its name.
addons_hash() {
    (cd "$ROOT" && find addons requirements.txt requirements-nodeps.txt setup/_host -type f \
        ! -path '*/tests/*' ! -name '*.pyc' ! -path '*.egg-info/*' ! -path '*/build/*' \
        -print0 | sort -z | xargs -0 sha1sum) | sha1sum | cut -c1-10
}

odoo_run() { "${ODOO_BIN[@]}" -c "$ODOO_CONF" "$@"; }

# Fail when an install log has an ERROR, CRITICAL or WARNING line that does not come from the
# PyPI wheels' own gaps: the broken fragments they ship (website_* and other bridge addons such
# as purchase_mrp whose dependencies no wheel holds: "Unmet dependencies" for an addon that is
# not ours) and the missing test_exceptions addon whose icon base_menu.xml names.
# check_log LOG [DEPS]: DEPS (a|b) are dependencies that an update installs: while it does,
# Odoo's graph reports our addons that need them as unmet, and loads them once they are in.
check_log() {
    local log=$1 bad ours pending=${2:-}
    ours=$(repo_addons | tr ',' '|')
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$log" \
        | grep -v -E "odoo\.modules\.graph: module ([a-z0-9_]+): Unmet dependencies" \
        | grep -v -E 'odoo\.modules\.module: module test_exceptions: module not found$' || true)
    # An unmet dependency of one of our addons is ours to fix.
    bad+=$(grep -E "odoo\.modules\.graph: module ($ours): Unmet dependencies" "$log" \
        | { if [ -n "$pending" ]; then
                grep -v -E "Unmet dependencies: (($pending|$ours)(, )?)+\$"
            else cat; fi; } || true)
    if [ -n "$bad" ]; then
        printf 'error: %s has ERROR or WARNING lines:\n%s\n' "$log" "$bad" >&2
        return 1
    fi
}

# Modules the host left pending for good: the PyPI wheels ship auto-install bridge modules
# (purchase_mrp, website_livechat, ...) whose dependencies they do not ship. A new database
# marks them "to install" (a missing dependency does not stop the auto-install), no install
# ever installs them, and Odoo's cron runner skips every database with a module "to install"
# or "to upgrade": no scheduled action would ever run. Set back to "uninstalled" the pending
# modules with a dependency that cannot be installed (missing, uninstallable, or itself such
# a module), naming them; a module pending for another reason is left alone.
# Run after every install or update (make demo, serve, test, bench, test-prod).
settle_pending_modules() {
    local db=$1 names
    names=$(psql -d "$db" -XAtq -v ON_ERROR_STOP=1 <<'SQL'
WITH RECURSIVE stuck(id) AS (
    SELECT m.id FROM ir_module_module m
     WHERE m.state IN ('to install', 'to upgrade')
       AND EXISTS (SELECT 1 FROM ir_module_module_dependency d
                     LEFT JOIN ir_module_module dm ON dm.name = d.name
                    WHERE d.module_id = m.id
                      AND (dm.id IS NULL OR dm.state = 'uninstallable'))
    UNION
    SELECT m.id FROM ir_module_module m
      JOIN ir_module_module_dependency d ON d.module_id = m.id
      JOIN ir_module_module dm ON dm.name = d.name
      JOIN stuck s ON s.id = dm.id
     WHERE m.state IN ('to install', 'to upgrade')
), settled AS (
    UPDATE ir_module_module m SET state = 'uninstalled'
      FROM stuck s WHERE m.id = s.id AND m.state = 'to install'
 RETURNING m.name
), settled_upgrade AS (
    UPDATE ir_module_module m SET state = 'installed'
      FROM stuck s WHERE m.id = s.id AND m.state = 'to upgrade'
 RETURNING m.name
)
SELECT string_agg(name, ', ' ORDER BY name)
  FROM (SELECT name FROM settled UNION ALL SELECT name FROM settled_upgrade) n;
SQL
)
    if [ -n "$names" ]; then
        say "$db: set back the host modules that cannot be installed (missing dependencies): $names"
    fi
}

# The demo database: created with every addon and demo data (English and Simplified
# Chinese) when missing, updated in place when the addons changed since.
ensure_demo_db() {
    local addons hash stamp
    addons=$(repo_addons)
    hash=$(addons_hash)
    stamp=$RUN_DIR/demo-$DEMO_DB.hash
    if ! db_exists "$DEMO_DB"; then
        say "Creating database $DEMO_DB with $addons and demo data (a few minutes the first time)"
        odoo_run -d "$DEMO_DB" -i "$addons" --load-language=zh_CN --stop-after-init \
            --logfile="$LOG_DIR/demo-install.log"
        echo "$hash" > "$stamp"
    elif [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
        say "The addons changed: updating $DEMO_DB"
        odoo_run -d "$DEMO_DB" -u "$addons" --stop-after-init --logfile="$LOG_DIR/demo-update.log"
        echo "$hash" > "$stamp"
    fi
    settle_pending_modules "$DEMO_DB"
}

demo_logins() {
    cat <<MSG
  Logins (user / password):
    admin    / admin     administrator, sales manager
    li.ming  / li.ming   salesperson 李明 (interface in Simplified Chinese)
    wang.fang / wang.fang  sales manager 王芳 with invoicing rights (Simplified Chinese)
    anna     / anna      salesperson Anna Schmidt, no accounting rights
    zhao.qiang / zhao.qiang  service agent 赵强 of the after-sale team
    portal.xinbeidou / portal.xinbeidou  张伟 of 深圳市鑫北斗软件开发有限公司 (customer portal, /my/tickets)
MSG
}
