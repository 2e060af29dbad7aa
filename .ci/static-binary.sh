#!/usr/bin/env bash
# Checks a release binary built with `--static-swift-stdlib`: it needs no library of the Swift
# toolchain (ldd lists no libswift*, Foundation, libdispatch or BlocksRuntime, nothing under the
# toolchain's folder), and it renders the tour and replays a sample with the toolchain hidden:
# an empty environment, and where a private mount namespace is allowed, the toolchain's folder
# covered by an empty one.
set -uo pipefail
bin=${1:?usage: static-binary.sh PATH/TO/iovascope}
bin=$(readlink -f "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# The toolchain's root (/opt/swift for /opt/swift/usr/bin/swift).
toolchain=/opt/swift
if command -v swift >/dev/null; then toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"); fi

echo "$(basename "$bin"): $(stat -c %s "$bin") bytes"
ldd "$bin" >"$work/ldd" 2>&1 || fail "ldd failed"
sed 's/^/     /; s/ (0x[0-9a-f]*)$//' "$work/ldd"
if grep -E 'libswift|libFoundation|lib_Foundation|libCoreFoundation|libdispatch|libBlocksRuntime' "$work/ldd"; then
    fail "links a toolchain library"
else
    pass "no Swift runtime, Foundation, dispatch or BlocksRuntime library"
fi
if grep -F "$toolchain/" "$work/ldd"; then fail "resolves a library under $toolchain"; else pass "nothing resolved under $toolchain"; fi
grep -q 'not found' "$work/ldd" && fail "a library is not found"

# The checks proper, run with nothing inherited: no LD_LIBRARY_PATH, no TERM, a bare PATH.
# LD_DEBUG records what the dynamic loader opens, dlopen included.
cat >"$work/run.sh" <<'SH'
set -u
bin=$1 root=$2 work=$3 toolchain=$4
run() { env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= LD_DEBUG=libs LD_DEBUG_OUTPUT="$work/ld" "$bin" "$@"; }
run tour --chapter 4 --render --size 100x30 >"$work/tour" 2>"$work/tour.err"; echo $? >"$work/tour.status"
g=$root/Samples/kernel/scenario-g-next-fit.iova
exp=$root/Samples/kernel/expected/scenario-g-next-fit.expected.jsonl
tree=""; grep -q '"tree"' "$exp" && tree=--tree
run replay "$g" --format jsonl --state $tree >"$work/replay" 2>"$work/replay.err"; echo $? >"$work/replay.status"
SH

hidden=no
if unshare --mount --propagation private true 2>/dev/null; then
    # A private mount namespace: the empty folder over the toolchain is seen by this run only.
    unshare --mount --propagation private bash -c \
        'mount -t tmpfs -o ro,size=4k none "$4" && [ -z "$(ls -A "$4")" ] && exec bash "$0" "$@"' \
        "$work/run.sh" "$bin" "$root" "$work" "$toolchain" && hidden=yes
fi
if [ "$hidden" = yes ]; then
    pass "ran with $toolchain covered by an empty folder"
else
    echo "     (no private mount namespace here: $toolchain stays visible, runs use an empty environment)"
    bash "$work/run.sh" "$bin" "$root" "$work" "$toolchain"
fi

status=$(cat "$work/tour.status" 2>/dev/null || echo '?')
lines=$(wc -l <"$work/tour" 2>/dev/null || echo 0)
if [ "$status" = 0 ] && [ "$lines" -eq 30 ]; then pass "tour --chapter 4 --render --size 100x30: 30 lines"
else fail "tour render: exit $status, $lines lines"; sed 's/^/     /' "$work/tour.err" | head -5; fi

status=$(cat "$work/replay.status" 2>/dev/null || echo '?')
if [ "$status" = 0 ] && cmp -s "$work/replay" "$root/Samples/kernel/expected/scenario-g-next-fit.expected.jsonl"; then
    pass "replay of scenario G is byte for byte its expected jsonl"
else fail "replay of scenario G: exit $status, output differs"; sed 's/^/     /' "$work/replay.err" | head -5; fi

if ! ls "$work"/ld.* >/dev/null 2>&1; then fail "the dynamic loader left no trace"
elif grep -h 'calling init:\|file=' "$work"/ld.* | grep -F "$toolchain/" >"$work/ld-toolchain"; then
    fail "looked for libraries under $toolchain at run time"; head -3 "$work/ld-toolchain"
else pass "the loader opened nothing under $toolchain"; fi

if [ "$failures" -ne 0 ]; then echo "$failures static binary check(s) failed"; exit 1; fi
echo "the static binary needs no Swift toolchain"
