#!/usr/bin/env bash
# Rebuilds third_party/gomoji from the upstream module: its non-test
# sources, with the start-up patch described in gomoji/REDLINE.md.
# Usage: bash third_party/gomoji.sh [version]   (from the module root)
set -euo pipefail
version=${1:-v1.2.0}
mod=github.com/forPelevin/gomoji
src=$(go mod download -json "$mod@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "gomoji.sh: cannot download $mod@$version" >&2; exit 1; }
dst=third_party/gomoji
keep=$(mktemp) && cp "$dst/REDLINE.md" "$keep" 2>/dev/null || true
rm -rf "$dst" && mkdir -p "$dst"
cp "$src/LICENSE" "$src/go.mod" "$src/data.go" "$src/gomoji.go" "$dst/"
chmod -R u+w "$dst"
[ -s "$keep" ] && cp "$keep" "$dst/REDLINE.md"; rm -f "$keep"
# The same requirements as upstream, so the module graph does not change;
# the go line is raised for sync.OnceValue.
sed -i 's/^go .*/go 1.26.0/' "$dst/go.mod"

# The patch: the emoji map is built on first use.
git apply --directory="$dst" third_party/patches/gomoji-lazy-map.patch
gofmt -l "$dst" | grep . && { echo "gomoji.sh: patched sources are not gofmt-clean" >&2; exit 1; }
echo "third_party/gomoji: $mod $version, patched"
