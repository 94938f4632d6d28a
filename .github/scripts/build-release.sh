#!/usr/bin/env bash
# Builds calibrate for one target and packs it for a GitHub release:
#
#   .github/scripts/build-release.sh TARGET [OUT_DIR]
#
# Writes OUT_DIR/calibrate-vVERSION-TARGET.tar.gz (.zip for Windows) holding
# the binary, README.md and the JSON Schema, and a .sha256 file beside it.
# OUT_DIR defaults to dist/. The release workflow runs this on each runner;
# .ci/run runs it for Linux and tries the binary it packed.
set -euo pipefail

target="${1:?usage: $0 TARGET [OUT_DIR]}"
out="${2:-dist}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

version="$(cargo metadata --no-deps --format-version 1 \
  | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "calibrate"))')"
name="calibrate-v${version}-${target}"

cargo build --release --locked --target "$target"

exe=calibrate
case "$target" in *windows*) exe=calibrate.exe ;; esac

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$out"
cp "target/$target/release/$exe" README.md schema/decision-record.schema.json "$stage/$name/"

case "$target" in
  *windows*)
    archive="$name.zip"
    (cd "$stage" && 7z a -tzip -bd "$archive" "$name" >/dev/null)
    ;;
  *)
    archive="$name.tar.gz"
    tar -C "$stage" -czf "$stage/$archive" "$name"
    ;;
esac
mv "$stage/$archive" "$out/"
(cd "$out" && { sha256sum "$archive" 2>/dev/null || shasum -a 256 "$archive"; } > "$archive.sha256")
echo "$out/$archive"
