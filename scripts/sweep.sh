#!/usr/bin/env bash
# Real-world sweep: runs `asyncmod apply` on a copy of each repository given and prints, per repository, the exit
# status, panics, files whose output has more parse errors than their input, idempotence (a second apply changes
# nothing), and rewritten/reported/left-alone counts by transform, with the most frequent reasons.
#
#   scripts/sweep.sh DIR...          (the repositories themselves are never written: each is copied first)
#
# Environment: ASYNCMOD (binary, default target/release/asyncmod), SWEEP_WORK (scratch folder, default a new temp
# folder), SWEEP_KEEP=1 keeps the copies and the JSON reports there for reading the diffs.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin asyncmod --bin parse-stats
bin="${ASYNCMOD:-$here/target/release/asyncmod}"
stats="$here/target/release/parse-stats"
work="${SWEEP_WORK:-$(mktemp -d)}"
mkdir -p "$work"

printf '| repository | commit | .cs files | exit | panics | files changed | new parse errors | idempotent | rewritten / reported / left alone |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for dir in "$@"; do
  name="$(basename "$dir")"
  copy="$work/$name"
  rm -rf "$copy"
  cp -a "$dir" "$copy"
  commit="$(cat "$dir/.sweep-commit" 2>/dev/null || git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo '?')"
  files="$(find "$copy" -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' | wc -l)"

  (cd "$copy" && "$bin" diff --json --include-review . > "$work/$name.diff.json" 2> "$work/$name.diff.err") || true
  set +e
  (cd "$copy" && "$bin" apply --include-review . > /dev/null 2> "$work/$name.apply.err")
  status=$?
  set -e
  panics="$(cat "$work/$name.diff.err" "$work/$name.apply.err" | { grep -c 'panicked' || true; })"

  # Files the apply changed: compare their parse errors before and after.
  changed="$(cd "$copy" && jq -r '.changes[].path' "$work/$name.diff.json")"
  worse=0
  : > "$work/$name.worse"
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    before="$("$stats" --count "$dir/$f" | cut -f1)"
    after="$("$stats" --count "$copy/$f" | cut -f1)"
    if [ "$before" != "-" ] && [ "$after" != "-" ] && [ "$after" -gt "$before" ]; then
      worse=$((worse + 1))
      echo "$f: $before -> $after" >> "$work/$name.worse"
    fi
  done <<< "$changed"

  # A file that cannot be read makes the exit status 2 on every run; the count is what matters here.
  again="$(cd "$copy" && { "$bin" diff --json --include-review . 2> /dev/null || true; } | jq '.files_changed')"
  idempotent="yes"
  [ "$again" = "0" ] || idempotent="no ($again files change again)"

  counts="$(jq -r '[.sites[] | .transform + ": " + .outcome] | group_by(.) | map(.[0] + " " + (length|tostring)) | join(", ")' "$work/$name.diff.json")"
  nchanged="$(jq '.files_changed' "$work/$name.diff.json")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$commit" "$files" "$status" "$panics" "$nchanged" "$worse" "$idempotent" "$counts"
  {
    echo "== $name: reasons (count, transform, outcome, reason)"
    jq -r '.sites[] | [.transform, .outcome, (.reason | gsub("at [^ ]+:[0-9]+:[0-9]+"; "at …"))] | @tsv' "$work/$name.diff.json" \
      | sort | uniq -c | sort -rn | awk 'NR <= 25'
    echo "== $name: errors"
    jq -r '.errors[] | .path + ": " + .message' "$work/$name.diff.json" | awk 'NR <= 20'
    if [ -s "$work/$name.worse" ]; then echo "== $name: files with new parse errors"; cat "$work/$name.worse"; fi
  } >> "$work/reasons.txt"
done
echo
echo "Details (reasons, errors): $work/reasons.txt"
if [ -z "${SWEEP_KEEP:-}" ] && [ -z "${SWEEP_WORK:-}" ]; then rm -rf "${work:?}"/*/; fi
