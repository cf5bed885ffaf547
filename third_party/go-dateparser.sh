#!/usr/bin/env bash
# Rebuilds third_party/go-dateparser from the upstream module: its non-test
# sources, with the two start-up patches described in go-dateparser/REDLINE.md.
# Usage: bash third_party/go-dateparser.sh [version]   (from the module root)
set -euo pipefail
version=${1:-v1.4.7}
mod=github.com/markusmobius/go-dateparser
src=$(go mod download -json "$mod@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "go-dateparser.sh: cannot download $mod@$version" >&2; exit 1; }
dst=third_party/go-dateparser
keep=$(mktemp) && cp "$dst/REDLINE.md" "$keep" 2>/dev/null || true
rm -rf "$dst" && mkdir -p "$dst"
(cd "$src" && find . -path ./scripts -prune -o -path ./testdata -prune -o -type f \
	\( -name '*.go' ! -name '*_test.go' -o -name '*.json' -path './internal/*' \) -print) |
	while read -r f; do mkdir -p "$dst/$(dirname "$f")" && cp "$src/$f" "$dst/$f"; done
cp "$src/LICENSE" "$src/LICENSE_dateparser.txt" "$src/UPSTREAM.md" "$dst/"
chmod -R u+w "$dst"
[ -s "$keep" ] && cp "$keep" "$dst/REDLINE.md"; rm -f "$keep"

# Only the requirements of the packages redline builds; the re2 build (tags
# re2_wasm/re2_cgo) is not used.
rm "$dst/internal/regexp/regexp-re2.go"
dateutil=$(sed -n 's/^[[:space:]]*github.com\/markusmobius\/go-dateutil\/v2 \(v[^ ]*\).*/\1/p' "$src/go.mod")
text=$(sed -n 's/^[[:space:]]*golang.org\/x\/text \(v[^ ]*\).*/\1/p' "$src/go.mod")
printf 'module %s\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/markusmobius/go-dateutil/v2 %s\n\tgolang.org/x/text %s\n)\n' \
	"$mod" "$dateutil" "$text" >"$dst/go.mod"

# Patch 1: patterns compile on first use.
git apply --directory="$dst" third_party/patches/go-dateparser-lazy-regexp.patch

# Patch 2: locale tables are built on first use, in the order their init
# functions ran (file name order, as the go command sorts them).
data=$dst/internal/data
files=$(cd "$data" && LC_ALL=C ls -- *.go | grep -v '^0')
{
	printf '// Patch for redline (see ../../REDLINE.md): the locale tables are built on first use.\n\n'
	printf 'package data\n\nimport "sync"\n\nvar localesOnce sync.Once\n\n'
	printf '// initLocales builds every locale in the order Go ran the init functions it\n'
	printf '// replaces (file name order), so a child locale still merges a built parent.\n'
	printf 'func initLocales() {\n\tlocalesOnce.Do(func() {\n'
	for f in $files; do printf '\t\tinitLocale_%s()\n' "$(basename "$f" .go | tr - _)"; done
	printf '\t})\n}\n'
} >"$data/06-lazy-locales.go"
for f in $files; do
	sed -i "s/^func init() {/func initLocale_$(basename "$f" .go | tr - _)() {/" "$data/$f"
done
sed -i 's/^func GetLocaleData(locale string) (\*LocaleData, bool) {$/&\n\tinitLocales()/' "$data/00-locale-data.go"
grep -q '^	initLocales()$' "$data/00-locale-data.go" || { echo "go-dateparser.sh: GetLocaleData not found" >&2; exit 1; }
gofmt -l "$dst" | grep . && { echo "go-dateparser.sh: patched sources are not gofmt-clean" >&2; exit 1; }
echo "third_party/go-dateparser: $mod $version, patched"
