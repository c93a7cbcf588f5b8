#!/usr/bin/env bash
# Validates manifest.xml (and dist/manifest.xml, when the build has written it) against
# Microsoft's XML manifest schemas with xmllint. `office-addin-manifest validate` needs the
# internet; this check runs offline. Skipped (exit 0, with a notice) when the schemas folder
# ../shared/office-manifest-schemas is absent; fails when xmllint is missing
# (apt-get install -y libxml2-utils).
#
#   bash scripts/check-manifest.sh        (npm run check:manifest)
set -euo pipefail
cd "$(dirname "$0")/.."

schemas="${MANIFEST_SCHEMAS:-../shared/office-manifest-schemas}"
if [ ! -f "$schemas/OfficeAppManifestV1_1.xsd" ]; then
  echo "check-manifest: $schemas not found; schema check skipped" >&2
  exit 0
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "check-manifest: xmllint not found (apt-get install -y libxml2-utils)" >&2
  exit 1
fi

files=(manifest.xml)
[ -f dist/manifest.xml ] && files+=(dist/manifest.xml)
for f in "${files[@]}"; do
  xmllint --noout --schema "$schemas/OfficeAppManifestV1_1.xsd" "$f"
done
if [ -f dist/manifest.xml ] && grep -q "https://localhost:3000" dist/manifest.xml; then
  echo "check-manifest: note: dist/manifest.xml points at the dev server https://localhost:3000 (for a deployment build: ADDIN_URL=https://… npm run build)" >&2
fi
