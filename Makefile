# Two commands on a fresh machine: `make run` (set up, start the app) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: setup run test browser clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: the CPU build on disk, not several GB of CUDA packages.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	touch $@

run: setup
	$(PY) -m compileall -q assistant  # bytecode cached even where PYTHONDONTWRITEBYTECODE is set: each `ipqa` starts sooner
	$(VENV)/bin/ipqa index
	$(VENV)/bin/streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

# Chromium for the browser tests, and a CJK font so the registry's Chinese names render (not as boxes).
browser:
	@test -x /usr/bin/chromium -a -d /usr/share/fonts/opentype/noto || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

test: setup browser
	$(VENV)/bin/python -m pytest
	$(VENV)/bin/ipqa eval
	$(VENV)/bin/ipqa eval --check

clean:
	rm -rf $(VENV) index/chroma* .pytest_cache
