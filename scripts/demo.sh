#!/usr/bin/env bash
# `make demo`: a database with every addon and demo data, English and Simplified Chinese,
# served on http://127.0.0.1:$CRM_HTTP_PORT by one process until Ctrl-C.
source "$(dirname "$0")/lib.sh"
setup_all
ensure_demo_db
cat <<MSG

  Odoo is at http://127.0.0.1:$HTTP_PORT  (database $DEMO_DB; Ctrl-C stops it, and
  make stop the embedded PostgreSQL too)
$(demo_logins)

MSG
# exec keeps this shell's pid: `make stop` finds the server by it.
echo $$ > "$RUN_DIR/server-$HTTP_PORT.pid"
exec "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" \
    --http-interface=127.0.0.1 --http-port="$HTTP_PORT"
