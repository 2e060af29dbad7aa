/* The ncursesw API as Swift can import it.
 * SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which hides the wide-character API, so the
 * define is made here; macros Swift cannot import get static inline accessors. */
#ifndef IOVASCOPE_CNCURSES_SHIM_H
#define IOVASCOPE_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline attr_t iova_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t iova_A_BOLD(void) { return A_BOLD; }
static inline attr_t iova_A_DIM(void) { return A_DIM; }
static inline attr_t iova_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t iova_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline int iova_lines(void) { return LINES; }
static inline int iova_cols(void) { return COLS; }
static inline int iova_colors(void) { return COLORS; }
static inline int iova_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *iova_stdscr(void) { return stdscr; }
static inline mmask_t iova_mouse_mask(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t iova_button1(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline mmask_t iova_button4(void) { return BUTTON4_PRESSED; }
static inline mmask_t iova_button5(void) { return BUTTON5_PRESSED; }
static inline const char *iova_codeset(void) { return nl_langinfo(CODESET); }
/* Draws one cell: a wide character with attributes and a colour pair. */
static inline int iova_put_cell(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, 0 };
    setcchar(&cell, text, attrs, pair, NULL);
    return mvadd_wch(y, x, &cell);
}
#endif
