/*
 * A minimal host test harness. Each test group is a function run by
 * RUN(); CHECK() records the first failed condition of the group (with its
 * file and line) and lets the group go on. Each group prints one line:
 *   PASS unit/<suite>: <group>
 *   FAIL unit/<suite>: <group>: <file>:<line>: <condition>
 * With UNIT_LIST=1 in the environment a program runs nothing and prints
 * one "CASE unit/<suite>: <group>" line per group instead: its plan.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdint.h>

#define CHECK(cond) unit_check(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ(a, b) unit_check_eq((uint64_t)(a), (uint64_t)(b), __FILE__, __LINE__, #a " == " #b)
#define RUN(fn, name) unit_run(fn, name)

void unit_suite(const char *name);
void unit_run(void (*fn)(void), const char *name);
int unit_check(int ok, const char *file, int line, const char *what);
int unit_check_eq(uint64_t a, uint64_t b, const char *file, int line, const char *what);
/* 0 when every group passed, else 1: the test program's exit status. */
int unit_done(void);

/* A deterministic pseudo-random sequence (xorshift64*), for property tests. */
uint64_t unit_rand(uint64_t *state);

#endif
