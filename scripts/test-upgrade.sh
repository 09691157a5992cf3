#!/usr/bin/env bash
# The upgrade test of `make test`: install the last released state of the addons (the last
# line of setup/releases.txt: its tag, else its commit) with demo data, make history with the
# release's own actions (scripts/upgrade_data.py: handover, contacts, co-owner, grading run,
# grade lock, pool, ticket, merge), update it in place (-u) to this checkout's addons, and
# fail when the update logs an ERROR or WARNING of ours, leaves an addon below its version,
# loses data (every stored field our addons define, row by row) or keeps record rules that
# differ from a fresh install (scripts/upgrade_check.py). The installed release is cached as
# a template database while the release, the requirements and upgrade_data.py are unchanged.
source "$(dirname "$0")/lib.sh"
setup_all test
ADDONS=$(repo_addons)
read -r tag commit versions <<<"$(grep -v '^#' "$ROOT/setup/releases.txt" | tail -n1)"
if git -C "$ROOT" rev-parse -q --verify "refs/tags/$tag^{commit}" >/dev/null; then
    release=$(git -C "$ROOT" rev-parse "refs/tags/$tag^{commit}")
elif git -C "$ROOT" cat-file -e "$commit^{commit}" 2>/dev/null; then
    release=$commit
else
    die "the release $tag ($commit) is neither a tag nor a commit of this clone: fetch them (git fetch --tags, or git fetch --unshallow in a shallow clone)"
fi
[ "$release" = "$commit" ] || die "tag $tag is $release, setup/releases.txt says $commit"
short=${release:0:10}
old=$RUN_DIR/release-$short
if [ ! -d "$old/addons" ]; then
    say "Extracting the addons of $tag ($short) into $old"
    rm -rf "$old.tmp" && mkdir -p "$old.tmp"
    git -C "$ROOT" archive "$release" addons | tar -x -C "$old.tmp"
    mv "$old.tmp" "$old"
fi
OLD_CONF=$RUN_DIR/odoo-release.conf
write_odoo_conf "$ROOT/odoo.conf" "$OLD_CONF" "$old/addons"
old_addons=$(cd "$old/addons" && ls -d */__manifest__.py | cut -d/ -f1 | paste -sd,)
template=${TEST_DB}_release_${short}_$( (requirement_set_hash runtime; cat "$ROOT/scripts/upgrade_data.py") | sha1sum | cut -c1-8)
db=${TEST_DB}_upgrade
rm -f "$LOG_DIR/upgrade-release-install.log" "$LOG_DIR/upgrade-update.log"

if ! db_exists "$template"; then
    for stale in $(psql -XAtc "SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB}_release_%'"); do
        psql -Xqc "DROP DATABASE \"$stale\""
    done
    psql -Xqc "DROP DATABASE IF EXISTS \"${template}_building\""
    rm -rf "$RUN_DIR/filestore/filestore/${template}_building"
    say "Installing $old_addons of $tag with demo data (cached as $template)"
    "${ODOO_BIN[@]}" -c "$OLD_CONF" -d "${template}_building" -i "$old_addons" --stop-after-init \
        --max-cron-threads=0 --log-level=warn --logfile="$LOG_DIR/upgrade-release-install.log" \
        || die "installing $tag failed: see $LOG_DIR/upgrade-release-install.log"
    say "Making history with the actions of $tag (scripts/upgrade_data.py)"
    "$VENV/bin/python" "$ROOT/scripts/upgrade_data.py" -c "$OLD_CONF" -d "${template}_building" \
        >"$LOG_DIR/upgrade-data.log" 2>&1 || { tail -n 20 "$LOG_DIR/upgrade-data.log" >&2;
        die "making the data with $tag failed: see $LOG_DIR/upgrade-data.log"; }
    psql -Xqc "ALTER DATABASE \"${template}_building\" RENAME TO \"$template\""
    [ -d "$RUN_DIR/filestore/filestore/${template}_building" ] && \
        mv "$RUN_DIR/filestore/filestore/${template}_building" "$RUN_DIR/filestore/filestore/$template"
else
    say "Reusing $template ($tag installed with demo data)"
fi
clone_db "$template" "$db"

"$VENV/bin/python" "$ROOT/scripts/upgrade_check.py" snapshot "$db" "$old_addons" "$RUN_DIR/upgrade-before.json"
say "Updating $db from $tag to this checkout (-u $ADDONS)"
started=$(date +%s)
odoo_run -d "$db" -u "$ADDONS" --stop-after-init --max-cron-threads=0 --log-level=info \
    --logfile="$LOG_DIR/upgrade-update.log" || die "the update failed: see $LOG_DIR/upgrade-update.log"
say "  updated in $(( $(date +%s) - started )) s"
# Dependencies the checkout's addons have and the release's had not: the update installs them
# (check_log explains why their names may appear in "Unmet dependencies" lines meanwhile).
added=$("$VENV/bin/python" - "$ROOT/addons" "$old/addons" ${ADDONS//,/ } <<'PY'
import ast, os, sys
def depends(folder, addon):
    path = os.path.join(folder, addon, '__manifest__.py')
    return set(ast.literal_eval(open(path).read()).get('depends', [])) if os.path.exists(path) else set()
new, old, addons = sys.argv[1], sys.argv[2], sys.argv[3:]
print('|'.join(sorted(set().union(*(depends(new, a) - depends(old, a) for a in addons)) - set(addons))))
PY
)
check_log "$LOG_DIR/upgrade-update.log" "$added"
# Every addon at this checkout's version: an update that stopped half way leaves older ones.
for addon in ${ADDONS//,/ }; do
    want=$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/addons/$addon/__manifest__.py")
    have=$(psql -d "$db" -XAtc "SELECT state || ' ' || latest_version FROM ir_module_module WHERE name = '$addon'")
    [ "$have" = "installed $want" ] || die "$addon is '$have' after the update, not 'installed $want'"
done
"$VENV/bin/python" "$ROOT/scripts/upgrade_check.py" snapshot "$db" "$ADDONS" "$RUN_DIR/upgrade-after.json"
failed=0
"$VENV/bin/python" "$ROOT/scripts/upgrade_check.py" compare "$RUN_DIR/upgrade-before.json" \
    "$RUN_DIR/upgrade-after.json" || failed=1
# Record rules are noupdate data: an update keeps the old ones unless a migration reloads
# them. Compared with a fresh install of this checkout (make test's test database).
fresh=${CRM_FRESH_DB:-$TEST_DB}
if db_exists "$fresh"; then
    "$VENV/bin/python" "$ROOT/scripts/upgrade_check.py" security "$fresh" "$db" "$ADDONS" || failed=1
else
    say "No fresh install ($fresh) to compare the record rules with: make test makes one"
fi
[ "$failed" = 0 ] || die "the update lost or left stale data: see above ($db is kept to look at)"
psql -Xqc "DROP DATABASE \"$db\""
rm -rf "$RUN_DIR/filestore/filestore/$db"
say "The update from $tag keeps every record"
