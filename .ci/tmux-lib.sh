# Shared by the tmux end-to-end scripts: a private tmux server, a session running the
# visualizer with its exit status recorded, screen polling, and pass/fail bookkeeping.
# Expects $bin (the iovascope binary) to be set by the caller.
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
work=$(mktemp -d)
sock="iovascope-e2e-$$-$RANDOM"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); t capture-pane -p -t iova 2>/dev/null | sed 's/^/     | /' | head -45; }

# wait_for TEXT: poll the screen until TEXT appears (5 s).
wait_for() {
    for _ in $(seq 50); do
        t capture-pane -p -t iova 2>/dev/null | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
check() { if wait_for "$2"; then pass "$1"; else fail "$1: '$2' not on screen"; fi; }

# start ENV... : run the visualizer in a fresh 120x40 session (with $ARGS, if set, as its
# arguments); the shell records its status.
start() {
    rm -f "$work/status" "$work/pid"
    t kill-server 2>/dev/null
    # A server that is still shutting down makes the next one exit at once: retry.
    for _ in $(seq 20); do
        if t new-session -d -s iova -x "${W:-120}" -y "${H:-40}" \
            "sh -c 'echo \$\$ > $work/pid; exec env SWIFT_BACKTRACE=interactive=no $* $bin ${ARGS:-}'; echo \$? > '$work/status'; sleep 30" 2>/dev/null \
            && t has-session -t iova 2>/dev/null; then
            break
        fi
        sleep 0.2
    done
    for _ in $(seq 50); do [ -s "$work/pid" ] && return 0; sleep 0.1; done
    echo "could not start the visualizer under tmux"
}
status() {
    for _ in $(seq 50); do [ -s "$work/status" ] && { cat "$work/status"; return; }; sleep 0.1; done
    echo none
}
restored() {
    [ "$(t display -p -t iova '#{alternate_on}')" = "0" ] && [ "$(t display -p -t iova '#{cursor_flag}')" = "1" ]
}

# The pane's terminal is usable again: echo and canonical mode on (stty on its tty).
tty_sane() {
    local tty
    tty=$(t display -p -t iova '#{pane_tty}')
    stty -F "$tty" -a 2>/dev/null | grep -qw -- 'echo' && stty -F "$tty" -a | grep -qw -- 'icanon'
}

