#!/usr/bin/env bash
# Fails when a package in Cargo.lock (any platform; normal, build and dev
# dependencies) declares a rust-version above the workspace's rust-version.
# Only one toolchain is installed here, so this computed check is the MSRV proof.
set -euo pipefail
cd "$(dirname "$0")/.."
declared=$(cargo metadata --format-version 1 --locked --no-deps |
  jq -r '[.packages[].rust_version | select(. != null)] | unique | .[]')
[ "$(printf '%s\n' "$declared" | wc -l)" = 1 ] || { echo "msrv: crates declare different rust-versions: $declared" >&2; exit 1; }
key() { awk -F. '{ printf "%03d%03d%03d\n", $1, $2, $3 }'; }
highest=$(cargo metadata --format-version 1 --locked |
  jq -r '.packages[] | select(.source != null and .rust_version != null) | "\(.rust_version) \(.name) \(.version)"' |
  while read -r rv name version; do printf '%s %s %s %s\n' "$(printf '%s' "$rv" | key)" "$rv" "$name" "$version"; done |
  sort -r | head -n 1)
read -r _ needed name version <<<"$highest"
echo "msrv: declared $declared; highest locked requirement $needed ($name $version)"
if [ "$(printf '%s' "$needed" | key)" -gt "$(printf '%s' "$declared" | key)" ]; then
  echo "msrv: $name $version needs Rust $needed, above the declared rust-version $declared" >&2
  exit 1
fi
