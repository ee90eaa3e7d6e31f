# armsim: the two commands a fresh machine needs are `make demo` and `make test`.
# Both install what is missing (Debian packages, only when absent), build the
# simulator in release mode and the firmware under firmware/, then run.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
ARMSIM := .build/release/armsim
DEMO_BOARD ?= microbit-v1

# Debian packages the build needs: libelf for ELF loading, the Arm cross
# toolchain and newlib (with librdimon, semihosting) for the firmware.
PACKAGES := libelf-dev pkg-config gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi python3

# CI turns compiler warnings into errors (read in Package.swift).
ifeq ($(CI),true)
export ARMSIM_WERROR := 1
endif

.PHONY: all deps build firmware demo test unit-test firmware-test bench clean

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

## build: the simulator, optimised.
build: deps
	$(SWIFT) build -c release --product armsim

## firmware: every example/test program for every board (firmware/build/).
firmware: deps
	$(MAKE) -C firmware -j2

## demo: run the hello firmware and the benchmark on a board.
demo: build firmware
	@echo "== armsim run firmware/build/$(DEMO_BOARD)/hello.elf --board $(DEMO_BOARD)"
	$(ARMSIM) run firmware/build/$(DEMO_BOARD)/hello.elf --board $(DEMO_BOARD)
	@echo "== armsim run firmware/build/$(DEMO_BOARD)/bench-small.elf --board $(DEMO_BOARD)"
	$(ARMSIM) run firmware/build/$(DEMO_BOARD)/bench-small.elf --board $(DEMO_BOARD)

## test: unit tests (Swift Testing), then every firmware on every board against its Python reference.
test: unit-test firmware-test

unit-test: deps firmware
	$(SWIFT) test

firmware-test: build firmware
	$(MAKE) -C firmware check ARMSIM=$(abspath $(ARMSIM))

## bench: simulated MIPS on the benchmark loop (median of several runs).
bench: build firmware
	$(PYTHON) firmware/tools/bench.py --armsim $(ARMSIM)

clean:
	rm -rf .build
	$(MAKE) -C firmware clean
