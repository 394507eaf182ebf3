#ifndef LONGBOOT_CPU_H
#define LONGBOOT_CPU_H

struct cpu_features {
	int nx; /* EFER.NXE may be set */
};

/* Stops with a message unless the CPU can run 64-bit code. */
void cpu_check(struct cpu_features *f);

/* Bytes of each of entry.asm's 32 exception stubs. */
#define EXCEPTION_STUB_SIZE 8

/* Protected-mode exception handlers that report instead of rebooting. */
void exceptions_init(void);

#endif
