# The project's commands; scripts/ does the work. See README.md.
.PHONY: demo serve test test-prod quick-test bench pot

demo:
	@bash scripts/demo.sh

# The demo database served as in production: prefork workers and the job runner.
serve:
	@bash scripts/serve.sh

test:
	@bash scripts/test.sh $(ARGS)

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
