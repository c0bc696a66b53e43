# `make run` and `make test` set everything up on first use: a .venv with the project installed.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO := data/demo/scio-heilongjiang-2024-04-26.txt
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install clean

install: $(STAMP)

# torch first, pinned: it is the CPU build on this machine's disk; unpinned, pip pulls a CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	# llama-cpp-python (the LLM tests' local model) builds from source; the native build crashes on these CPUs.
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/podium ingest $(DEMO)
	$(VENV)/bin/podium serve

test: $(STAMP) $(CHROMIUM)
	$(VENV)/bin/pytest

# The browser tests drive Debian's chromium (Playwright's own browser download fails here).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) .podium
