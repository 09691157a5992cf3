#!/usr/bin/env bash
# Developer loop, not a check: update the addons in place in the existing test database
# (no template rebuild, no install-log checks) and run pytest with the given arguments.
# `make test` stays the real check. Example: make quick-test ARGS="addons/crm_grading -x"
source "$(dirname "$0")/lib.sh"
setup_all test
ADDONS=$(repo_addons)
db_exists "$TEST_DB" || die "no database $TEST_DB yet: run make test once"
say "Updating $ADDONS in place in $TEST_DB"
odoo_run -d "$TEST_DB" -u "$ADDONS" --stop-after-init --log-level=warn --max-cron-threads=0 \
    --logfile="$LOG_DIR/quick-update.log" || die "update failed: see $LOG_DIR/quick-update.log"
grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/quick-update.log" | grep -v 'Unmet dependencies' | tail -20 || true
settle_pending_modules "$TEST_DB"
cd "$ROOT"
export CRM_ODOO_CONF=$ODOO_CONF CRM_TEST_DB=$TEST_DB CRM_VENV=$VENV
exec "$VENV/bin/python" -m pytest -p no:warnings -p no:cacheprovider \
    --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" ${@:-addons tests --ignore=tests/production}
