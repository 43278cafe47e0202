# rasd - one non-recursive GNU Makefile.
#   make            build build/rasd
#   make run        install missing Debian packages, build, code the bundled example
#   make test       every test; ends with "N passed, N failed"  (SAN=address,undefined)
#   make eval       precision/recall/F1 against ../shared/dev/gold.jsonl
#   make bench      throughput and memory on ../shared/corpus
#   make fuzz       libFuzzer targets for a short time (FUZZ_SECONDS=60)
#   make fuzz-slow  the slow-input fuzzer, inputs up to 1 MB (SLOW_SECONDS=600)

SHARED      ?= ../shared
BUILD       ?= build
CC          ?= cc
SAN         ?=
WERROR      ?= $(if $(CI),-Werror,)
OPT         ?= -O2

DEB_PACKAGES := build-essential pkg-config libsqlite3-dev xz-utils python3
PKGS        := sqlite3
# store: SHA-256 of articles (src/store/hash.c)
DEB_PACKAGES += nettle-dev
DEB_PACKAGES += tmux # tests/cli/test_review.sh drives the review queue in a terminal
DEB_PACKAGES += liblinear-dev # the learned scorer (src/learn/); no pkg-config file
LEARN_LIBS   := -llinear
PKGS        += nettle
# feeds: web pages and feeds (libxml2, iconv), fetching (libcurl), raw pages kept compressed (zlib)
DEB_PACKAGES += libxml2-dev libcurl4-openssl-dev zlib1g-dev
PKGS        += libxml-2.0 libcurl zlib
# serve (issue 16): the dashboard's server, and node/npm to build its page
# (Debian's, unless a node with npm is installed already)
DEB_PACKAGES += libmicrohttpd-dev curl $(if $(shell command -v npm 2>/dev/null),,nodejs npm)
PKGS        += libmicrohttpd

WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wvla -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral $(WERROR)
SANFLAGS := $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all,)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lnettle) $(LEARN_LIBS)
CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS   ?= $(OPT) -g
CFLAGS   += $(WARN) $(SANFLAGS) -MMD -MP
LDFLAGS  += $(SANFLAGS)
LDLIBS   += $(PKG_LIBS) -lpthread -lm

ifneq ($(SAN),)
BUILD := $(BUILD)/san
endif

LIB_SRC  := $(wildcard src/core/*.c src/text/*.c src/lex/*.c src/extract/*.c src/store/*.c)
LIB_SRC  += $(wildcard src/web/*.c src/fetch/*.c)
LIB_SRC  += $(wildcard src/learn/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB      := $(BUILD)/librasd.a
RASD     := $(BUILD)/rasd

.PHONY: all deps run test unit eval bench bench-store fuzz fuzz-slow golden-update clean format
all: $(RASD)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# serve: src/serve/ on top of the library (like cli/), with the page built
# from web-ui/ by esbuild and compiled in (tools/embed_assets.py), so the
# binary runs offline. npm ci runs only when web-ui/node_modules is missing.
SERVE_SRC := $(wildcard src/serve/*.c)
SERVE_OBJ := $(SERVE_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/assets_data.o
WEBUI_IN  := $(wildcard web-ui/src/*) web-ui/index.html web-ui/build.mjs web-ui/package-lock.json \
             data/syria-admin1.geojson
web-ui/node_modules:
	cd web-ui && npm ci --no-audit --no-fund --loglevel=error
$(BUILD)/web-ui/index.html: $(WEBUI_IN) | web-ui/node_modules
	node web-ui/build.mjs $(BUILD)/web-ui
$(BUILD)/gen/assets_data.c: $(BUILD)/web-ui/index.html tools/embed_assets.py
	@mkdir -p $(dir $@)
	python3 tools/embed_assets.py $(BUILD)/web-ui $@
$(BUILD)/obj/gen/assets_data.o: $(BUILD)/gen/assets_data.c src/serve/serve.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/serve $(OPT) -c $< -o $@

$(RASD): $(CLI_OBJ) $(SERVE_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(SERVE_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

# make install / uninstall / lib (librasd.so, rasd.pc): mk/install.mk
include mk/install.mk
# make sqlite-ext (build/rasd.so, the SQLite loadable extension): mk/sqlite.mk
include mk/sqlite.mk

# Install the Debian packages the build and the tests need, when missing.
deps:
	@missing=""; for p in $(DEB_PACKAGES) $(EXTRA_DEB); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "rasd: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: deps
	@$(MAKE) --no-print-directory all
	$(RASD) extract --format table --published 2025-03-18 --source "rasd example" examples/report-deir-ez-zor.txt
	$(RASD) extract --format table examples/articles.jsonl
	@rm -f $(BUILD)/example.db $(BUILD)/example.db-wal $(BUILD)/example.db-shm
	@$(RASD) ingest -q --db $(BUILD)/example.db --published 2025-03-18 --source "rasd example" \
		examples/report-deir-ez-zor.txt
	@$(RASD) ingest -q --db $(BUILD)/example.db examples/articles.jsonl
	@echo "rasd: the dashboard on the example database:  $(RASD) serve --db $(BUILD)/example.db"
	@echo "      then open http://127.0.0.1:8080/ in a browser (Ctrl-C stops the server)"

test: deps
	@$(MAKE) --no-print-directory all $(TEST_BIN) $(BENCH_BIN)
	@RASD=$(RASD) BUILD=$(BUILD) SHARED=$(SHARED) sh tests/run.sh

eval: all
	$(RASD) eval $(SHARED)/dev/gold.jsonl

# Benchmarks: bench/*.c are small programs linked with the library.
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@RASD=$(RASD) BUILD=$(BUILD) SHARED=$(SHARED) sh bench/bench.sh
	@$(MAKE) --no-print-directory bench-store

# The store at a million events (bench/store_scale.sh; the database is
# built once into build/bench-store/, a few minutes).
bench-store: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@RASD=$(RASD) GROW=$(BUILD)/bench/store_grow SHARED=$(SHARED) RASD_BENCH_STORE=$(BUILD)/bench-store \
		sh bench/store_scale.sh

# libFuzzer targets (clang): fuzz/fuzz_*.c, each linked with the library
# sources built with the fuzzer's instrumentation. Static pattern rules make
# the objects targets in their own right, not intermediates that make
# deletes after linking, and -MMD tracks the headers (fuzz_jsonl.c also
# includes src/cli/common.c): a second `make fuzz` compiles only what
# changed since the first.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZ_SRC     := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN     := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
$(FUZZ_LIB_OBJ): build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) -std=c11 -MMD -MP -c $< -o $@
$(FUZZ_BIN): build/fuzz/%: fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
		-MMD -MP -MF $@.d -MT $@ -o $@ $< $(FUZZ_LIB_OBJ) $(LDLIBS)
fuzz: deps
	@$(MAKE) --no-print-directory EXTRA_DEB=clang deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh $(FUZZ_BIN)

# make fuzz-slow: the slow-input fuzzers (issue 12), fuzz/slow_*.c, one
# after another (SLOW_TARGETS=slow_html for one), inputs up to 1 MB, each for
# SLOW_SECONDS (default 600; SLOW_SKIP=SEED... leaves seeds out); fails on an
# input that costs more than 20x the average per byte or passes libFuzzer's
# -timeout. Built at -O2 without the sanitizers and with edge counters only
# (no comparison tracing, which costs string-heavy code most), so that
# costs compare. Not in make test.
SLOW_SECONDS ?= 600
SLOW_SRC     := $(wildcard fuzz/slow_*.c)
SLOW_TARGETS ?= $(SLOW_SRC:fuzz/%.c=%)
SLOW_BIN     := $(SLOW_SRC:fuzz/%.c=build/fuzz/%)
SLOW_FLAGS   := -g -O2 -fsanitize-coverage=inline-8bit-counters,pc-table -fno-omit-frame-pointer
SLOW_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz-slow/obj/%.o)
$(SLOW_LIB_OBJ): build/fuzz-slow/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(SLOW_FLAGS) -std=c11 -MMD -MP -c $< -o $@
$(SLOW_BIN): build/fuzz/%: fuzz/%.c $(SLOW_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) -g -O2 -fsanitize=fuzzer -std=c11 \
		-MMD -MP -MF $@.d -MT $@ -o $@ $< $(SLOW_LIB_OBJ) $(LDLIBS)
fuzz-slow: deps
	@$(MAKE) --no-print-directory EXTRA_DEB=clang deps
	@$(MAKE) --no-print-directory $(SLOW_TARGETS:%=build/fuzz/%)
	@SLOW_SECONDS=$(SLOW_SECONDS) SLOW_SKIP="$(SLOW_SKIP)" sh fuzz/run_slow.sh $(SLOW_TARGETS:%=build/fuzz/%)

# The default learned model, data/model.txt, trained on the shared gold
# (docs/learn.md): the same gold and rules give the same bytes. Run it
# again whenever the rules change (their names and outputs are features).
MODEL_GOLD := $(SHARED)/dev/gold.jsonl $(SHARED)/dev/web.jsonl $(SHARED)/dev/web2.jsonl \
	$(SHARED)/dev/ant-extra.jsonl
.PHONY: model
model: all
	$(RASD) train --data data -o data/model.txt $(MODEL_GOLD)

golden-update: all
	@RASD=$(RASD) SHARED=$(SHARED) sh tests/golden/update.sh

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) include/rasd.h

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(SERVE_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BIN:=.d) \
	$(SLOW_LIB_OBJ:.o=.d) $(SLOW_BIN:=.d)
