#!/usr/bin/env bash
# The terminal always comes back: sessions hammered with random keys and resizes (down to
# 1x1), then stopped by a random signal or by q at a random moment. Each must end with the
# documented status and leave the terminal restored: alternate screen off, cursor visible,
# echo and canonical mode on. `.ci/tmux-storm.sh BIN [ROUNDS, default 12] [SEED]`.
set -uo pipefail
bin=${1:?usage: tmux-storm.sh PATH/TO/iovascope [ROUNDS] [SEED]}
rounds=${2:-12}
RANDOM=${3:-7}
. "$(dirname "$0")/tmux-lib.sh"

# Escape and q quit (tested separately); everything else a user might press.
keys=(Right Left Right Right ']' '[' g G ' ' + - z Z o Tab PageUp PageDown '}' '{' i '?' j k l h M F / 1 Enter)
for round in $(seq "$rounds"); do
    start TERM=xterm-256color LANG=C.UTF-8
    wait_for "op 7/8" >/dev/null || { fail "round $round: did not start"; continue; }
    for _ in $(seq $((20 + RANDOM % 40))); do
        case $((RANDOM % 4)) in
            0) t resize-window -t iova -x $((1 + RANDOM % 200)) -y $((1 + RANDOM % 60)) 2>/dev/null ;;
            *) t send-keys -t iova "${keys[RANDOM % ${#keys[@]}]}" ;;
        esac
        [ $((RANDOM % 5)) = 0 ] && sleep 0.0$((RANDOM % 9))
    done
    [ $((RANDOM % 2)) = 0 ] && t resize-window -t iova -x 1 -y 1 2>/dev/null
    how=$((RANDOM % 4))
    case $how in
        0) sig=TERM ;; 1) sig=INT ;; 2) sig=HUP ;; 3) sig=q ;;
    esac
    if [ "$sig" = q ]; then
        # A prompt, the help or search may be open: Escape first, then q quits.
        t resize-window -t iova -x 120 -y 40
        t send-keys -t iova Escape Escape q
        want=0
    else
        kill -s "$sig" "$(cat "$work/pid")"
        want=$((128 + $(kill -l "$sig")))
    fi
    s=$(status)
    if [ "$s" = "$want" ] && restored && tty_sane; then
        pass "round $round: ${sig} -> exit $s, terminal restored"
    else
        fail "round $round: ${sig} -> exit $s (want $want), alternate $(t display -p -t iova '#{alternate_on}'), cursor $(t display -p -t iova '#{cursor_flag}')"
    fi
done

if [ "$failures" -ne 0 ]; then echo "$failures storm round(s) failed"; exit 1; fi
echo "all storm rounds passed"
