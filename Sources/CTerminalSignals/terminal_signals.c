#include "terminal_signals.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop_signal = 0;
static void (*restore_terminal)(void) = 0;
static struct sigaction previous[65];

static void on_stop(int sig) { stop_signal = sig; }

void iova_install_stop_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    sigaction(SIGHUP, &sa, 0);
}

int iova_pending_stop(void) { return (int)stop_signal; }

static void on_crash(int sig) {
    if (restore_terminal) restore_terminal();
    sigaction(sig, &previous[sig], 0);
    raise(sig);
}

void iova_install_crash_handlers(void (*restore)(void)) {
    static const int sigs[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
    restore_terminal = restore;
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_handler = on_crash;
        sigaction(sigs[i], &sa, &previous[sigs[i]]);
    }
}
