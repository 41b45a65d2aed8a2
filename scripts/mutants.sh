#!/bin/bash
# Mutation testing of the critical modules (issue "tests that bite"): cargo-mutants makes small
# deliberate bugs in each module and runs the library's tests (beside the code, including the
# property tests of the store and money), which guard these modules in seconds. One run for all
# the modules asked for, so the scratch tree is built once. Not in CI (too slow on 2 cores): run
# it before resolving an issue that touches these modules, and report the score. Mutants
# accepted as equivalent are listed, with their reasons, in .cargo/mutants.toml.
#
#   scripts/mutants.sh                 every critical module
#   scripts/mutants.sh sign outbox     only the named ones
#   JOBS=2 scripts/mutants.sh          two mutants at a time (when nothing else builds)
#   RE='orders\.rs:(2|3)' scripts/mutants.sh orders   only the mutants whose name matches (to
#                                      finish a run that was stopped, say)
#   TIMEOUT=600 scripts/mutants.sh     seconds a mutant's tests may take (default 120; 900 with
#                                      CARGO_LOCK, whose wait for another build counts as test time)
#
# Results: target/mutants/mutants.out/{caught,missed,timeout,unviable}.txt, and a line per
# module at the end. Needs `cargo install cargo-mutants`.
set -uo pipefail
cd "$(dirname "$0")/.."

# name | file
MODULES=(
  "sign|src/api/sign.rs"
  "verify|src/webhook/verify.rs"
  "money|src/domain/money.rs"
  "wire|src/api/wire.rs"
  "outbox|src/store/outbox.rs"
  "orders|src/store/orders.rs"
  "returns-decisions|src/domain/returns.rs"
  "photos|src/sync/returns/photos.rs"
  "roles|src/domain/role.rs"
  "identity|src/engine/identity.rs"
  "reconcile|src/domain/finance/reconcile.rs"
  "finance-sums|src/domain/finance/mod.rs"
  "stock-rules|src/domain/listing_sync.rs"
  "stock-push|src/store/listing_sync.rs"
  "dense|src/store/dense.rs"
)

want=("$@")
files=()
chosen=()
for m in "${MODULES[@]}"; do
  IFS='|' read -r name file <<<"$m"
  if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " =~ " ${name} " ]]; then
    files+=(--file "$file")
    chosen+=("$m")
  fi
done
[ ${#chosen[@]} -gt 0 ] || { echo "no such module: $*" >&2; exit 2; }

# With CARGO_LOCK set, every cargo step cargo-mutants runs takes that flock, so the run can share
# the machine with other builds (never two at once on 2 cores).
if [ -n "${CARGO_LOCK:-}" ]; then
  wrap=$(mktemp -d)
  real=$(command -v cargo)
  printf '#!/bin/bash\nexec flock -o %q %q "$@"\n' "$CARGO_LOCK" "$real" >"$wrap/cargo"
  chmod +x "$wrap/cargo"
  export PATH="$wrap:$PATH" CARGO="$wrap/cargo"
fi

mkdir -p target
start=$(date +%s)
timeout=${TIMEOUT:-$([ -n "${CARGO_LOCK:-}" ] && echo 900 || echo 120)}
cargo-mutants mutants --no-shuffle --jobs "${JOBS:-1}" --timeout "$timeout" "${files[@]}" ${RE:+--re "$RE"} --output target/mutants -- --lib
secs=$(( $(date +%s) - start ))

out=target/mutants/mutants.out
count() { local n; n=$(grep -c "^$2:" "$out/$1.txt" 2>/dev/null); echo "${n:-0}"; }
echo
echo "== mutation score per module (${secs}s in all)"
for m in "${chosen[@]}"; do
  IFS='|' read -r name file <<<"$m"
  echo "$name ($file): caught $(count caught "$file"), missed $(count missed "$file"), timeout $(count timeout "$file"), unviable $(count unviable "$file")"
done
[ -s "$out/missed.txt" ] && { echo; echo "missed:"; cat "$out/missed.txt"; }
exit 0
