#!/bin/bash
# Mutation testing of the critical modules (issue "tests that bite"): for each module, cargo-mutants
# makes small deliberate bugs and runs only the tests that guard that module, so each mutant takes
# seconds. Not in CI (too slow on 2 cores): run it before resolving an issue that touches these
# modules and report the score. Mutants accepted as equivalent are listed, with their reasons, in
# .cargo/mutants.toml.
#
#   scripts/mutants.sh            every critical module
#   scripts/mutants.sh sign money only the named ones
#
# Results: target/mutants/<module>/mutants.out/{caught,missed,timeout,unviable}.txt and a summary
# line per module at the end. Needs `cargo install cargo-mutants`.
set -uo pipefail
cd "$(dirname "$0")/.."

# name | file | the tests that guard it (arguments to `cargo test`)
MODULES=(
  "sign|src/api/sign.rs|--lib api::"
  "verify|src/webhook/verify.rs|--lib webhook::"
  "money|src/domain/money.rs|--lib domain::"
  "wire|src/api/wire.rs|--lib api::"
  "outbox|src/store/outbox.rs|--lib store::outbox"
  "orders|src/store/orders.rs|--lib store::orders"
  "returns-decisions|src/domain/returns.rs|--lib domain::returns"
  "photos|src/sync/returns/photos.rs|--lib sync::returns::"
)

want=("$@")
summary=()
start_all=$(date +%s)
for m in "${MODULES[@]}"; do
  IFS='|' read -r name file tests <<<"$m"
  if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " =~ " ${name} " ]]; then
    continue
  fi
  out="target/mutants/$name"
  mkdir -p "$out"
  start=$(date +%s)
  # shellcheck disable=SC2086
  cargo mutants --no-shuffle --jobs 1 --timeout 120 --file "$file" --output "$out" -- $tests
  secs=$(( $(date +%s) - start ))
  count() { [ -f "$out/mutants.out/$1.txt" ] && grep -c . "$out/mutants.out/$1.txt" || echo 0; }
  summary+=("$name: caught $(count caught), missed $(count missed), timeout $(count timeout), unviable $(count unviable), ${secs}s")
done
echo
echo "== mutation score per module ($(( $(date +%s) - start_all ))s in all)"
printf '%s\n' "${summary[@]}"
