#!/usr/bin/env bash
# `make readme`: write each addon's README.rst from its readme/ fragments and manifest
# (`make test` fails while one is out of date).
source "$(dirname "$0")/lib.sh"
ensure_venv
cd "$ROOT" && "$VENV/bin/python" scripts/readme.py $(repo_addons | tr ',' '\n' | sed 's|^|addons/|')
