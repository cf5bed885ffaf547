#!/usr/bin/env bash
# Rebuilds third_party/colly from the upstream module: its non-test library
# sources, with the two patches described in colly/REDLINE.md.
# Usage: bash third_party/colly.sh [version]   (from the module root)
set -euo pipefail
version=${1:-v2.3.0}
mod=github.com/gocolly/colly/v2
src=$(go mod download -json "$mod@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "colly.sh: cannot download $mod@$version" >&2; exit 1; }
dst=third_party/colly
keep=$(mktemp) && cp "$dst/REDLINE.md" "$keep" 2>/dev/null || true
rm -rf "$dst" && mkdir -p "$dst"
# The library only: not the examples, nor the cmd/colly scaffolding tool.
(cd "$src" && find . \( -path ./_examples -o -path ./cmd \) -prune -o -type f -name '*.go' ! -name '*_test.go' -print) |
	while read -r f; do mkdir -p "$dst/$(dirname "$f")" && cp "$src/$f" "$dst/$f"; done
cp "$src/LICENSE.txt" "$src/go.mod" "$dst/"
chmod -R u+w "$dst"
[ -s "$keep" ] && cp "$keep" "$dst/REDLINE.md"; rm -f "$keep"

# Patch 1: no Collector.Appengine, so google.golang.org/appengine is not
# linked. go.mod stays upstream's, so the module graph does not change.
git apply --directory="$dst" third_party/patches/colly-no-appengine.patch
# Patch 2: a response body is read into a pooled buffer, not io.ReadAll.
git apply --directory="$dst" third_party/patches/colly-pooled-body.patch
gofmt -l "$dst" | grep . && { echo "colly.sh: patched sources are not gofmt-clean" >&2; exit 1; }
echo "third_party/colly: $mod $version, patched"
