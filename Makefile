# The project's commands; scripts/ does the work. See README.md.
.PHONY: demo test quick-test bench pot

demo:
	@bash scripts/demo.sh

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
