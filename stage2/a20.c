/*
 * The A20 gate: test, then each way to open it in turn, testing after each
 * (the order of Linux arch/x86/boot/a20.c). Every wait is bounded: a PC
 * without an 8042 reads 0xFF from its ports.
 */
#include <stdint.h>
#include "a20.h"
#include "bios.h"
#include "io.h"
#include "layout.h"

#define TEST_ADDR       LB_BOUNCE_ADDR /* free, and no code shares its page */
#define TEST_ALIAS      (TEST_ADDR + 0x100000)
#define TEST_LOOPS      32
#define TEST_LOOPS_SLOW (1 << 20)  /* port 0x92 and the 8042 may take a while (about 1 s) */
#define PORT_SYS_CTRL_A 0x92
#define SYS_CTRL_A20    0x02
#define SYS_CTRL_RESET  0x01       /* writing 1 resets the machine: never */
#define KBC_DATA        0x60
#define KBC_STATUS      0x64
#define KBC_CMD         0x64
#define KBC_IN_FULL     0x02
#define KBC_OUT_FULL    0x01
#define KBC_WRITE_OUT   0xD1       /* next data byte goes to the output port */
#define KBC_OUT_A20_ON  0xDF
#define KBC_NULL        0xFF       /* a no-op some USB legacy emulations need after 0xDF */
#define KBC_TRIES       100000
#define KBC_ABSENT_READS 32        /* status 0xFF this often in a row: no controller */
#define A20_ROUNDS      4

/* With A20 off, TEST_ALIAS wraps onto TEST_ADDR and sees each change. */
static int a20_test(int loops)
{
	volatile uint32_t *low = (volatile uint32_t *)TEST_ADDR;
	volatile uint32_t *alias = (volatile uint32_t *)TEST_ALIAS;
	uint32_t saved = *low, ctr = saved;
	int on = 0;

	while (loops--) {
		*low = ++ctr;
		io_delay();
		if (*alias != ctr) {
			on = 1;
			break;
		}
	}
	*low = saved;
	return on;
}

static int kbc_wait_input_empty(void)
{
	int absent = 0;

	for (int i = 0; i < KBC_TRIES; i++) {
		uint8_t status = inb(KBC_STATUS);
		if (status == 0xFF) {
			if (++absent == KBC_ABSENT_READS)
				return 0;
			continue;
		}
		absent = 0;
		if (status & KBC_OUT_FULL) {
			(void)inb(KBC_DATA);
			continue;
		}
		if (!(status & KBC_IN_FULL))
			return 1;
		io_delay();
	}
	return 0;
}

static void a20_bios(void)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.ax = 0x2401; /* INT 15h: enable A20 */
	bios_call(0x15, &r, &r);
}

static void a20_fast(void)
{
	uint8_t v = inb(PORT_SYS_CTRL_A);

	if (!(v & SYS_CTRL_A20))
		outb(PORT_SYS_CTRL_A, (uint8_t)((v | SYS_CTRL_A20) & ~SYS_CTRL_RESET));
}

static void a20_kbc(void)
{
	if (!kbc_wait_input_empty())
		return;
	outb(KBC_CMD, KBC_WRITE_OUT);
	if (!kbc_wait_input_empty())
		return;
	outb(KBC_DATA, KBC_OUT_A20_ON);
	if (!kbc_wait_input_empty())
		return;
	outb(KBC_CMD, KBC_NULL);
	kbc_wait_input_empty();
}

int a20_enable(void)
{
	if (a20_test(TEST_LOOPS))
		return 1;
	for (int round = 0; round < A20_ROUNDS; round++) {
		a20_bios();
		if (a20_test(TEST_LOOPS))
			return 1;
		a20_fast();
		if (a20_test(TEST_LOOPS_SLOW))
			return 1;
		a20_kbc();
		if (a20_test(TEST_LOOPS_SLOW))
			return 1;
	}
	return 0;
}
