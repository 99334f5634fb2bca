#!/usr/bin/env bash
# Refresh the studio's vendored front-end files from the npm registry (maintainers only).
#
# Installing or running Parley never needs Node: the files below are committed. This script
# fetches each pinned package with `npm pack`, copies the built file and its licence into
# channels/studio/static/vendor/, and rewrites SHA256SUMS (a test checks the sums).
# Bump a version here, run the script, review the diff, commit.
set -euo pipefail

HTMX_VERSION=2.0.11
PICO_VERSION=2.1.1
CHARTJS_VERSION=4.6.1
REDOC_VERSION=2.5.2

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/channels/studio/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch PACKAGE VERSION FILE_IN_PACKAGE TARGET_NAME LICENCE_TARGET
fetch() {
    local package="$1" version="$2" file="$3" target="$4" licence="$5"
    local dir="$work/$target"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$package@$version" >/dev/null && tar -xzf ./*.tgz)
    cp "$dir/package/$file" "$dest/$target"
    cp "$dir/package/LICENSE"* "$dest/$licence"
}

mkdir -p "$dest"
fetch htmx.org "$HTMX_VERSION" dist/htmx.min.js htmx.min.js LICENSE.htmx.txt
fetch @picocss/pico "$PICO_VERSION" css/pico.min.css pico.min.css LICENSE.pico.txt
fetch chart.js "$CHARTJS_VERSION" dist/chart.umd.min.js chart.umd.min.js LICENSE.chartjs.txt
fetch redoc "$REDOC_VERSION" bundles/redoc.standalone.js redoc.standalone.js LICENSE.redoc.txt

cat > "$dest/VERSIONS.txt" <<VERSIONS
htmx.org $HTMX_VERSION (BSD-0-Clause) htmx.min.js
@picocss/pico $PICO_VERSION (MIT) pico.min.css
chart.js $CHARTJS_VERSION (MIT) chart.umd.min.js
redoc $REDOC_VERSION (MIT) redoc.standalone.js
VERSIONS

(cd "$dest" && sha256sum htmx.min.js pico.min.css chart.umd.min.js redoc.standalone.js LICENSE.*.txt VERSIONS.txt \
    > SHA256SUMS)
echo "vendored into $dest:"
cat "$dest/SHA256SUMS"
