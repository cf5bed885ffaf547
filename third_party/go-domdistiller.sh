#!/usr/bin/env bash
# Rebuilds third_party/go-domdistiller from the upstream module: its non-test
# sources, with the start-up patch described in go-domdistiller/REDLINE.md.
# Usage: bash third_party/go-domdistiller.sh [version]   (from the module root)
set -euo pipefail
version=${1:-v0.0.0-20240926050704-25b8d046ffb4}
mod=github.com/markusmobius/go-domdistiller
src=$(go mod download -json "$mod@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "go-domdistiller.sh: cannot download $mod@$version" >&2; exit 1; }
dst=third_party/go-domdistiller
keep=$(mktemp) && cp "$dst/REDLINE.md" "$keep" 2>/dev/null || true
rm -rf "$dst" && mkdir -p "$dst"
(cd "$src" && find . \( -path ./example -o -path ./scripts \) -prune -o -type f -name '*.go' ! -name '*_test.go' -print) |
	while read -r f; do mkdir -p "$dst/$(dirname "$f")" && cp "$src/$f" "$dst/$f"; done
cp "$src/LICENSE" "$src/LICENSE-boilerpipe.txt" "$src/LICENSE-domdistiller.txt" "$src/NOTICE-boilerpipe.txt" "$src/go.mod" "$dst/"
chmod -R u+w "$dst"
[ -s "$keep" ] && cp "$keep" "$dst/REDLINE.md"; rm -f "$keep"
# The same requirements as upstream, so the module graph does not change;
# the go line is raised for sync.OnceValue.
sed -i 's/^go .*/go 1.26.0/' "$dst/go.mod"

# The patch: the word counters' range tables are built on first use.
git apply --directory="$dst" third_party/patches/go-domdistiller-lazy-rangetables.patch
gofmt -l "$dst/internal/stringutil" | grep . && { echo "go-domdistiller.sh: patched sources are not gofmt-clean" >&2; exit 1; }
# Upstream's doc comments predate gofmt's comment layout (Go 1.19): format
# the copy, so the project's gofmt check covers it; only comments change.
gofmt -w "$dst"
echo "third_party/go-domdistiller: $mod $version, patched"
