#!/usr/bin/env bash
# Builds the seed corpora in fuzz/corpus/<target>/ from Resurs's documented
# example messages (../shared/resurs-v4/examples, skipped with a message when
# absent) and from the WSDLs: the project's wsdl/ and ../shared/resurs-v4.
# Nothing here is committed (corpus/ is ignored); run it before fuzzing.
set -euo pipefail
cd "$(dirname "$0")"
root=..
examples=$root/../shared/resurs-v4/examples
corpus=corpus
mkdir -p "$corpus/request" "$corpus/response" "$corpus/fault" "$corpus/wsdl"

if [ -d "$examples" ]; then
  for f in "$examples"/*.xml; do
    name=$(basename "$f")
    case "$name" in
      *.request*) cp "$f" "$corpus/request/$name" ;;
      *) cp "$f" "$corpus/response/$name" ;;
    esac
    # The fault target wraps its input in Envelope/Body: seed it with the
    # documented Body contents (the fault and the answers).
    case "$name" in
      *.request*) ;;
      *) python3 - "$f" "$corpus/fault/$name" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<(\w+):Body>(.*)</\1:Body>", text, re.S)
if m:
    body = m.group(2)
    if m.group(1) != "soap":
        body = body.replace(m.group(1) + ":", "soap:")
    open(sys.argv[2], "w", encoding="utf-8").write(body)
PY
      ;;
    esac
  done
else
  echo "seed.sh: $examples not found: no documented messages in the corpus" >&2
fi

# A bundle: the WSDL, then every schema under its folder as `--- path`.
bundle() {
  local dir=$1 wsdl=$2 out=$3
  {
    cat "$dir/$wsdl"
    (cd "$dir" && find schemas -name '*.xsd' 2>/dev/null | sort) | while read -r xsd; do
      printf '\n--- %s\n' "$xsd"
      cat "$dir/$xsd"
    done
  } >"$out"
}
for w in "$root"/wsdl/*.wsdl; do
  bundle "$root/wsdl" "$(basename "$w")" "$corpus/wsdl/project-$(basename "$w")"
done
for d in "$root"/../shared/resurs-v4/*/; do
  for w in "$d"*.wsdl; do
    [ -f "$w" ] && bundle "$d" "$(basename "$w")" "$corpus/wsdl/shared-$(basename "$w")"
  done
done
for t in request response fault wsdl; do
  echo "seed.sh: $(find "$corpus/$t" -type f | wc -l) seeds for $t"
done
