#!/usr/bin/env bash
# `make lint`, also the first step of `make test`: pylint-odoo over the addons with OCA's 11.0
# configuration (.pylintrc); any message fails. pylint runs from a virtual environment of its
# own (requirements-lint.txt), created on the first run and reused while the pins are unchanged.
source "$(dirname "$0")/lib.sh"
LINT_VENV=${CRM_LINT_VENV:-$RUN_DIR/lint-venv}

ensure_lint_venv() {
    local stamp="$LINT_VENV/.requirements.sha" want log=$LOG_DIR/pip-lint.log
    want=$(sha1sum "$ROOT/requirements-lint.txt" | cut -c1-40)
    [ -x "$LINT_VENV/bin/pylint" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return
    if [ ! -x "$LINT_VENV/bin/python" ]; then
        say "Creating the lint environment in $LINT_VENV"
        "$(find_python37)" -m venv "$LINT_VENV"
    fi
    say "Installing requirements-lint.txt"
    "$LINT_VENV/bin/pip" install --disable-pip-version-check -q -r "$ROOT/requirements-lint.txt" \
        >"$log" 2>&1 || { tail -n 20 "$log" >&2; die "pip could not install the lint requirements: see $log"; }
    echo "$want" > "$stamp"
}

ensure_lint_venv
addons=()
for addon in $(repo_addons | tr ',' ' '); do addons+=("addons/$addon"); done
say "pylint-odoo (.pylintrc) over ${addons[*]##*/}"
cd "$ROOT"
# pylint's exit status is non-zero when it printed any message (or failed itself).
if ! "$LINT_VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" "${addons[@]}"; then
    die "pylint-odoo reported the messages above: fix them (a disable only with a comment saying why)"
fi
say "pylint-odoo: no message"
