.PHONY: setup demo test lint bench

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/privacy-probe demo

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	cd hooks && npx --no-install tsc --noEmit -p .

test: setup lint
	.venv/bin/python -m pytest -q

bench: setup
	for b in benchmarks/*.py; do echo "== $$b"; .venv/bin/python $$b; done
