#!/usr/bin/env bash
# `make test`: pylint-odoo (make lint); install every addon with demo data (from a cached
# template database when the addons and requirements have not changed) and without, check
# both install logs and an in-place update, the READMEs and translations; without arguments,
# the upgrade from the last release and the install from the wheels; then run every test with
# pytest but the production tests (make test-prod runs those against real servers). Extra
# arguments go to pytest (and skip the upgrade and wheel tests).
source "$(dirname "$0")/lib.sh"
setup_all test
# First, as it takes seconds: pylint-odoo with OCA's 11.0 configuration.
bash "$ROOT/scripts/lint.sh"
ADDONS=$(repo_addons)
hash=$(addons_hash)
template=${TEST_DB}_tpl_$hash

if ! db_exists "$template"; then
    for old in $(psql -XAtc "SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB}_tpl_%'"); do
        psql -Xqc "DROP DATABASE \"$old\""
    done
    # Built under another name and renamed only when every check passed, so that a failed
    # build is never reused as the template.
    building=${TEST_DB}_building
    # Odoo appends to a log file: a failed build's lines must not fail this one.
    rm -f "$LOG_DIR/install-demo.log" "$LOG_DIR/update.log" "$LOG_DIR/install-nodemo.log"
    psql -Xqc "DROP DATABASE IF EXISTS \"$building\""
    rm -rf "$RUN_DIR/filestore/filestore/$building"
    say "Installing $ADDONS with demo data into $building"
    odoo_run -d "$building" -i "$ADDONS" --load-language=zh_CN --stop-after-init \
        --log-level=info --logfile="$LOG_DIR/install-demo.log" --max-cron-threads=0
    check_log "$LOG_DIR/install-demo.log"
    settle_pending_modules "$building"
    say "Updating $ADDONS in place"
    odoo_run -d "$building" -u "$ADDONS" --stop-after-init --log-level=info \
        --logfile="$LOG_DIR/update.log" --max-cron-threads=0
    check_log "$LOG_DIR/update.log"
    settle_pending_modules "$building"
    nodemo=${TEST_DB}_nodemo
    psql -Xqc "DROP DATABASE IF EXISTS \"$nodemo\""
    say "Installing $ADDONS without demo data into $nodemo"
    odoo_run -d "$nodemo" -i "$ADDONS" --without-demo=all --stop-after-init --log-level=info \
        --logfile="$LOG_DIR/install-nodemo.log" --max-cron-threads=0
    check_log "$LOG_DIR/install-nodemo.log"
    settle_pending_modules "$nodemo"
    psql -Xqc "DROP DATABASE \"$nodemo\""
    rm -rf "$RUN_DIR/filestore/filestore/$nodemo"
    psql -Xqc "ALTER DATABASE \"$building\" RENAME TO \"$template\""
    if [ -d "$RUN_DIR/filestore/filestore/$building" ]; then
        mv "$RUN_DIR/filestore/filestore/$building" "$RUN_DIR/filestore/filestore/$template"
    fi
else
    say "Reusing template $template (addons and requirements unchanged)"
fi

say "Creating test database $TEST_DB from $template"
clone_db "$template" "$TEST_DB"

say "Checking the translations"
"$VENV/bin/python" "$ROOT/scripts/po_check.py"
say "Checking each addon's README.rst against its readme/ fragments"
"$VENV/bin/python" "$ROOT/scripts/readme.py" --check $(repo_addons | tr ',' '\n' | sed "s|^|$ROOT/addons/|")

# A full run (no pytest arguments) also updates the last release to this checkout and
# installs the addons from their wheels; a targeted run skips both.
if [ $# -eq 0 ]; then
    bash "$ROOT/scripts/test-upgrade.sh"
    bash "$ROOT/scripts/test-wheels.sh"
else
    say "Pytest arguments given: skipping the upgrade and wheel tests (make test-upgrade, make test-wheels)"
fi

say "Running the tests"
cd "$ROOT"
export CRM_ODOO_CONF=$ODOO_CONF CRM_TEST_DB=$TEST_DB CRM_VENV=$VENV
exec "$VENV/bin/python" -m pytest -p no:warnings -p no:cacheprovider \
    --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" ${@:-addons tests --ignore=tests/production}
