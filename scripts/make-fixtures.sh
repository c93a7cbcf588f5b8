#!/usr/bin/env bash
# Converts every tests/fixtures/**/*.fods (flat ODS, the committed source) into an .xlsx
# beside it with LibreOffice headless; a source named NAME.xls.fods becomes NAME.xls (the old
# binary Excel format), and a source in a folder named formats/ becomes NAME.xlsx, NAME.xls and
# NAME.ods (one workbook in every format the reader takes). Idempotent: a fixture newer than
# its .fods is left alone; --force converts all of them again.
#
#   bash scripts/make-fixtures.sh [--force | --check] [DIR_OR_FILE...]   (default: tests/fixtures)
#
# --check converts nothing: it lists the fixtures older than their source and exits 1 if any
# (after a fresh git clone, modification times say nothing: use --force to rebuild all).
#
# Each run uses its own LibreOffice profile and HOME under /tmp, so runs in parallel
# (several helpers, CI) do not collide, and nothing is written to ~/.config.
set -euo pipefail

cd "$(dirname "$0")/.."

force=0
check=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) targets+=("$arg") ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(tests/fixtures)

# The fixtures made from one source, one per line.
targets_of() {
  case "$1" in
    */formats/*.fods) printf '%s\n' "${1%.fods}.xlsx" "${1%.fods}.xls" "${1%.fods}.ods" ;;
    *.xls.fods) echo "${1%.fods}" ;;
    *) echo "${1%.fods}.xlsx" ;;
  esac
}

if [ "$check" -eq 1 ]; then
  stale=0
  while IFS= read -r -d '' src; do
    while IFS= read -r made; do
      if [ ! -f "$made" ] || [ "$src" -nt "$made" ]; then
        echo "stale: $made" >&2
        stale=1
      fi
    done < <(targets_of "$src")
  done < <(find "${targets[@]}" -name '*.fods' -type f -print0 | sort -z)
  [ "$stale" -eq 0 ] && echo "make-fixtures: all fixtures are up to date"
  exit "$stale"
fi

if ! command -v soffice >/dev/null 2>&1; then
  echo "make-fixtures: soffice not found (apt-get install -y --no-install-recommends libreoffice-calc-nogui)" >&2
  exit 1
fi

work="$(mktemp -d /tmp/make-fixtures.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/out"

# Which sources need converting, grouped per directory and output format (one soffice call each).
declare -A pending=()
count=0

while IFS= read -r -d '' src; do
  while IFS= read -r made; do
    if [ "$force" -eq 1 ] || [ ! -f "$made" ] || [ "$src" -nt "$made" ]; then
      fmt="${made##*.}"
      pending["$fmt:$(dirname "$src")"]+="$src"$'\n'
      count=$((count + 1))
    fi
  done < <(targets_of "$src")
done < <(find "${targets[@]}" -name '*.fods' -type f -print0 | sort -z)

if [ "$count" -eq 0 ]; then
  echo "make-fixtures: all fixtures are up to date"
  exit 0
fi

status=0
for key in "${!pending[@]}"; do
  fmt="${key%%:*}"
  dir="${key#*:}"
  mapfile -t files < <(printf '%s' "${pending[$key]}")
  out="$work/out/$fmt$(echo "$dir" | tr '/' '_')"
  mkdir -p "$out"
  case "$fmt" in
    xls) filter='xls:MS Excel 97' ;;
    ods) filter='ods:calc8' ;;
    *) filter='xlsx:Calc MS Excel 2007 XML' ;;
  esac
  # LibreOffice names its output after the source minus ".fods": NAME.xls.fods → NAME.xls.xls.
  HOME="$work/home" soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to "$filter" --outdir "$out" "${files[@]}" >"$work/log" 2>&1 || true
  for src in "${files[@]}"; do
    made="$(targets_of "$src" | grep "\.$fmt\$")"
    produced="$out/$(basename "${src%.fods}").$fmt"
    if [ -s "$produced" ]; then
      mv -f "$produced" "$made"
      echo "made $made"
    else
      echo "make-fixtures: FAILED to convert $src" >&2
      grep -v javaldx "$work/log" >&2 || true
      status=1
    fi
  done
done
exit "$status"
