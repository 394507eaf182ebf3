#include <stdint.h>
#include "cpu.h"
#include "halt.h"
#include "io.h"

/* QEMU exits with status (value << 1) | 1 (hw/misc/debugexit.c). */
#define QEMU_DEBUG_EXIT_PORT 0xF4
#define QEMU_EXIT_SUCCESS    0x10
#define QEMU_EXIT_FAILURE    0x11

static bool qemu_exit;

void halt_use_qemu_exit(bool enable)
{
	qemu_exit = enable;
}

/* Without the device the write goes nowhere and the halt loop follows. */
static _Noreturn void stop(uint32_t qemu_value)
{
	if (qemu_exit)
		outl(QEMU_DEBUG_EXIT_PORT, qemu_value);
	cpu_halt_forever();
}

void halt_success(void)
{
	stop(QEMU_EXIT_SUCCESS);
}

void halt_failure(void)
{
	stop(QEMU_EXIT_FAILURE);
}
