#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (docs/testing.md § Fuzzing) and runs each for a bounded
# time on its committed seed corpus: `.ci/fuzz.sh [SECONDS per target, default 60]`.
# New corpus entries go to a scratch folder; a crash leaves crash-* files in $out and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scratch=.build-fuzz
out=${FUZZ_OUT:-$scratch/findings}
mkdir -p "$out"

swift build -c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer --target IOVAView >/dev/null
rel="$scratch/release"
link() {   # link NAME FILE MODULES... (object names may hold spaces: swift-collections has some)
    local name=$1 file=$2; shift 2
    local objects=()
    for m in "$@"; do objects+=("$rel/$m.build"/*.o); done
    swiftc -O -sanitize=fuzzer -parse-as-library -I "$rel/Modules" "$file" "${objects[@]}" -o "$scratch/fuzz-$name"
}
link parser Fuzz/ParserFuzz.swift IOVAScenario IOVACore
link policies Fuzz/PolicyFuzz.swift IOVAReplay IOVAPolicies IOVAMaple IOVAScenario IOVACore
link app Fuzz/AppFuzz.swift IOVAView IOVAStepper BitCollections InternalCollectionsUtilities IOVAReplay IOVAPolicies IOVAMaple IOVAScenario IOVACore

status=0
for name in parser policies app; do
    work="$scratch/corpus-$name"
    mkdir -p "$work"
    echo "== fuzz $name for ${seconds}s"
    if ! (cd "$out" && "../../$scratch/fuzz-$name" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
            -print_final_stats=1 "../../$work" "../../Fuzz/corpus/$name" 2>&1 | tail -12); then
        echo "FAIL fuzz $name: see $out"
        status=1
    fi
done
exit $status
