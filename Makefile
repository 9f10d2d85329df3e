# ClerkApp developer tasks. `make run` and `make test` install what is missing first.
PY := .venv/bin/python
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test lint format typecheck imports check bench build translations untranslated clean

setup:
	bash tools/bootstrap.sh

run: setup
	QT_QPA_PLATFORM= $(PY) -m clerkapp

test: setup
	$(PY) -m pytest

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

typecheck: setup
	.venv/bin/mypy

imports: setup
	.venv/bin/lint-imports

check: lint typecheck imports test

bench: setup
	$(PY) -m benchmarks

build: setup
	bash tools/check_bundle.sh dist-bundle

translations: setup
	bash tools/update_translations.sh

# How many user-visible strings have no English translation yet (the goal: 0).
untranslated: setup
	$(PY) tools/untranslated.py --list

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
