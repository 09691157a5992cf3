#!/usr/bin/env bash
# `make bench`: a database of its own with every addon (no demo data) and generated data, then
# the measurements of tests/bench: a table on the terminal and tests/bench/results/latest.json.
#
#   SCALE=small|large   data size (default small: 2,000 customers, 20,000 invoices)
#   BENCH_SEED=42       seed of the generated data (same seed, same data)
#   BENCH_REPEAT=7      timed runs per measurement (the median and p95 are reported)
#   BENCH_ONLY=a,b      run only these measurements
#   CRM_BENCH_DB=name   database (default crm360_bench_$SCALE)
#   BENCH_PREPARE_ONLY=1  prepare the database and stop (make test-prod uses it)
#   BENCH_UPDATE=0      skip the timing of an update in place (metric module_update)
#   BENCH_LOAD=0        skip the load test (scripts/load.sh: LOAD_WORKERS, LOAD_USERS...)
#
# The generated database is kept and reused while the scale, the seed, the addons and the
# generator are unchanged (generating SCALE=large takes several minutes); the measurements
# themselves never change it.
source "$(dirname "$0")/lib.sh"
SCALE=${SCALE:-small}
SEED=${BENCH_SEED:-42}
case "$SCALE" in small|large|tiny) ;; *) die "SCALE must be small or large (not '$SCALE')" ;; esac
setup_all test
ADDONS=$(repo_addons)
[ -n "$ADDONS" ] || die "no addon found under $ROOT/addons"
# The host installs no chart of accounts on a company without a country: the benchmark needs
# one for its invoices, so it installs the generic chart with the addons.
INSTALL="$ADDONS,l10n_generic_coa"
BENCH_DB=${CRM_BENCH_DB:-crm360_bench_$SCALE}
hash=$(addons_hash)
generator_hash=$(cat "$ROOT"/tests/bench/generator*.py | sha1sum | cut -c1-10)
# What the data depends on. The addons' code is tracked apart (crm_bench.addons_hash): when only
# that changed, the addons are updated in place instead of generating everything again.
fingerprint="scale=$SCALE seed=$SEED generator=$generator_hash addons=$ADDONS"
template=crm360_bench_tpl_$hash
RUN=("$VENV/bin/python" "$ROOT/tests/bench/run.py" -c "$ODOO_CONF" -d "$BENCH_DB" --scale "$SCALE" --seed "$SEED")

bench_param() {  # a crm_bench.* parameter of the bench database, empty when there is none
    psql -d "$BENCH_DB" -XAtc "SELECT value FROM ir_config_parameter WHERE key = 'crm_bench.$1'" \
        2>/dev/null || true
}
current=""
db_exists "$BENCH_DB" && current=$(bench_param fingerprint)

if [ "$current" = "$fingerprint" ]; then
    if [ "$(bench_param addons_hash)" != "$hash" ]; then
        say "The addons changed: updating $ADDONS in $BENCH_DB in place"
        odoo_run -d "$BENCH_DB" -u "$ADDONS" --stop-after-init --log-level=warn \
            --logfile="$LOG_DIR/bench-update.log" --max-cron-threads=0
        psql -d "$BENCH_DB" -Xqc "UPDATE ir_config_parameter SET value = '$hash'
                                   WHERE key = 'crm_bench.addons_hash'"
    fi
    settle_pending_modules "$BENCH_DB"
    say "Reusing $BENCH_DB ($fingerprint)"
else
    if ! db_exists "$template"; then
        for old in $(psql -XAtc "SELECT datname FROM pg_database WHERE datname LIKE 'crm360_bench_tpl_%'"); do
            psql -Xqc "DROP DATABASE \"$old\""
        done
        say "Installing $INSTALL without demo data into $template"
        odoo_run -d "$template" -i "$INSTALL" --without-demo=all --stop-after-init \
            --log-level=warn --logfile="$LOG_DIR/bench-install.log" --max-cron-threads=0
        wanted=$(echo "$INSTALL" | tr ',' '\n' | wc -l)
        installed=$(psql -d "$template" -XAtc "SELECT count(*) FROM ir_module_module
            WHERE state = 'installed' AND name = ANY(string_to_array('$INSTALL', ','))")
        if [ "$installed" != "$wanted" ]; then
            psql -Xqc "DROP DATABASE \"$template\""
            die "installing $INSTALL failed: see $LOG_DIR/bench-install.log"
        fi
        settle_pending_modules "$template"
    fi
    say "Creating $BENCH_DB from $template and generating SCALE=$SCALE data (seed $SEED)"
    psql -Xqc "DROP DATABASE IF EXISTS \"$BENCH_DB\""
    psql -Xqc "CREATE DATABASE \"$BENCH_DB\" TEMPLATE \"$template\""
    rm -rf "$RUN_DIR/filestore/filestore/$BENCH_DB"
    [ -d "$RUN_DIR/filestore/filestore/$template" ] && \
        cp -r "$RUN_DIR/filestore/filestore/$template" "$RUN_DIR/filestore/filestore/$BENCH_DB"
    "${RUN[@]}" --generate --fingerprint "$fingerprint" --addons-hash "$hash"
    say "Vacuuming and analyzing $BENCH_DB"
    psql -d "$BENCH_DB" -Xqc "VACUUM ANALYZE"
fi

[ -n "${BENCH_PREPARE_ONLY:-}" ] && exit 0

say "Measuring (SCALE=$SCALE)"
cd "$ROOT"
"${RUN[@]}" ${BENCH_REPEAT:+--repeat "$BENCH_REPEAT"} ${BENCH_ONLY:+--only "$BENCH_ONLY"}
[ -n "${BENCH_ONLY:-}" ] && exit 0

if [ "${BENCH_UPDATE:-1}" != 0 ]; then
    say "Timing an update in place (-u) of $ADDONS in $BENCH_DB"
    started=$(date +%s.%N)
    odoo_run -d "$BENCH_DB" -u "$ADDONS" --stop-after-init --log-level=warn \
        --logfile="$LOG_DIR/bench-module-update.log" --max-cron-threads=0
    seconds=$("$VENV/bin/python" -c "import time; print(time.time() - $started)")
    settle_pending_modules "$BENCH_DB"
    "$VENV/bin/python" "$ROOT/tests/bench/add_metric.py" module_update "$seconds" 180
fi
if [ "${BENCH_LOAD:-1}" != 0 ]; then
    CRM_BENCH_DB=$BENCH_DB SCALE=$SCALE bash "$ROOT/scripts/load.sh"
fi
