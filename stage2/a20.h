#ifndef LONGBOOT_A20_H
#define LONGBOOT_A20_H
/* Opens the A20 gate; returns 0 when no method worked. */
int a20_enable(void);
#endif
