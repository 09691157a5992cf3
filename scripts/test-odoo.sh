#!/usr/bin/env bash
# `make test-odoo`: the tests as OCA's CI and administrators run them, with Odoo's own runner
# (`-i`/`-u ... --test-enable --stop-after-init`), not pytest-odoo:
#   1. the host alone: the host addons ours depend on, with demo data, then `-u base` with
#      the tests of the host suites (base, sale, crm, account, mail by default);
#   2. a copy of the same database plus our addons installed with `-i ... --test-enable`
#      (their own tests, at install and post install, as OCA's CI does), then the host
#      suites again (beside 1, in parallel);
# and fails when our addons' tests fail or a host test fails that passed in 1.
#
#   CRM_ODOO_SUITES=base,sale  the host suites to run (default base,sale,crm,account,mail)
#   CRM_ODOO_TEST_PORT         HTTP ports of the two test servers: this one and the next
#                              (default: CRM_HTTP_PORT + 1)
source "$(dirname "$0")/lib.sh"
setup_all test
OURS=$(repo_addons)
SUITES=${CRM_ODOO_SUITES:-base,sale,crm,account,mail}
# The host addons our addons depend on (their manifests' depends, without ours and the OCA addons queue_job and report_xlsx).
HOST=crm,sale_management,account_invoicing,contacts,portal,rating,resource
PORT=${CRM_ODOO_TEST_PORT:-$((HTTP_PORT + 1))}
# Keyed on the run-time requirements: they make the host.
template=${TEST_DB}_odoo_host_$(requirement_set_hash runtime | cut -c9-18)
host_db=${TEST_DB}_odoo_host
ours_db=${TEST_DB}_odoo_ours
run_tests() {  # LOG PORT MODULES ODOO-ARGS...: Odoo's runner, the tests of MODULES only
    local log=$1 port=$2 modules=$3 started
    shift 3
    rm -f "$log"
    started=$(date +%s)
    CRM_TEST_MODULES=$modules odoo_run "$@" --test-enable --stop-after-init --log-level=info \
        --max-cron-threads=0 --http-port="$port" --logfile="$log" || true
    say "  ${log##*/}: $(( $(date +%s) - started )) s"
}

if ! db_exists "$template"; then
    for old in $(psql -XAtc "SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB}_odoo_host_%'"); do
        psql -Xqc "DROP DATABASE \"$old\""
    done
    say "Installing the host addons ($HOST) with demo data into $template"
    psql -Xqc "DROP DATABASE IF EXISTS \"${template}_building\""
    rm -rf "$RUN_DIR/filestore/filestore/${template}_building"
    odoo_run -d "${template}_building" -i "$HOST" --stop-after-init --log-level=warn \
        --max-cron-threads=0 --logfile="$LOG_DIR/odoo-host-install.log" \
        || die "installing the host addons failed: see $LOG_DIR/odoo-host-install.log"
    psql -Xqc "ALTER DATABASE \"${template}_building\" RENAME TO \"$template\""
    if [ -d "$RUN_DIR/filestore/filestore/${template}_building" ]; then
        mv "$RUN_DIR/filestore/filestore/${template}_building" "$RUN_DIR/filestore/filestore/$template"
    fi
fi
clone_db "$template" "$host_db"
clone_db "$template" "$ours_db"
# The two databases are independent: the host alone runs beside ours (two cores, two
# single-threaded Odoo processes), each with its test HTTP server on a port of its own.
say "Host alone: -u base, tests of $SUITES (in the background)"
run_tests "$LOG_DIR/odoo-tests-host.log" "$((PORT + 1))" "$SUITES" -d "$host_db" -u base &
host_run=$!
say "Our addons: -i $OURS with their tests"
run_tests "$LOG_DIR/odoo-tests-ours.log" "$PORT" "$OURS" -d "$ours_db" -i "$OURS"
say "With our addons: -u base, tests of $SUITES"
run_tests "$LOG_DIR/odoo-tests-host-with-ours.log" "$PORT" "$SUITES" -d "$ours_db" -u base
wait "$host_run"

for db in "$host_db" "$ours_db"; do
    psql -Xqc "DROP DATABASE \"$db\""
    rm -rf "$RUN_DIR/filestore/filestore/$db"
done
"$VENV/bin/python" "$ROOT/scripts/odoo_test_report.py" \
    --baseline "$LOG_DIR/odoo-tests-host.log" \
    --compared "$LOG_DIR/odoo-tests-host-with-ours.log" \
    --own "$LOG_DIR/odoo-tests-ours.log" --own-modules "$OURS"
