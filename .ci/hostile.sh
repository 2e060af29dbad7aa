#!/usr/bin/env bash
# Hostile and extreme input through the real binary (issue 9): each case is either accepted
# with its documented meaning or refused with FILE:LINE:COL and exit 65 — never a crash.
# Prints one line per case: the behaviour, checked. `.ci/hostile.sh PATH/TO/iovascope`
set -uo pipefail
bin=${1:?usage: hostile.sh PATH/TO/iovascope}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# case NAME WANT_STATUS WANT_OUTPUT_SUBSTRING  (scenario bytes on stdin)
case_() {
    local name=$1 want=$2 text=$3
    cat >"$work/in.iova"
    "$bin" replay "$work/in.iova" --format jsonl --state >"$work/out" 2>"$work/err"
    local got=$?
    if [ "$got" = "$want" ] && grep -qF -- "$text" "$work/out" "$work/err"; then
        echo "ok   $name: exit $got, $(grep -hF -- "$text" "$work/out" "$work/err" | head -1 | cut -c1-110)"
    else
        echo "FAIL $name: exit $got (want $want), wanted '$text'"; head -3 "$work/err" "$work/out"
        failures=$((failures + 1))
    fi
}

printf 'find 0xffffffffffffffff\nfree 0xfffffffffffffffe\n' | case_ "pfns near 2^64" 0 '"op":"free","pfn":18446744073709551614,"found":false'
printf 'reserve 0 0xffffffffffffffff\n' | case_ "reserve beyond the domain" 0 '"node":null'
printf 'alloc 1 limit=0xffffffffffffffff\n' | case_ "limit above dma64" 65 "is above the domain's highest pfn"
printf 'free 0xffffffffffffffff\n' | case_ "freeing the anchor" 65 "cannot free the anchor"
printf 'domain granule=2\nalloc 1 limit=dma64\n' | case_ "granule 2" 0 '"lo":9223372036854775807'
printf 'domain granule=65536\nalloc 1 limit=dma32\n' | case_ "granule 65536" 0 '"lo":65535'
printf 'domain granule=3\n' | case_ "granule not a power of two" 65 "granule 3 is not a power of two"
printf 'domain granule=1\n' | case_ "granule 1" 65 "outside 2...4294967296"
printf 'domain start=0\nalloc 16 limit=15\n' | case_ "start_pfn 0, window exactly the size" 0 '"lo":0,"hi":15'
printf 'domain start=0xffffffffffff0\nalloc 16\nalloc 1\n' | case_ "start_pfn at the very top" 0 '"lo":null'
printf 'alloc 0x8000000000000000 aligned\n' | case_ "size 2^63 aligned" 0 '"lo":null'
printf 'alloc 0x8000000000000001 aligned\n' | case_ "size above 2^63 aligned" 65 "no power-of-two alignment"
printf 'alloc 0xffffffffffffffff\n' | case_ "size 2^64-1" 0 '"lo":null'
printf 'alloc 0x1_0000_0000_0000_0000\n' | case_ "number above 2^64-1" 65 "error"
printf 'alloc 1\r\nfree 0xfffffffffffff\r\n' | case_ "CRLF" 0 '"found":true'
printf 'alloc\t1\tlimit=dma32\t\taligned\n' | case_ "tabs" 0 '"aligned":true'
printf '\xef\xbb\xbfalloc 1\n' | case_ "UTF-8 BOM" 0 '"op":"alloc"'
printf 'alloc 1 # caf\xe9\n' | case_ "invalid UTF-8" 65 "invalid UTF-8"
printf 'alloc 1\0\n' | case_ "NUL byte" 65 "NUL"
{ printf 'alloc 1 # '; head -c 3000000 /dev/zero | tr '\0' 'x'; printf '\nalloc 2\n'; } | case_ "a 3 MB line" 0 '"line":2'
{ head -c 3000000 /dev/zero | tr '\0' '7'; printf '\n'; } | case_ "a 3 MB number (a short excerpt in the error)" 65 "777…"
printf 'alloc 1\nfree @1\nfree @1\n' | case_ "free @LINE twice" 0 '"ref":1,"pfn":null,"found":false'
printf 'alloc 1 limit=dma32 fallback=dma64 aligned\n' | case_ "fallback to dma64" 0 '"fell_back":false'

# 100 MB of commands streams in memory bounded by live ranges, not by the file.
awk 'BEGIN { for (i = 0; i < 2200000; i++) { print "alloc 16 limit=dma40 aligned   # padding padding padding"; print "free @" (2 * i + 1) } }' >"$work/big.iova"
size=$(stat -c %s "$work/big.iova")
peak_kb=$(python3 - "$bin" "$work/big.iova" <<'PY'
import resource, subprocess, sys
subprocess.run([sys.argv[1], "replay", sys.argv[2], "--policy", "maple", "--format", "jsonl"], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
if [ "$size" -gt 100000000 ] && [ -n "$peak_kb" ] && [ "$peak_kb" -lt 131072 ]; then
    echo "ok   a $((size / 1000000)) MB scenario streamed (free @LINE, maple) in ${peak_kb} KiB peak"
else
    echo "FAIL 100 MB scenario: size $size, peak ${peak_kb:-?} KiB"; failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then echo "$failures hostile case(s) failed"; exit 1; fi
echo "all hostile cases behaved"
