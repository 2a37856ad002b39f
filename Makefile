# Stance Atlas. `make serve` and `make test` are the two commands a new
# machine needs; both install whatever is missing first (scripts/setup.sh).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

.PHONY: setup serve build dataset eval test test-native test-data test-e2e bench bench-extract bench-twice bench-app fuzz clean

setup:
	@bash scripts/setup.sh

## serve: install what is missing, build the release app, serve it on http://127.0.0.1:8080
serve: setup
	trunk serve --release

## build: the release app in dist/ (works from any static file server)
build: setup
	trunk build --release

## dataset: regenerate data/dataset.json from the articles in data/articles/: the extractor's
## events, each scored by the verifier, split at the threshold of data/model/confirm.toml
dataset:
	cargo run --release -q -p atlas-verify --bin atlas-confirm -- -o data/dataset.json data/articles

## eval: precision and recall of the dataset (the events shown, and the rules alone) and of the
## learned verifier on the labelled dev and frozen test splits, candidate recall, labeller
## agreement, the dev curve behind data/model/confirm.toml, then why the false facts are false
## (counts only)
eval:
	node scripts/eval/mentions.mjs dev test agreement
	cargo run --release -q -p atlas-verify --example threshold -- --check
	cargo run --release -q -p atlas-verify --example eval -- dev
	cargo run --release -q -p atlas-verify --example eval -- test
	node scripts/eval/facts.mjs dev
	node scripts/eval/facts.mjs test
	node scripts/eval/errors.mjs dev test

## test: every test: native Rust, data files, then the browser tests on the release build
test: setup test-native test-data build test-e2e

test-native:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace

test-data:
	node --test tests/data/

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## bench: extraction throughput, then the app's size and speed in headless Chromium, also
## built over twice today's corpus (target/bench-2x)
bench: setup bench-extract build bench-twice bench-app

bench-extract:
	cargo run --release -q -p atlas-extract --example bench

bench-twice:
	cargo run --release -q -p atlas-model --example double -- data/dataset.json target/bench-2x
	ATLAS_DATASET=target/bench-2x/dataset.json trunk build --release --dist target/bench-2x/dist

bench-app:
	node tests/e2e/bench.mjs

## fuzz: run the extractor's fuzz target for a minute (needs nightly and cargo-fuzz), on inputs
## up to the 4 MiB size cap, failing any one that takes more than 20 seconds
fuzz:
	cd crates/extract/fuzz && cargo +nightly fuzz run extract -- -max_total_time=60 -max_len=4194304 -timeout=20

clean:
	cargo clean
	rm -rf dist tests/e2e/artifacts
