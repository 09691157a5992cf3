#!/usr/bin/env bash
# `make serve`: the demo database served as in production (odoo-prod.conf): prefork HTTP
# workers, a cron worker, the long-polling process and queue_job's job runner, with Odoo's
# default time and memory limits, on http://127.0.0.1:$CRM_HTTP_PORT until Ctrl-C.
#
#   CRM_WORKERS=4            HTTP workers (odoo-prod.conf's workers by default)
#   CRM_LONGPOLLING_PORT     port of the long-polling process (default: HTTP port + 3)
#   CRM_SERVE_DB=name        database to serve (default: the demo database, built if missing)
source "$(dirname "$0")/lib.sh"
setup_all
PROD_CONF=$RUN_DIR/odoo-prod.conf
write_odoo_conf "$ROOT/odoo-prod.conf" "$PROD_CONF"
DB=${CRM_SERVE_DB:-$DEMO_DB}
[ "$DB" = "$DEMO_DB" ] && ensure_demo_db
db_exists "$DB" || die "no database $DB"
settle_pending_modules "$DB"
args=(-c "$PROD_CONF" -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1
      --http-port="$HTTP_PORT" --longpolling-port="${CRM_LONGPOLLING_PORT:-$((HTTP_PORT + 3))}"
      --logfile="${CRM_SERVE_LOG:-$LOG_DIR/serve-$HTTP_PORT.log}")
[ -n "${CRM_WORKERS:-}" ] && args+=(--workers="$CRM_WORKERS")
cat <<MSG

  Odoo (prefork, job runner) is at http://127.0.0.1:$HTTP_PORT  (database $DB; Ctrl-C stops it)
  Log: ${CRM_SERVE_LOG:-$LOG_DIR/serve-$HTTP_PORT.log}
$( [ "$DB" = "$DEMO_DB" ] && demo_logins )

MSG
# The job runner reads its channels from the [queue_job] section of the config file; it
# calls this server's own /queue_job/runjob, so every host of a cluster runs its own jobs.
export ODOO_QUEUE_JOB_PORT=$HTTP_PORT ODOO_QUEUE_JOB_HOST=127.0.0.1
# exec keeps this shell's pid: `make stop` finds the server by it.
echo $$ > "$RUN_DIR/server-$HTTP_PORT.pid"
exec "${ODOO_BIN[@]}" "${args[@]}"
