#!/usr/bin/env bash
# Builds a scratch crate that uses soap-codegen only as a build-dependency and
# soap-runtime as its one dependency (both by path, default features), on
# codegen/tests/golden/service/service.wsdl, and asserts that neither clap nor
# h2 (HTTP/2) is in its dependency tree. Shares the workspace's target dir.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src" "$scratch/wsdl"
cp codegen/tests/golden/service/service.wsdl "$scratch/wsdl/"
cp Cargo.lock "$scratch/"
cat >"$scratch/Cargo.toml" <<TOML
[package]
name = "scratch-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
soap-runtime = { path = "$root/runtime" }

[build-dependencies]
soap-codegen = { path = "$root/codegen" }

[workspace]
TOML
cat >"$scratch/build.rs" <<'RS'
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?).join("service.rs");
    soap_codegen::Config::new()
        .wsdl("wsdl/service.wsdl")
        .out_file(&out)
        .generate()?;
    println!("cargo:rerun-if-changed=wsdl");
    Ok(())
}
RS
cat >"$scratch/src/lib.rs" <<'RS'
//! Compiles the generated client, server trait and dispatcher.
#![allow(missing_docs)]
include!(concat!(env!("OUT_DIR"), "/service.rs"));
RS
cd "$scratch"
cargo build --quiet
tree=$(cargo tree -e normal,build --prefix none)
for forbidden in clap h2; do
  if grep -q "^$forbidden v" <<<"$tree"; then
    echo "scratch-consumer: $forbidden is in the dependency tree:" >&2
    cargo tree -e normal,build -i "$forbidden" >&2
    exit 1
  fi
done
echo "scratch-consumer: built; $(sort -u <<<"$tree" | wc -l) crates, no clap, no h2"
