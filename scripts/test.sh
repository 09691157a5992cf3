#!/usr/bin/env bash
# `make test`: install every addon with demo data (from a cached template database when the
# addons and requirements have not changed) and without, check both install logs and an
# in-place update, then run every test with pytest. Extra arguments go to pytest.
source "$(dirname "$0")/lib.sh"
setup_all test
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
psql -Xqc "DROP DATABASE IF EXISTS \"$TEST_DB\""
psql -Xqc "CREATE DATABASE \"$TEST_DB\" TEMPLATE \"$template\""
rm -rf "$RUN_DIR/filestore/filestore/$TEST_DB"
[ -d "$RUN_DIR/filestore/filestore/$template" ] && \
    cp -r "$RUN_DIR/filestore/filestore/$template" "$RUN_DIR/filestore/filestore/$TEST_DB"

say "Checking the translations"
"$VENV/bin/python" "$ROOT/scripts/po_check.py"

say "Running the tests"
cd "$ROOT"
export CRM_ODOO_CONF=$ODOO_CONF CRM_TEST_DB=$TEST_DB CRM_VENV=$VENV
exec "$VENV/bin/python" -m pytest -p no:warnings -p no:cacheprovider \
    --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" ${@:-addons tests --ignore=tests/production}
