#!/usr/bin/env bash
# `make demo`: a database with every addon and demo data, English and Simplified Chinese,
# served on http://127.0.0.1:$CRM_HTTP_PORT until Ctrl-C.
source "$(dirname "$0")/lib.sh"
setup_all
ADDONS=$(repo_addons)
hash=$(addons_hash)
stamp=$RUN_DIR/demo-$DEMO_DB.hash
if ! db_exists "$DEMO_DB"; then
    say "Creating database $DEMO_DB with $ADDONS and demo data (a few minutes the first time)"
    odoo_run -d "$DEMO_DB" -i "$ADDONS" --load-language=zh_CN --stop-after-init \
        --logfile="$LOG_DIR/demo-install.log"
    echo "$hash" > "$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
    say "The addons changed: updating $DEMO_DB"
    odoo_run -d "$DEMO_DB" -u "$ADDONS" --stop-after-init --logfile="$LOG_DIR/demo-update.log"
    echo "$hash" > "$stamp"
fi
cat <<MSG

  Odoo is at http://127.0.0.1:$HTTP_PORT  (database $DEMO_DB; Ctrl-C stops it)
  Logins (user / password):
    admin    / admin     administrator, sales manager
    li.ming  / li.ming   salesperson 李明 (interface in Simplified Chinese)
    wang.fang / wang.fang  sales manager 王芳 with invoicing rights (Simplified Chinese)
    anna     / anna      salesperson Anna Schmidt, no accounting rights

MSG
exec "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" \
    --http-interface=127.0.0.1 --http-port="$HTTP_PORT"
