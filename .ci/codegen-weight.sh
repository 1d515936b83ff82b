#!/usr/bin/env bash
# The weight of generated code: lines of output, `cargo check` wall time and
# peak memory (max RSS of rustc) of a scratch crate holding it, for
#   resurs  generated/resurs.rs (serde on, as the root crate builds it)
#   axl     Cisco AXL 12.0 (ciscocucmapi 0.0.2 in the external manifest)
#   bing    the six Bing Ads v13 services in one run (bingads 13.0.30.1)
# AXL and Bing need `bash .ci/fetch-external-wsdl.sh` first (skipped when
# missing). Usage: .ci/codegen-weight.sh [case...]   (default: all three)
# Prints one markdown table row per case. Heavy (AXL alone needs ~1 min and
# several GB): not part of .ci/run. The timed check runs without RUSTC_WRAPPER
# (under sccache rustc is not a child of `time`, so its memory would be missed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(resurs axl bing)

ext="${SOAPGEN_EXTERNAL_DIR:-$root/target/external-wsdl}"
work="${CODEGEN_WEIGHT_DIR:-$root/target/codegen-weight}"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$work"

cargo build --quiet -p soap-codegen --features cli --bin soapgen
soapgen="$target/debug/soapgen"

# A scratch crate depending on soap-runtime by path; `features` are the runtime's.
scratch() {
  local dir=$1 features=$2
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<EOF
[package]
name = "weight-$(basename "$dir")"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
soap-runtime = { path = "$root/runtime", features = [$features] }

[workspace]
EOF
}

# Generates (unless resurs), then checks twice: the dependencies with an empty
# lib first, then the generated code alone, timed.
measure() {
  local name=$1 features=$2 source=$3
  local dir="$work/$name"
  scratch "$dir" "$features"
  : >"$dir/src/lib.rs"
  (cd "$dir" && CARGO_TARGET_DIR="$work/target" cargo check --quiet 2>/dev/null)
  {
    echo '#![allow(warnings)]'
    cat "$source"
  } >"$dir/src/lib.rs"
  local lines
  lines=$(wc -l <"$source")
  local log="$dir/time.log"
  (cd "$dir" && RUSTC_WRAPPER= CARGO_TARGET_DIR="$work/target" /usr/bin/time -v cargo check --quiet) 2>"$log" >/dev/null ||
    { echo "codegen-weight: $name does not type-check:" >&2; tail -30 "$log" >&2; return 1; }
  local secs kb
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  printf '| %s | %s | %.1f s | %s MB |\n' "$name" "$lines" "$secs" "$((kb / 1024))"
}

generate() {
  local out=$1
  shift
  "$soapgen" generate "$@" --out "$out" >/dev/null
}

echo "| case | lines | cargo check | peak memory |"
echo "| --- | ---: | ---: | ---: |"
for c in "${cases[@]}"; do
  case "$c" in
    resurs)
      measure resurs '"serde"' generated/resurs.rs
      ;;
    axl)
      dir="$ext/ciscocucmapi-0.0.2"
      if [ ! -d "$dir" ]; then echo "codegen-weight: $dir missing (fetch first)" >&2; continue; fi
      generate "$work/axl.rs" --allow-path "$dir" --wsdl "$dir/schema/12.0/AXLAPI.wsdl"
      measure axl '' "$work/axl.rs"
      ;;
    bing)
      dir="$ext/bingads-13.0.30.1"
      if [ ! -d "$dir" ]; then echo "codegen-weight: $dir missing (fetch first)" >&2; continue; fi
      args=(--allow-path "$dir")
      for s in adinsight bulk campaignmanagement customerbilling customermanagement reporting; do
        args+=(--wsdl "$dir/bingads/v13/proxies/production/${s}_service.xml")
      done
      generate "$work/bing.rs" "${args[@]}"
      measure bing '' "$work/bing.rs"
      ;;
    *)
      echo "codegen-weight: unknown case $c" >&2
      exit 2
      ;;
  esac
done
