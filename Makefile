# The project's commands; scripts/ does the work. See README.md.
.PHONY: demo serve stop lint test test-odoo test-upgrade test-wheels test-prod quick-test bench pot preflight dist readme

demo:
	@bash scripts/demo.sh

# The demo database served as in production: prefork workers and the job runner.
serve:
	@bash scripts/serve.sh

# Stop what the scripts started: servers of make demo / make serve, the embedded PostgreSQL.
stop:
	@bash scripts/stop.sh

# pylint-odoo with OCA's 11.0 configuration (.pylintrc); also the first step of make test.
lint:
	@bash scripts/lint.sh

test:
	@bash scripts/test.sh $(ARGS)

# Odoo's own test runner: the host's suites with and without our addons, and our tests.
test-odoo:
	@bash scripts/test-odoo.sh

# Part of a full make test: the last release updated to this checkout, nothing lost.
test-upgrade:
	@bash scripts/test-upgrade.sh

# Part of a full make test: the wheels installed with pip, the addons installed from them.
test-wheels:
	@bash scripts/test-wheels.sh

# What is missing on this machine, one line each, and how to get it.
preflight:
	@bash -c 'source scripts/lib.sh && preflight test && echo "preflight: nothing missing"'

# The addons as wheels (odoo11-addon-*) in dist/, built from setup/ by setuptools-odoo.
dist:
	@bash scripts/dist.sh

# Regenerate each addon's README.rst from its readme/ fragments.
readme:
	@bash scripts/readme.sh

# Developer loop: update the addons in place in the test database and run ARGS with pytest.
quick-test:
	@bash scripts/quick-test.sh $(ARGS)

bench:
	@bash scripts/bench.sh

# Regenerate every addon's i18n/<addon>.pot from the test database.
pot:
	@bash scripts/pot.sh

# Production conditions: prefork workers, the job runner, two servers, a killed server.
test-prod:
	@bash scripts/test-prod.sh $(ARGS)
