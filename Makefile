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
PACKAGES := libelf-dev pkg-config gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib python3 qemu-system-arm valgrind

# CI turns compiler warnings into errors (read in Package.swift).
ifeq ($(CI),true)
export ARMSIM_WERROR := 1
endif

.PHONY: all deps build firmware demo test unit-test firmware-test translation-check cross-check compiler-check bench clean difftest difftest-ci difftest-deps

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
test: unit-test firmware-test translation-check ci-check difftest-ci fuzz-ci cross-check compiler-check

## cross-check: every firmware on QEMU (microbit for M0, mps2-an386 for M4) must give the
## same output and exit status as its reference, as armsim does (firmware/README.md).
cross-check: deps firmware
	$(MAKE) -C firmware check-qemu

## translation-check: every shipped firmware build gives the same report, stdout and exit
## status with translated blocks as with the interpreter alone (docs/hot-loop.md).
translation-check: build firmware
	$(PYTHON) firmware/tools/translation_check.py --armsim $(ARMSIM) --jobs 2

## compiler-check: the test programs built with clang (-O0/-Os/-O2/-O3) and gcc (-O0/-Os/-O3)
## for microbit-v1 and mps2-an386 must run on armsim exactly as on QEMU (firmware/README.md).
compiler-check: build firmware
	$(PYTHON) firmware/tools/compiler_matrix.py --armsim $(ARMSIM)

unit-test: deps firmware
	$(SWIFT) test

firmware-test: build firmware
	$(MAKE) -C firmware check ARMSIM=$(abspath $(ARMSIM))

## bench: armsim's speed against QEMU (TCG and -icount shift=0) on the same ELFs: the CPU
## loop (M0 and M4 builds of bench-long), the kws int8 model, --profile; start-up time and
## peak RSS (1 MiB image); median of RUNS runs; PASS/FAIL per target (docs/performance.md).
##   make bench [RUNS=3] [BENCH_ARGS="--json bench.json --strict"]
## Exits 0 when a target is missed (a measurement) unless BENCH_ARGS has --strict.
# The prerequisite that builds $(ARMSIM); empty to measure an armsim built elsewhere:
#   make bench BENCH_BUILD= ARMSIM=.build-bench/release/armsim
RUNS ?= 5
BENCH_ARGS ?=
BENCH_BUILD ?= build
bench: $(BENCH_BUILD) firmware
	$(PYTHON) firmware/tools/bench.py --armsim $(ARMSIM) --runs $(RUNS) $(BENCH_ARGS)

## difftest: differential testing against Unicorn, at least N executed instructions per
## class (make difftest N=1000000 [DIFFTEST_CLASSES=v6m-alu,v6m-branch] [SEED=7]); docs/difftest.md.
N ?= 1000000
SEED ?= 1
DIFFTEST_CLASSES ?= v6m,t2
# The prerequisite that builds $(ARMSIM); empty to test an armsim built elsewhere:
#   make difftest DIFFTEST_BUILD= ARMSIM=.build-difftest/release/armsim
DIFFTEST_BUILD ?= build
DIFFTEST := $(PYTHON) firmware/tools/difftest/difftest.py --armsim $(ARMSIM)
difftest: $(DIFFTEST_BUILD) difftest-deps
	$(DIFFTEST) --classes $(DIFFTEST_CLASSES) --instructions $(N) --seed $(SEED)

## difftest-ci: a bounded, seeded sample of every class, ARMv6-M and Cortex-M4 (about 40 s on 2 cores).
DIFFTEST_CI_N ?= 100000
DIFFTEST_CI_SEED ?= 20240601
DIFFTEST_CI_CLASSES ?= v6m,t2
difftest-ci: $(DIFFTEST_BUILD) difftest-deps
	$(DIFFTEST) --classes $(DIFFTEST_CI_CLASSES) --instructions $(DIFFTEST_CI_N) --seed $(DIFFTEST_CI_SEED) --jobs 2

## difftest-deps: the oracle (PyPI unicorn) and numpy (optional, makes the harness faster).
difftest-deps:
	@$(PYTHON) -c "import unicorn" 2>/dev/null || $(PYTHON) -m pip install -q unicorn
	@$(PYTHON) -c "import numpy" 2>/dev/null || $(PYTHON) -m pip install -q numpy || true

clean:
	rm -rf .build
	$(MAKE) -C firmware clean

## ci-check: the CI gate on the shipped firmware (armsim check, docs/ci.md): kws and digits
## on nano33 and pico, bench-small on microbit-v1 and generic-m4, exitcode; compares with the
## committed baselines in ci/baselines/ (exit 2 on a regression, 1 on a failed run). A change
## to the cycle model that shifts cycles must come with `make ci-baselines` in the same review.
## Reports go to $(CI_REPORTS)/ (JUnit, Markdown, JSON).
CI_MANIFEST ?= ci/armsim.json
CI_REPORTS ?= .build/ci-reports
.PHONY: ci-check ci-baselines ci-expected
ci-check: build firmware
	@mkdir -p $(CI_REPORTS)
	$(ARMSIM) check --manifest $(CI_MANIFEST) --junit $(CI_REPORTS)/armsim-check.xml \
	  --markdown $(CI_REPORTS)/armsim-check.md --json $(CI_REPORTS)/armsim-check.json

## ci-baselines: rewrite ci/baselines/ from a fresh run (review the diff before committing).
ci-baselines: build firmware
	$(ARMSIM) check --manifest $(CI_MANIFEST) --update

## ci-expected: regenerate ci/expected/ (expected stdout) from the Python references.
ci-expected:
	$(PYTHON) firmware/reference/nn_model.py --model kws > ci/expected/kws.txt
	$(PYTHON) firmware/reference/nn_digits.py --variant int8 > ci/expected/digits.txt
	$(PYTHON) firmware/reference/bench.py --iterations 8 > ci/expected/bench-small.txt
	$(PYTHON) firmware/reference/exitcode.py > ci/expected/exitcode.txt

## fuzz: mutation fuzzing of `armsim run` over the shipped ELFs (firmware/tools/fuzz/fuzz.py):
## make fuzz FUZZ_SECONDS=3600 [FUZZ_SEED=7]. Findings go to firmware/tools/fuzz/corpus/.
# The prerequisite that builds $(ARMSIM); empty to fuzz an armsim built elsewhere:
#   make fuzz FUZZ_BUILD= ARMSIM=.build-difftest/release/armsim
FUZZ_SECONDS ?= 600
FUZZ_SEED ?=
FUZZ_BUILD ?= build
FUZZ := $(PYTHON) firmware/tools/fuzz/fuzz.py --armsim $(ARMSIM)
.PHONY: fuzz fuzz-ci
fuzz: $(FUZZ_BUILD) firmware
	$(FUZZ) --seconds $(FUZZ_SECONDS) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

## fuzz-ci: replay the corpus, then 30 s of seeded fuzzing (needs the firmware built).
fuzz-ci: $(FUZZ_BUILD) firmware
	$(FUZZ) --replay firmware/tools/fuzz/corpus
	$(FUZZ) --seconds 30 --seed 20240601
