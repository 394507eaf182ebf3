#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>

/* Whether word appears in cmdline as a whole, space- or tab-separated word. */
bool cmdline_has_word(const char *cmdline, const char *word);

#endif
