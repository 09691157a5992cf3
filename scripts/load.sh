#!/usr/bin/env bash
# The load test of `make bench` (also runnable alone): Locust's simulated salespeople and
# service agents against a server of odoo-prod.conf on 127.0.0.1, once per server size, with
# the benchmark's database. Results go into tests/bench/results/latest.json as load_* metrics.
#
#   LOAD_WORKERS="0 2 4"   HTTP worker counts to measure (0: one threaded process)
#   LOAD_USERS=50          simulated users, LOAD_SECONDS=60 per server size
#   CRM_BENCH_DB           the benchmark database (default crm360_bench_$SCALE)
source "$(dirname "$0")/lib.sh"
setup_all test
SCALE=${SCALE:-small}
DB=${CRM_BENCH_DB:-crm360_bench_$SCALE}
db_exists "$DB" || die "no database $DB: run make bench first"
LOCUST_VENV=${CRM_LOCUST_VENV:-$RUN_DIR/locust-venv}
if [ ! -x "$LOCUST_VENV/bin/locust" ]; then
    # Locust needs a newer Python than Odoo 11's 3.7: a virtualenv of its own.
    py=$(ls "$HOME"/.pyenv/versions/3.1[1-2].*/bin/python3 2>/dev/null | head -n1 || true)
    py=${CRM_LOCUST_PYTHON:-${py:-$(command -v python3.11 || command -v python3)}}
    say "Creating the Locust virtualenv in $LOCUST_VENV with $py"
    "$py" -m venv "$LOCUST_VENV"
    "$LOCUST_VENV/bin/pip" install --disable-pip-version-check -q -r "$ROOT/tests/load/requirements.txt"
fi
say "Preparing logins and tickets in $DB"
eval "$("$VENV/bin/python" "$ROOT/tests/load/prepare.py" -c "$ODOO_CONF" -d "$DB" | grep -E '^(SALES|AGENTS)=')"
PROD_CONF=$RUN_DIR/odoo-prod.conf
write_odoo_conf "$ROOT/odoo-prod.conf" "$PROD_CONF"
OUT=${CRM_BENCH_OUT:-$ROOT/tests/bench/results/latest.json}
[ -f "$OUT" ] || echo '{"metrics": {}}' > "$OUT"
report=()
port=${CRM_LOAD_PORT:-18069}
for workers in ${LOAD_WORKERS:-0 2 4}; do
    say "Load test: ${LOAD_USERS:-50} users for ${LOAD_SECONDS:-60} s, $workers HTTP workers"
    log=$LOG_DIR/load-w$workers.log
    rm -f "$log"
    ODOO_QUEUE_JOB_PORT=$port ODOO_QUEUE_JOB_HOST=127.0.0.1 setsid "${ODOO_BIN[@]}" \
        -c "$PROD_CONF" -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 \
        --http-port=$port --longpolling-port=$((port + 3)) --workers="$workers" \
        --max-cron-threads=0 --logfile="$log" &
    server=$!
    for _i in $(seq 1 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/web/login" && break
        sleep 1
    done
    LOAD_DB=$DB LOAD_SALES_LOGINS=$SALES LOAD_AGENT_LOGINS=$AGENTS \
        "$LOCUST_VENV/bin/locust" -f "$ROOT/tests/load/locustfile.py" --headless \
        --host "http://127.0.0.1:$port" -u "${LOAD_USERS:-50}" -r 10 \
        -t "${LOAD_SECONDS:-60}s" --csv "$RUN_DIR/load-w$workers" --only-summary \
        --stop-timeout 10 >"$LOG_DIR/locust-w$workers.log" 2>&1 || true
    kill -TERM -- "-$server" 2>/dev/null || kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    report+=("$workers" "$RUN_DIR/load-w${workers}_stats.csv")
done
"$VENV/bin/python" "$ROOT/tests/load/report.py" "$OUT" "${report[@]}"
