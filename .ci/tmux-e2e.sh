#!/usr/bin/env bash
# End-to-end test of the interactive visualizer under tmux: keys, a live command, the help
# overlay, resizing, quitting, signals — and the terminal restored each time.
set -uo pipefail
bin=${1:?usage: tmux-e2e.sh PATH/TO/iovascope}
. "$(dirname "$0")/tmux-lib.sh"

start TERM=xterm-256color LANG=C.UTF-8
check "opens on the guided tour, chapter 1" "iovascope │ mainline │ op 7/8 │ step 4/9"
check "the chapter's banner" "chapter 1/12: Mainline: next-fit from a cached node"
t send-keys -t iova Right Right Right
check "micro-steps forward" "step 7/"
t send-keys -t iova Left
check "micro-steps back" "step 6/"
t send-keys -t iova ']'
check "next operation" "op 8/8 │ step 0/"
t send-keys -t iova ':' 'alloc 16 limit=dma32' Enter
check "a live :alloc appends an operation" "appended operation 9: alloc 16 limit=dma32"
t send-keys -t iova ':' 'alloc 0' Enter
check "a bad command is an inline error" "size must be at least 1 page"
t send-keys -t iova ':' 'policy maple' Enter
check ":policy maple re-runs the scenario on the maple tree" "re-ran 9 operations under maple"
check "the maple tree pane" "slots high→low"
t send-keys -t iova ':' 'policy mainline' Enter
check ":policy mainline goes back" "re-ran 9 operations under mainline"
t send-keys -t iova ':' 'compare limit-aware' Enter
check ":compare opens the side-by-side view" "compare mainline vs limit-aware"
t send-keys -t iova ':' 'compare off' Enter
check ":compare off returns to one policy" "iovascope │ mainline │ op 9/9"
t send-keys -t iova ':' "export $work/run.cast" Enter
check ":export writes a recording" "steps to $work/run.cast"
if head -1 "$work/run.cast" 2>/dev/null | grep -q '"version":2' && grep -q '"m","op 9 step 0"' "$work/run.cast" && grep -q '"m","chapter 1/12: Mainline' "$work/run.cast"; then pass "the recording is asciicast v2 with step markers"; else fail "recording content"; fi
t send-keys -t iova ':' "export $work/run.cast" Enter
check ":export refuses to overwrite" "exists (export! to overwrite)"
t send-keys -t iova '?'
check "help opens" "keys — type to filter"
t send-keys -t iova 'q'
# The status line shows through the overlay, so wait for the overlay itself to go.
gone=1; for _ in $(seq 50); do t capture-pane -p -t iova | grep -qF "type to filter" || { gone=0; break; }; sleep 0.1; done
if [ $gone = 0 ] && wait_for "op 9/9"; then pass "q closes help"; else fail "q closes help"; fi
t resize-window -t iova -x 40 -y 12
check "tiny terminal says so" "terminal too small: 40x12"
t resize-window -t iova -x 120 -y 40
check "resizing back redraws" "iovascope │ mainline │ op 9/9"
t send-keys -t iova '}'
check "} opens the next chapter" "chapter 2/12: The first 32-bit allocation walks every node"
check "at its opening step" "op 17/18 │ step 18/47"
t send-keys -t iova '{'
check "{ goes back" "chapter 1/12: Mainline"
t send-keys -t iova 'q'
s=$(status)
if [ "$s" = "0" ] && restored; then pass "q quits with 0, terminal restored"; else fail "q: status $s, alternate $(t display -p -t iova '#{alternate_on}')"; fi

# Monochrome, ASCII, small screen.
W=80 H=24 start NO_COLOR=1 LANG=C LC_ALL=C TERM=xterm
check "ASCII at 80x24" " mainline | op 7/8 | step 4/9"
if t capture-pane -p -t iova | LC_ALL=C grep -q -P '[^\x00-\x7F]'; then fail "non-ASCII on an ASCII screen"; else pass "only ASCII in LANG=C"; fi
if t capture-pane -p -e -t iova | grep -q $'\e\\[3[0-7]m'; then fail "colour despite NO_COLOR"; else pass "no colour with NO_COLOR"; fi
t send-keys -t iova 'q'
[ "$(status)" = "0" ] && restored && pass "ASCII session restored" || fail "ASCII session not restored"

# A long file: the background replay starts while it is read, G lands on the last operation.
"$bin" gen --profile mixed-masks --ops 200000 --seed 3 --output "$work/big.iova" >/dev/null
ARGS="show $work/big.iova --policy limit-aware" start TERM=xterm-256color LANG=C.UTF-8
check "a 200,000-operation file opens" "op 1/200000"
t send-keys -t iova 'G'
check "G goes to its last operation" "op 200000/200000"
t send-keys -t iova 'q'
[ "$(status)" = "0" ] && restored && pass "long file: q quits, terminal restored" || fail "long file: not restored"

# Signals end the session with 128+N and restore the terminal.
for sig in TERM INT HUP; do
    start TERM=xterm-256color LANG=C.UTF-8
    wait_for "op 7/8" >/dev/null
    kill -s "$sig" "$(cat "$work/pid")"
    s=$(status)
    want=$((128 + $(kill -l "$sig")))
    if [ "$s" = "$want" ] && restored; then pass "SIG$sig: exit $s, terminal restored"; else fail "SIG$sig: exit $s (want $want)"; fi
done

if [ "$failures" -ne 0 ]; then echo "$failures tmux check(s) failed"; exit 1; fi
echo "all tmux checks passed"
