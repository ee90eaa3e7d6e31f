# armsim: the two commands a fresh machine needs are `make demo` and `make test`.
# Both install what is missing (Debian packages, only when absent), build the
# simulator in release mode and the firmware under firmware/, then run.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
ARMSIM := .build/release/armsim
DEMO_BOARD ?= nano33

# Debian packages the build needs: libelf for ELF loading, the Arm cross
# toolchain and newlib (with librdimon, semihosting) for the firmware.
PACKAGES := libelf-dev pkg-config gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi python3

# CI turns compiler warnings into errors (read in Package.swift).
ifeq ($(CI),true)
export ARMSIM_WERROR := 1
endif

.PHONY: all deps build firmware demo test unit-test firmware-test bench clean difftest difftest-ci difftest-deps

all: build firmware

## deps: install the Debian packages that are missing (needs root or sudo).
deps:
	@missing=""; for package in $(PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; \
	fi
	@$(PYTHON) -c "import numpy" 2>/dev/null || $(PYTHON) -m pip install -q numpy

## build: the simulator, optimised.
build: deps
	$(SWIFT) build -c release --product armsim

## firmware: every example/test program for every board (firmware/build/).
firmware: deps
	$(MAKE) -C firmware -j2

## demo: run the hello firmware and an int8 keyword-spotting model on a board.
demo: build firmware
	@echo "== armsim run firmware/build/$(DEMO_BOARD)/hello.elf --board $(DEMO_BOARD)"
	$(ARMSIM) run firmware/build/$(DEMO_BOARD)/hello.elf --board $(DEMO_BOARD)
	@echo "== armsim run firmware/build/$(DEMO_BOARD)/kws.elf --board $(DEMO_BOARD) --skip 1"
	$(ARMSIM) run firmware/build/$(DEMO_BOARD)/kws.elf --board $(DEMO_BOARD) --skip 1

## test: unit tests (Swift Testing), then every firmware on every board against its Python reference.
test: unit-test firmware-test

unit-test: deps firmware
	$(SWIFT) test

firmware-test: build firmware
	$(MAKE) -C firmware check ARMSIM=$(abspath $(ARMSIM))

## bench: simulated MIPS on the benchmark loop (median of several runs).
bench: build firmware
	$(PYTHON) firmware/tools/bench.py --armsim $(ARMSIM)

## difftest: differential testing against Unicorn, at least N executed instructions per
## class (make difftest N=1000000 [DIFFTEST_CLASSES=v6m-alu,v6m-branch] [SEED=7]); docs/difftest.md.
N ?= 1000000
SEED ?= 1
DIFFTEST_CLASSES ?= v6m
# The prerequisite that builds $(ARMSIM); empty to test an armsim built elsewhere:
#   make difftest DIFFTEST_BUILD= ARMSIM=.build-difftest/release/armsim
DIFFTEST_BUILD ?= build
DIFFTEST := $(PYTHON) firmware/tools/difftest/difftest.py --armsim $(ARMSIM)
difftest: $(DIFFTEST_BUILD) difftest-deps
	$(DIFFTEST) --classes $(DIFFTEST_CLASSES) --instructions $(N) --seed $(SEED)

## difftest-ci: a bounded, seeded sample of every class (about a minute on 2 cores).
DIFFTEST_CI_N ?= 500000
DIFFTEST_CI_SEED ?= 20240601
difftest-ci: $(DIFFTEST_BUILD) difftest-deps
	$(DIFFTEST) --classes $(DIFFTEST_CLASSES) --instructions $(DIFFTEST_CI_N) --seed $(DIFFTEST_CI_SEED) --jobs 2

## difftest-deps: the oracle (PyPI unicorn) and numpy (optional, makes the harness faster).
difftest-deps:
	@$(PYTHON) -c "import unicorn" 2>/dev/null || $(PYTHON) -m pip install -q unicorn
	@$(PYTHON) -c "import numpy" 2>/dev/null || $(PYTHON) -m pip install -q numpy || true

clean:
	rm -rf .build
	$(MAKE) -C firmware clean
