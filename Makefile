# Lentera: `make run` starts the app with demo data; `make test` runs every test.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

PORT ?= 8080
DB ?= data/lentera.db
SERVER := target/release/lentera-server

.PHONY: run test setup setup-test app server build test-rust test-browser test-e2e size bench screenshots clean

## run: build everything (installing what is missing) and start the server at http://127.0.0.1:$(PORT)
run: build
	$(SERVER) --port $(PORT) --db $(DB) --dist dist

## test: every test — Rust unit and integration, browser (wasm-bindgen-test), end to end (Chromium)
test: setup-test test-rust test-browser build test-e2e
# A one-off build needs no incremental cache (~0.7 GB of target/ on a clean clone).
test: export CARGO_INCREMENTAL = 0

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh test

app: setup
	trunk build --release
	trunk build --release --config crates/console/Trunk.toml
	trunk build --release --config crates/console/develop/Trunk.toml
	trunk build --release --config crates/console/evaluate/Trunk.toml
	trunk build --release --config src/rencana/Trunk.toml
	trunk build --release --config src/kegiatan/Trunk.toml

server: setup
	cargo build --release --locked -p lentera-server

build: app server

## test-rust: the Rust suites; the server's API, fault and multi-process tests run on SQLite and,
## side by side, on a throwaway PostgreSQL cluster (scripts/with-postgres.sh)
test-rust: setup-test
	cargo test --locked -p lentera-protocol -p lentera-ui -p lentera-server -p lentera-console --no-run
	scripts/parallel.sh \
		"cargo test --locked -p lentera-protocol -p lentera-ui -p lentera-server -p lentera-console" \
		"scripts/with-postgres.sh cargo test --locked -p lentera-server --lib --test api --test fault --test cluster"
	cargo test --locked -p lentera --lib --features kegiatan

test-browser: setup-test
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=$$(command -v chromedriver) \
		cargo test --locked -p lentera --target wasm32-unknown-unknown --tests

test-e2e: setup-test build
	node --test --test-concurrency=1 tests/e2e/

## size: bytes of each first-load file, raw and brotli, against the 250 KB budget
size: app
	node scripts/size.mjs dist

## bench: median time from tapping a lesson offline to its text on screen (20 runs), then the sync
## figures of the release server: 10,000-event push, memory idle and under 1,000 learners, a 2,000-event pull,
## then login and health p95 in a burst of 200 logins and memory after 400,000 refused logins, then the
## SIASN export (CSV and ZIP) for 5,000 staff on both engines
bench: setup-test build
	node scripts/bench-lesson.mjs
	PG_EXTRA='-c fsync=on -c full_page_writes=on -c synchronous_commit=on' scripts/with-postgres.sh \
		cargo run --release --locked -p lentera-server --example bench_sync -- $(SERVER)
	PG_EXTRA="-c fsync=on -c full_page_writes=on" scripts/with-postgres.sh cargo run --release --locked -p lentera-server --example bench_dashboard
	cargo run --release --locked -p lentera-server --example bench_startup -- $(SERVER)
	scripts/with-postgres.sh cargo run --release --locked -p lentera-server --example bench_login -- $(SERVER)
	scripts/with-postgres.sh cargo run --release --locked -p lentera-server --example bench_siasn

## screenshots: every page at 360 px and 1280 px into target/screenshots/
screenshots: setup-test build
	node scripts/screenshots.mjs

clean:
	cargo clean
	rm -rf dist
