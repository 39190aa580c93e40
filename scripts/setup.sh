#!/usr/bin/env bash
# Installs what building (and with `test`, testing) Lentera needs: only what is missing,
# only from package registries (crates.io, npm, Debian). Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14   # the newest trunk that builds with this machine's Rust 1.95
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi

if ! has_version trunk "$TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION, the version in Cargo.lock"
  # --locked can name a dependency the registry mirror lacks; then resolve afresh.
  cargo install --locked "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" ||
    cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ ! -f node_modules/.lentera-installed ] || [ package-lock.json -nt node_modules/.lentera-installed ]; then
  step "installing npm dev dependencies from package-lock.json (wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund
  touch node_modules/.lentera-installed
fi

if [ "${1:-}" = "test" ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  step "installing Debian's chromium and chromium-driver for browser tests"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium chromium-driver
fi

if [ "${1:-}" = "test" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  step "installing Debian's PostgreSQL server for the tests on the second engine"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql
fi

# Trunk builds offline, so crates must already be here.
cargo fetch --locked >/dev/null
