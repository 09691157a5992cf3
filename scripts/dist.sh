#!/usr/bin/env bash
# `make dist`: one wheel per addon in dist/ (odoo11-addon-crm_customer360, ...), built by
# setuptools-odoo from setup/<addon>/ as OCA builds its wheels: name, version, summary, licence
# and dependencies come from the addon's manifest (other addons as odoo11-addon-<name>, the
# host as odoo>=11.0a,<11.1dev, external_dependencies as Python packages). An addon changed
# since the commit that last set its manifest version gets a version such as
# 11.0.1.3.0.99.dev2 (setuptools-odoo's git post-version), so an unreleased build never
# passes for the release.
source "$(dirname "$0")/lib.sh"
# Only the virtual environment: building wheels needs no database, browser or lessc.
ensure_venv test
DIST=${CRM_DIST_DIR:-$ROOT/dist}
mkdir -p "$DIST"
rm -f "$DIST"/odoo11_addon_*.whl
for addon in $(repo_addons | tr ',' ' '); do
    [ -f "$ROOT/setup/$addon/setup.py" ] \
        || die "setup/$addon is missing: add it as setup/README says"
    say "Building the wheel of $addon"
    (cd "$ROOT/setup/$addon" && "$VENV/bin/python" setup.py -q bdist_wheel -d "$DIST" \
        >"$LOG_DIR/dist-$addon.log" 2>&1) || { tail -n 20 "$LOG_DIR/dist-$addon.log" >&2; die "building $addon failed"; }
    rm -rf "$ROOT/setup/$addon/build" "$ROOT/setup/$addon"/*.egg-info
done
ls -1 "$DIST"/odoo11_addon_*.whl
