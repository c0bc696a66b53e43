# `make run` and `make test` set up on first use what each needs, in .venv: `run` the app alone, `test`
# the test tools and the local LLM besides. Stamp files in .venv record what is installed, so a second
# `make run`, or a `make run` after `make test`, installs nothing.
VENV := .venv
PY := $(VENV)/bin/python
# --no-compile: pip would byte-compile all 19,000 modules of the 2 GB (torch's, every transformers
# model's); Python compiles the few thousand that run, once, on first import. 134 s instead of 390 s
# to install here (bench/RESULTS.md).
PIP := $(PY) -m pip install -q --prefer-binary --no-compile
APP := $(VENV)/.installed-app
TEST := $(VENV)/.installed-test
LLM := $(VENV)/.installed-llm
DEMO := data/demo/scio-heilongjiang-2024-04-26.txt
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# llama-cpp-python (the LLM extra) has no wheel and builds from source; the native build crashes on
# the first decode on these CPUs (the AMX code path).
LLAMA_BUILD := CMAKE_ARGS="-DGGML_NATIVE=OFF"

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test llm install clean

install: $(APP)

# torch first, pinned: the CPU build; unpinned, pip pulls a CUDA build of several GB.
$(APP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PIP) torch==2.13.0
	$(PIP) -e .
	touch $@

# The test extras include the LLM extra: the LLM tests run a real local model (about 6 minutes to build).
$(TEST): $(APP)
	$(LLAMA_BUILD) $(PIP) -e '.[test]'
	touch $@ $(LLM)

$(LLM): $(APP)
	$(LLAMA_BUILD) $(PIP) -e '.[llm]'
	touch $@

run: $(APP)
	$(VENV)/bin/podium ingest $(DEMO)
	$(VENV)/bin/podium serve

test: $(TEST) $(CHROMIUM)
	$(VENV)/bin/pytest

# The optional LLM answerer's packages (PODIUM_LLM=...; see the README).
llm: $(LLM)

# The browser tests drive Debian's chromium (Playwright's own browser download fails here).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) .podium
