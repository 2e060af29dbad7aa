#!/usr/bin/env bash
# Headless end-to-end checks of the built `iovascope` binary: the command line contract of
# docs/replay-format.md, docs/command-line.md (outputs, exit statuses, stderr/stdout discipline, streaming memory).
set -uo pipefail
bin=${1:?usage: e2e.sh PATH/TO/iovascope}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# expect_status NAME WANT CMD... : run CMD (stdout/stderr to files), compare the exit status.
expect_status() {
    local name=$1 want=$2; shift 2
    "$@" >"$work/out" 2>"$work/err" </dev/null
    local got=$?
    if [ "$got" -eq "$want" ]; then pass "$name (exit $got)"; else fail "$name: exit $got, want $want"; sed 's/^/     /' "$work/err" | head -5; fi
}

# Every kernel vector replays byte-identically through the command line.
n=0
for f in "$root"/Tests/Fixtures/kernel-vectors/*.iova; do
    exp=${f%.iova}.expected.jsonl
    tree=(); grep -q '"tree":' "$exp" && tree=(--tree)
    if ! "$bin" replay "$f" --format jsonl --state "${tree[@]}" | cmp -s - "$exp"; then fail "vector $(basename "$f")"; fi
    n=$((n + 1))
done
pass "$n kernel vectors replay byte-identically"

# Samples replay to their expected output, kept in each group's expected/ folder:
# GROUP/NAME.iova → GROUP/expected/NAME.expected.jsonl (mainline), NAME.POLICY.expected.jsonl.
expected_of() { local dir=${1%/*} name=${1##*/}; echo "$dir/expected/${name%.iova}$2.expected.jsonl"; }
n=0
for f in "$root"/Samples/*/*.iova; do
    exp=$(expected_of "$f" "")
    [ -f "$exp" ] || { fail "no mainline expectation for $(basename "$f")"; continue; }
    tree=(); grep -q '"tree":' "$exp" && tree=(--tree)
    "$bin" replay "$f" --format jsonl --state "${tree[@]}" | cmp -s - "$exp" || fail "sample $(basename "$f")"
    n=$((n + 1))
done
for p in augmented augmented32 limit-aware align-aware maple; do
    for f in "$root"/Samples/*/*.iova; do
        exp=$(expected_of "$f" ".$p")
        [ -f "$exp" ] || { fail "no $p expectation for $(basename "$f")"; continue; }
        tree=(); grep -q '"tree":' "$exp" && tree=(--tree)
        "$bin" replay "$f" --policy "$p" --format jsonl --state "${tree[@]}" | cmp -s - "$exp" || fail "sample $(basename "$f") under $p"
    done
done
pass "$n samples replay to their expected output under every policy"

# compare: every policy side by side, differing placements marked, totals per policy.
expect_status "compare" 0 "$bin" compare "$root/Samples/kernel/scenario-g-next-fit.iova"
grep -q '^    6 \* alloc' "$work/out" || fail "compare did not mark line 6 as differing"
grep -q '^limit-aware  *3  *1 ' "$work/out" || fail "compare totals missing for limit-aware"
expect_status "compare jsonl" 0 "$bin" compare "$root/Samples/kernel/scenario-g-next-fit.iova" --format jsonl --policies mainline,limit-aware
tail -1 "$work/out" | grep -q '"op":"totals","differing":2' || fail "compare jsonl totals"
expect_status "compare with an unknown policy" 64 "$bin" compare "$root/Samples/kernel/scenario-g-next-fit.iova" --policies mainline,bogus

# Without a terminal the visualizer says where to go instead (exit 2), and writes no escape codes.
expect_status "visualizer without a terminal" 2 "$bin"
grep -q 'iovascope replay' "$work/err" || fail "no pointer to replay/render without a terminal"
[ -s "$work/out" ] && fail "visualizer without a terminal wrote to stdout"

# A malformed scenario: exit 65, every error as FILE:LINE:COL with a caret, nothing on stdout.
printf 'alloc 16\nalloc 0\nfree 1\nreserve 9 3\n' >"$work/bad.iova"
expect_status "malformed scenario" 65 "$bin" replay "$work/bad.iova" --format jsonl
[ -s "$work/out" ] && fail "malformed scenario wrote to stdout"
grep -q "bad.iova:2:7: error: size must be at least 1" "$work/err" || fail "missing located error for line 2"
grep -q "bad.iova:4:11: error: reserve needs LO <= HI" "$work/err" || fail "missing located error for line 4"
grep -q '^      \^$' "$work/err" || fail "missing caret line"

# Unreadable input, usage errors, unknown policies.
expect_status "missing file" 66 "$bin" replay "$work/nonexistent.iova"
expect_status "directory as file" 66 "$bin" replay "$work"
expect_status "no file argument" 64 "$bin" replay
expect_status "unknown option" 64 "$bin" replay "$work/bad.iova" --bogus
expect_status "unknown policy" 64 "$bin" replay "$root/Samples/kernel/scenario-g-next-fit.iova" --policy best-fit
expect_status "policy name in the wrong case" 64 "$bin" replay "$root/Samples/kernel/scenario-g-next-fit.iova" --policy Maple
expect_status "--help" 0 "$bin" replay --help

# render: exactly H lines of at most W columns, colour only with --color always, ASCII in LANG=C.
g="$root/Samples/kernel/scenario-g-next-fit.iova"
expect_status "render" 0 env LANG=C.UTF-8 "$bin" render "$g" --op 3 --step 6 --size 80x24
lines=$(wc -l <"$work/out"); widest=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$work/out")
if [ "$lines" -eq 24 ] && [ "$widest" -le 80 ]; then pass "render: 24 lines, widest $widest"; else fail "render: $lines lines, widest $widest"; fi
grep -q $'\e\[' "$work/out" && fail "render without --color always wrote escape codes"
expect_status "render --color always" 0 "$bin" render "$g" --op 3 --size 100x30 --color always
grep -q $'\e\[' "$work/out" || fail "render --color always wrote no colour"
expect_status "render in LANG=C" 0 env LANG=C LC_ALL=C "$bin" render "$g" --op 2 --size 120x40
LC_ALL=C grep -q -P '[^\x00-\x7F]' "$work/out" && fail "render in LANG=C wrote non-ASCII bytes"
expect_status "render tiny" 0 "$bin" render "$g" --op 1 --size 1x1
expect_status "render past the last step" 64 "$bin" render "$g" --op 3 --step 999
expect_status "render past the last operation" 64 "$bin" render "$g" --op 4
expect_status "render bad size" 64 "$bin" render "$g" --op 1 --size 80
expect_status "render of a malformed file" 65 "$bin" render "$work/bad.iova" --op 1

# export: asciicast v2 and per-step frames, atomic, never clobbering without --force.
expect_status "export --cast --frames" 0 "$bin" export "$g" --cast "$work/g.cast" --frames "$work/frames" --size 100x30
python3 - "$work/g.cast" <<'PY' || fail "export: not a valid asciicast v2 file with a marker per step"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
header = json.loads(lines[0]); events = [json.loads(l) for l in lines[1:]]
assert header["version"] == 2 and header["width"] == 100 and header["height"] == 30
markers = [e for e in events if e[1] == "m"]
assert len(markers) == len([e for e in events if e[1] == "o"]) == 31, len(markers)
assert markers[0][2] == "op 1 step 0"
PY
[ "$(ls "$work/frames" | grep -c '\.txt$')" -eq 31 ] || fail "export --frames: expected 31 text frames"
expect_status "export refuses to overwrite" 74 "$bin" export "$g" --cast "$work/g.cast"
grep -q 'exists (--force to overwrite)' "$work/err" || fail "export overwrite message"
expect_status "export --force" 0 "$bin" export "$g" --cast "$work/g.cast" --force
expect_status "export without an output" 64 "$bin" export "$g"
ls "$work" | grep -q '\.tmp-' && fail "export left a temporary file"

# A closed pipe ends the replay quietly.
printf 'alloc 1\n%.0s' $(seq 200000) >"$work/long.iova"
"$bin" replay "$work/long.iova" --format jsonl 2>"$work/err" | head -1 >/dev/null
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ] && [ ! -s "$work/err" ]; then pass "closed pipe: quiet, exit 0"; else fail "closed pipe: exit $status, stderr: $(head -c 200 "$work/err")"; fi

# A full disk is an error with a message and a non-zero status.
if [ -w /dev/full ]; then
    "$bin" replay "$work/long.iova" --format jsonl >/dev/full 2>"$work/err"
    status=$?
    if [ "$status" -eq 74 ] && grep -q "cannot write output" "$work/err"; then pass "full disk: exit 74"; else fail "full disk: exit $status"; fi
fi

# export --dot: a Graphviz picture of the tree at a step, for the rb-tree and the maple tree.
for p in limit-aware maple; do
    expect_status "export --dot ($p)" 0 "$bin" export "$g" --dot "$work/$p.dot" --op 3 --step 4 --policy "$p"
    head -1 "$work/$p.dot" | grep -q '^digraph iova {$' || fail "$p.dot does not start a digraph"
    if command -v dot >/dev/null; then
        dot -Tsvg "$work/$p.dot" -o "$work/$p.svg" && grep -q "<svg" "$work/$p.svg" && pass "graphviz renders $p.dot" || fail "graphviz rejects $p.dot"
    fi
done
expect_status "export --dot past the last operation" 64 "$bin" export "$g" --dot "$work/x.dot" --op 9
expect_status "export --dot does not overwrite" 74 "$bin" export "$g" --dot "$work/maple.dot"

# gen: deterministic, refuses to clobber, and its output replays on every policy.
expect_status "gen to a file" 0 "$bin" gen --profile mixed-masks --ops 3000 --seed 9 --output "$work/gen.iova"
expect_status "gen does not overwrite" 74 "$bin" gen --profile churn --ops 10 --output "$work/gen.iova"
"$bin" gen --profile mixed-masks --ops 3000 --seed 9 | cmp -s - "$work/gen.iova" && pass "gen is deterministic" || fail "gen differs between runs"
for p in mainline maple; do
    "$bin" replay "$work/gen.iova" --policy "$p" --format jsonl | grep -q '"found":false' && fail "gen: a free missed under $p"
done
pass "generated frees find their allocation under mainline and maple"
# The DMA-path profiles (map/unmap @LINE on 4 CPUs) pass every validator, the rcache's included,
# under every policy, and every unmap names a live mapping.
for profile in nic-ring nvme-128k gpu-buffers; do
    "$bin" gen --profile "$profile" --ops 2000 --seed 3 >"$work/$profile.iova"
    for p in mainline augmented augmented32 limit-aware align-aware maple; do
        if ! "$bin" replay "$work/$profile.iova" --policy "$p" --validate --format jsonl >"$work/out"; then
            fail "gen $profile: replay --validate under $p"
        elif grep -q '"op":"unmap".*"pfn":null' "$work/out"; then
            fail "gen $profile: an unmap missed under $p"
        fi
    done
done
pass "the DMA-path profiles validate under every policy"
expect_status "gen with a bad profile" 64 "$bin" gen --profile nosuch

# witness: finds and shrinks maple's over-ask, the same file every time (the committed sample),
# the claimed line failing under maple and placed under mainline; bad arguments are usage errors.
expect_status "witness --want fail" 0 "$bin" witness --policies mainline,maple --want fail --seed 1 --output "$work/w.iova"
cmp -s "$work/w.iova" "$root/Samples/witness/maple-over-ask.iova" && pass "witness is deterministic (Samples/witness/maple-over-ask.iova)" || fail "witness differs from its sample"
grep -q '^witness: ' "$work/err" || fail "witness wrote no progress to stderr"
[ -s "$work/out" ] && fail "witness --output wrote to stdout"
[ "$(grep -cv '^#' "$work/w.iova")" -le 12 ] || fail "witness: more than 12 commands"
wl=$(sed -n 's/^# witness: line=\([0-9]*\) .*/\1/p' "$work/w.iova")
"$bin" replay "$work/w.iova" --policy maple --format jsonl | grep -q "^{\"line\":$wl,\"op\":\"alloc\".*\"lo\":null" || fail "witness: line $wl does not fail under maple"
"$bin" replay "$work/w.iova" --format jsonl | grep -q "^{\"line\":$wl,\"op\":\"alloc\".*\"lo\":[0-9]" || fail "witness: line $wl is not placed under mainline"
expect_status "witness does not overwrite" 74 "$bin" witness --policies mainline,maple --want fail --output "$work/w.iova"
expect_status "witness with one policy" 64 "$bin" witness --policies mainline --want fail
expect_status "witness with the same policy twice" 64 "$bin" witness --policies maple,maple --want fail
expect_status "witness with an unknown want" 64 "$bin" witness --policies mainline,maple --want faster
expect_status "witness on a DMA-path profile" 64 "$bin" witness --policies mainline,maple --want fail --profile nic-ring
expect_status "witness that finds nothing" 1 "$bin" witness --policies augmented,limit-aware --want placement --tries 3

# bench: the workloads run headless and json output is one object per line.
expect_status "bench mixed and memory" 0 "$bin" bench mixed memory --n 1000 --repeat 1 --format json
for p in mainline augmented augmented32 limit-aware align-aware maple; do
    grep -q "\"workload\":\"memory\",\"shape\":\"fragmented\",\"policy\":\"$p\"" "$work/out" || fail "bench memory: no fragmented row for $p"
done
python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' "$work/out" && pass "bench json parses" || fail "bench json does not parse"
grep -q '"workload":"memory","shape":"r","policy":"maple","n":1000,.*"bytes_per_iova":' "$work/out" || fail "bench memory: no workload R row with bytes_per_iova"
# The other workloads, shortened (--ops), on one fast policy: every row has the shared fields.
expect_status "bench churn64, churn64-fast, fill32-churn, startup" 0 "$bin" bench churn64 churn64-fifo churn64-fast fill32-churn startup --policy limit-aware --ops 100 --repeat 1 --format json
python3 - "$work/out" <<'PY' && pass "bench json rows carry workload, policy, n and a time" || fail "bench json rows lack shared fields"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["workload"] for r in rows] == ["churn64", "churn64-fifo", "churn64-fast", "fill32-churn", "startup"], rows
for r in rows:
    assert r["policy"] == "limit-aware" and r["n"] > 0 and r["repeat"] == 1, r
    assert ("ns_per_op" in r and "visits_mean" in r and "visits_max" in r) or "ms" in r, r
fast = rows[2]
assert fast["cpus"] == 4 and 0 < fast["rcache_hit"] <= fast["rcache_hit_le32"] <= 1, fast
PY
expect_status "bench --ops 0 is a usage error" 64 "$bin" bench churn64 --ops 0
# bench seek also opens its scenario from a file (as show does), written to TMPDIR and removed after.
mkdir -p "$work/benchtmp"
expect_status "bench seek, from memory and from a file" 0 env TMPDIR="$work/benchtmp" "$bin" bench seek --n 5000 --repeat 1 --policy maple --format json
python3 - "$work/out" <<'PY' && pass "bench seek reports the file columns" || fail "bench seek lacks the file columns"
import json, sys
[row] = [json.loads(l) for l in open(sys.argv[1])]
for k in ["ms", "warm_ms", "prepare_ms", "opened_ms", "read_ms", "read_seek_ms", "file_open_ms", "file_seek_ms"]:
    assert row[k] > 0, (k, row)
PY
[ -z "$(ls -A "$work/benchtmp")" ] && pass "bench seek leaves no file behind" || fail "bench seek left $(ls "$work/benchtmp")"

# Streaming: a scenario of 1,000,000 commands with few live ranges replays in bounded memory.
awk 'BEGIN { print "domain start=1 granule=4096"; for (i = 0; i < 500000; i++) { print "alloc 16 limit=dma32 aligned"; print "free 0xffff0" } }' >"$work/million.iova"
peak_kb=$(python3 - "$bin" "$work/million.iova" <<'PY'
import resource, subprocess, sys
subprocess.run([sys.argv[1], "replay", sys.argv[2], "--format", "jsonl"], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
if [ -n "$peak_kb" ] && [ "$peak_kb" -lt 65536 ]; then pass "1,000,000 commands streamed in ${peak_kb} KiB peak"; else fail "streaming peak ${peak_kb:-?} KiB (limit 64 MiB)"; fi

if [ "$failures" -ne 0 ]; then echo "$failures end-to-end check(s) failed"; exit 1; fi
echo "all end-to-end checks passed"
