#!/usr/bin/env bash
# Side by side with the kernel's own allocator (docs/performance.md § Comparing with the kernel).
#
#   Benchmarks/kernel-side-by-side.sh KERNEL_PERF_BINARY [ROUNDS]
#
# KERNEL_PERF_BINARY is the kernel's iova.c built as a program (`iova-kernel-perf`, not part of
# this repository): it runs workloads A, A_fifo, B, C1 and A_fast with the definitions of
# docs/performance.md and prints medians. This script alternates it with
# `iovascope bench --policy mainline` workload by workload (kernel, iovascope, kernel, …), each
# side a median of 3, for ROUNDS rounds (default 2), then prints iovascope / kernel per row and
# round. Benchmarks only: nothing in the tests or CI runs it.
#
# Environment: IOVASCOPE_BIN uses that binary instead of building one; SCRATCH is the build
# directory (default .build). REPS changes the 3. The load average is printed before and after:
# the figures mean something only on a quiet machine, and only as ratios.
set -euo pipefail

usage() { echo "usage: $0 KERNEL_PERF_BINARY [ROUNDS]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
kernel=$1
rounds=${2:-2}
reps=${REPS:-3}
if [[ ! -e $kernel ]]; then
    echo "error: kernel perf binary '$kernel' does not exist." >&2
    echo "It is the kernel's iova.c built as a userspace program (iova-kernel-perf); it is not part of this repository." >&2
    exit 1
fi
if [[ ! -f $kernel || ! -x $kernel ]]; then
    echo "error: kernel perf binary '$kernel' is not an executable file." >&2
    exit 1
fi
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage

cd "$(dirname "$0")/.."
if [[ -n ${IOVASCOPE_BIN:-} ]]; then
    ours=$IOVASCOPE_BIN
else
    scratch=${SCRATCH:-.build}
    swift build -c release --product iovascope --scratch-path "$scratch" >&2
    ours=$scratch/release/iovascope
fi
[[ -x $ours ]] || { echo "error: no iovascope binary at $ours" >&2; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One workload of one round: the kernel's run, then ours (medians of $reps each).
pair() {
    local round=$1 name=$2 kernel_args=$3 our_args=$4
    echo "round $round: $name" >&2
    # shellcheck disable=SC2086
    "$kernel" --reps "$reps" --no-visits $kernel_args > "$out/kernel-$round-$name.txt"
    # shellcheck disable=SC2086
    "$ours" bench $our_args --policy mainline --repeat "$reps" --format json > "$out/ours-$round-$name.json"
}

echo "load before: $(uptime)"
for round in $(seq 1 "$rounds"); do
    pair "$round" A A churn64
    pair "$round" A_fifo A_fifo churn64-fifo
    pair "$round" B "--bn 1000,1000000 B" "mixed --n 1000 --n 1000000 --mask 32"
    pair "$round" C1 C1 fill32
    pair "$round" A_fast A_fast churn64-fast
done
echo "load after:  $(uptime)"
echo "kernel: $kernel; iovascope: $ours (--policy mainline); medians of $reps, $rounds rounds, alternating"
echo

python3 - "$out" "$rounds" <<'EOF'
import json, re, sys
out, rounds = sys.argv[1], int(sys.argv[2])

def kernel(round, name):
    """The kernel program's lines as {(workload, n): {figure: median}}."""
    figures = {}
    for line in open(f"{out}/kernel-{round}-{name}.txt"):
        if line.startswith("#"):
            continue
        head = line.split()
        if not head:
            continue
        n = re.search(r"\bn=(\d+)", line)
        key = (head[0], int(n.group(1)) if n else None)
        figures[key] = {m.group(1).strip(): float(m.group(2))
                        for m in re.finditer(r"\|\s*([^|=]+?)\s+median=([0-9.]+)", line)}
    return figures

def ours(round, name):
    return [json.loads(l) for l in open(f"{out}/ours-{round}-{name}.json") if l.startswith("{")]

def pick(rows, **match):
    for r in rows:
        if all(r.get(k) == v for k, v in match.items()):
            return r
    raise SystemExit(f"no iovascope row with {match}")

rows = [  # label, kernel (workload file, key, figure), ours (file, match, field), unit scale
    ("A churn64, ns/op",                 ("A", ("A", None), "ns/op"),                        ("A", {"workload": "churn64"}, "ns_per_op"), 1),
    ("A_fifo, ns/op",                    ("A_fifo", ("A_fifo", None), "ns/op"),              ("A_fifo", {"workload": "churn64-fifo"}, "ns_per_op"), 1),
    ("B setup n=1k, ns per 64-bit alloc", ("B", ("B", 1000), "setup ns/alloc64"),            ("B", {"n": 1000}, "setup_ns_per_alloc"), 1),
    ("B setup n=1M, ns per 64-bit alloc", ("B", ("B", 1000000), "setup ns/alloc64"),         ("B", {"n": 1000000}, "setup_ns_per_alloc"), 1),
    ("B first dma32 alloc at 1M, ms",    ("B", ("B", 1000000), "first dma32 ns"),            ("B", {"n": 1000000}, "first_ns"), 1e-6),
    ("B mean dma32 alloc at 1M, µs",     ("B", ("B", 1000000), "mean ns/dma32"),             ("B", {"n": 1000000}, "mean_ns"), 1e-3),
    ("C1 fill, ns/alloc",                ("C1", ("C1", None), "fill ns/alloc"),              ("C1", {"workload": "fill32", "variant": "C1"}, "ns_per_op"), 1),
    ("C1 full-walk failure, ms",         ("C1", ("C1", None), "full-walk fail ns"),          ("C1", {"workload": "fill32", "variant": "C1"}, "full_fail_ns"), 1e-6),
    ("A_fast churn64-fast, ns/op",       ("A_fast", ("A_fast", None), "ns/op"),              ("A_fast", {"workload": "churn64-fast"}, "ns_per_op"), 1),
]

def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}" if v >= 10 else f"{v:,.2f}"

print("| workload | " + " | ".join(f"kernel r{r} | iovascope r{r} | ratio r{r}" for r in range(1, rounds + 1)) + " |")
print("| --- |" + " --- | --- | --- |" * rounds)
worst = 0.0
for label, (kfile, kkey, kfig), (ofile, omatch, ofield), scale in rows:
    cells = []
    for r in range(1, rounds + 1):
        k = kernel(r, kfile)[kkey][kfig]
        row = pick(ours(r, ofile), **omatch)
        # Builds from before `mean_ns` existed report only the batch mean (no clock reads inside).
        o = float(row[ofield] if ofield in row or ofield != "mean_ns" else row["ns_per_op"])
        ratio = o / k
        worst = max(worst, ratio)
        cells.append(f"{fmt(k * scale)} | {fmt(o * scale)} | {ratio:.2f}")
    print(f"| {label} | " + " | ".join(cells) + " |")
print(f"\nlargest ratio: {worst:.2f} (iovascope / kernel; below 1 is faster)")
EOF
