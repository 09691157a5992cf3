#!/usr/bin/env bash
# `make stop`: stop what the scripts of this checkout started and left running: the servers
# of `make demo` and `make serve` (their pid files in .run/) and the embedded PostgreSQL
# cluster (CRM_PG_DIR, .run/pg by default). A PostgreSQL server of your own (PGHOST or
# odoo.conf's db_host) is never touched. `make demo` starts the cluster again.
source "$(dirname "$0")/lib.sh"
stopped=0
for pidfile in "$RUN_DIR"/server-*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # Only a process that is still our server: a pid may have been reused since.
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'scripts/odoo-bin'; then
        port=${pidfile##*/server-}
        say "Stopping the Odoo server $pid (port ${port%.pid})"
        kill -TERM "$pid"
        for _i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
done
if [ -n "$(external_db_host)" ]; then
    say "PostgreSQL is a server of your own ($(external_db_host)): left running"
else
    pgbin=${CRM_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
    for pg_root in "${CRM_PG_DIR:-$RUN_DIR/pg}" "$(fallback_pg_dir)"; do
        [ -f "$pg_root/data/PG_VERSION" ] || continue
        if as_pg "$pgbin/pg_ctl" -D "$pg_root/data" status >/dev/null 2>&1; then
            say "Stopping the embedded PostgreSQL cluster in $pg_root"
            as_pg "$pgbin/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null
            stopped=$((stopped + 1))
        fi
    done
fi
[ "$stopped" -gt 0 ] || say "Nothing of this checkout was running"
