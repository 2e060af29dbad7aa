/* Signal handling for the terminal backend: state lives in C because signal handlers may only
 * touch async-signal-safe state. */
#ifndef IOVASCOPE_TERMINAL_SIGNALS_H
#define IOVASCOPE_TERMINAL_SIGNALS_H

/* SIGINT, SIGTERM and SIGHUP set a flag the event loop reads (so ordinary code restores the
 * terminal); returns the signal number seen, or 0. */
void iova_install_stop_handlers(void);
int iova_pending_stop(void);

/* Crash signals (Swift traps are SIGILL/SIGTRAP): call `restore` (which leaves curses mode),
 * then hand the signal to the handler installed before (the Swift runtime's backtracer). */
void iova_install_crash_handlers(void (*restore)(void));

#endif
