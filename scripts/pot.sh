#!/usr/bin/env bash
# `make pot`: regenerate each addon's i18n/<addon>.pot from a database where it is installed
# (the test database by default: run `make test` first, or set CRM_POT_DB).
source "$(dirname "$0")/lib.sh"
setup_all
db=${CRM_POT_DB:-$TEST_DB}
for addon in $(repo_addons | tr ',' ' '); do
    say "Exporting $addon terms from $db"
    mkdir -p "$ROOT/addons/$addon/i18n"
    # Odoo 11 only writes .po names; without a language the file is the template.
    odoo_run -d "$db" --i18n-export="$RUN_DIR/$addon.po" \
        --modules="$addon" --stop-after-init --log-level=warn
    mv "$RUN_DIR/$addon.po" "$ROOT/addons/$addon/i18n/$addon.pot"
done
