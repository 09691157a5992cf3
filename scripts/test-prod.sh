#!/usr/bin/env bash
# `make test-prod`: the addons as production runs them. A database with generated data
# (the benchmark's SCALE=small, prepared once and cached like the benchmark's), then
# tests/production with real Odoo servers on 127.0.0.1: prefork workers, the job runner and
# Odoo's default limits (odoo-prod.conf); two servers on one database; a server killed in the
# middle of a run. Extra arguments go to pytest.
source "$(dirname "$0")/lib.sh"
setup_all test
say "Preparing the generated data (SCALE=small)"
DATA_DB=${CRM_PROD_DATA_DB:-crm360_prod_data}
CRM_BENCH_DB=$DATA_DB SCALE=small BENCH_PREPARE_ONLY=1 bash "$ROOT/scripts/bench.sh"
PROD_DB=${CRM_PROD_DB:-crm360_prod}
say "Copying $DATA_DB into $PROD_DB"
psql -Xqc "DROP DATABASE IF EXISTS \"$PROD_DB\""
psql -Xqc "CREATE DATABASE \"$PROD_DB\" TEMPLATE \"$DATA_DB\""
rm -rf "$RUN_DIR/filestore/filestore/$PROD_DB"
[ -d "$RUN_DIR/filestore/filestore/$DATA_DB" ] && \
    cp -r "$RUN_DIR/filestore/filestore/$DATA_DB" "$RUN_DIR/filestore/filestore/$PROD_DB"
settle_pending_modules "$PROD_DB"
PROD_CONF=$RUN_DIR/odoo-prod.conf
write_odoo_conf "$ROOT/odoo-prod.conf" "$PROD_CONF"
say "Running the production tests"
cd "$ROOT"
export CRM_PROD_DB=$PROD_DB CRM_PROD_CONF=$PROD_CONF CRM_VENV_PYTHON=$VENV/bin/python
export PATH="$NODE_DIR/node_modules/.bin:$PATH"
"$VENV/bin/python" -m pytest -p no:warnings -p no:cacheprovider -p no:odoo \
    --rootdir="$ROOT/tests/production" "$ROOT/tests/production" "$@"
