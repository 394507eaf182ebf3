/* lb_sum (stage2/checksum.c). */
#include <string.h>
#include "unit.h"
#include "checksum.h"

static void fill(unsigned char *buf, size_t n, uint64_t seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)unit_rand(&seed);
}

/*
 * Worked by hand from the definition (a = 1, b = 0; per dword a += w, b += a):
 *   no words:        a = 1, b = 0                         -> 0x0000000000000001
 *   {1}:             a = 2, b = 2                         -> 0x0000000200000002
 *   {1, 2}:          a = 2, b = 2; a = 4, b = 6           -> 0x0000000600000004
 *   "abcd" = 0x64636261: a = 0x64636262, b = a            -> 0x6463626264636262
 *   {0xFFFFFFFF}:    a = 1 + 0xFFFFFFFF = 0 (mod 2^32), b = 0 -> 0
 *   {0xFFFFFFFF, 0xFFFFFFFF}: a = 0, b = 0; a = 0xFFFFFFFF, b = 0xFFFFFFFF
 */
static void known_vectors(void)
{
	static const uint32_t one[] = { 1 }, two[] = { 1, 2 }, max[] = { 0xFFFFFFFF, 0xFFFFFFFF };

	CHECK_EQ(lb_checksum(one, 0), 0x1ULL);
	CHECK_EQ(lb_checksum(one, 1), 0x0000000200000002ULL);
	CHECK_EQ(lb_checksum(two, 2), 0x0000000600000004ULL);
	CHECK_EQ(lb_checksum("abcd", 1), 0x6463626264636262ULL);
	CHECK_EQ(lb_checksum(max, 1), 0x0ULL);
	CHECK_EQ(lb_checksum(max, 2), 0xFFFFFFFFFFFFFFFFULL);
}

static void unaligned_input(void)
{
	unsigned char buf[64 + 3];

	fill(buf, sizeof(buf), 7);
	for (int shift = 1; shift < 4; shift++) {
		unsigned char moved[64];
		memcpy(moved, buf + shift, sizeof(moved));
		CHECK_EQ(lb_checksum(buf + shift, 16), lb_checksum(moved, 16));
	}
}

static void streaming_equals_one_shot(void)
{
	unsigned char buf[512];
	uint64_t whole;

	fill(buf, sizeof(buf), 1);
	whole = lb_checksum(buf, sizeof(buf) / 4);
	for (size_t cut = 0; cut <= sizeof(buf) / 4; cut++) {
		struct lb_sum s;
		lb_sum_init(&s);
		lb_sum_add(&s, buf, cut);
		lb_sum_add(&s, buf + cut * 4, sizeof(buf) / 4 - cut);
		CHECK_EQ(lb_sum_value(&s), whole);
	}
	/* Three pieces of uneven size, and a piece of no words in between. */
	{
		struct lb_sum s;
		lb_sum_init(&s);
		lb_sum_add(&s, buf, 3);
		lb_sum_add(&s, buf + 12, 0);
		lb_sum_add(&s, buf + 12, 61);
		lb_sum_add(&s, buf + 256, 64);
		CHECK_EQ(lb_sum_value(&s), whole);
	}
}

/* Every copy length and every sum length at or above it, with the sum continuing a stream. */
static void copy_sum_lengths(void)
{
	unsigned char src[128], dst[128 + 8];

	fill(src, sizeof(src), 2);
	for (size_t copy = 0; copy <= 100; copy++) {
		for (size_t words = (copy + 3) / 4; words <= 28; words++) {
			struct lb_sum s, ref;
			memset(dst, 0xEE, sizeof(dst));
			lb_sum_init(&s);
			lb_sum_add(&s, src + 100, 5);
			ref = s;
			lb_copy_sum(dst, src, copy, words, &s);
			lb_sum_add(&ref, src, words);
			CHECK_EQ(lb_sum_value(&s), lb_sum_value(&ref));
			CHECK(memcmp(dst, src, copy) == 0);
			for (size_t i = copy; i < sizeof(dst); i++)
				CHECK_EQ(dst[i], 0xEE);
		}
	}
}

static void copy_sum_unaligned(void)
{
	unsigned char src[80], dst[80];

	fill(src, sizeof(src), 3);
	for (int s_off = 0; s_off < 4; s_off++) {
		for (int d_off = 0; d_off < 4; d_off++) {
			struct lb_sum s;
			memset(dst, 0, sizeof(dst));
			lb_sum_init(&s);
			lb_copy_sum(dst + d_off, src + s_off, 67, 17, &s);
			CHECK_EQ(lb_sum_value(&s), lb_checksum(src + s_off, 17));
			CHECK(memcmp(dst + d_off, src + s_off, 67) == 0);
		}
	}
}

/* A changed byte changes the dword by a nonzero amount, so `a` changes: always caught. */
static void flipped_byte_detected(void)
{
	unsigned char buf[64];
	uint64_t good;

	fill(buf, sizeof(buf), 4);
	good = lb_checksum(buf, sizeof(buf) / 4);
	for (size_t i = 0; i < sizeof(buf); i++) {
		for (unsigned x = 1; x < 256; x++) {
			buf[i] ^= (unsigned char)x;
			CHECK(lb_checksum(buf, sizeof(buf) / 4) != good);
			buf[i] ^= (unsigned char)x;
		}
	}
	CHECK_EQ(lb_checksum(buf, sizeof(buf) / 4), good);
}

/* Zeroing a run or swapping two dwords changes b even where a stays. */
static void order_and_zero_runs(void)
{
	uint32_t w[16];
	uint64_t good;

	fill((unsigned char *)w, sizeof(w), 5);
	w[3] = 0x11111111;
	w[4] = 0x22222222;
	good = lb_checksum(w, 16);
	w[3] = 0x22222222;
	w[4] = 0x11111111;
	CHECK(lb_checksum(w, 16) != good);
	w[3] = 0x11111111;
	w[4] = 0x22222222;
	for (size_t start = 0; start < 16; start++) {
		for (size_t len = 1; start + len <= 16; len++) {
			uint32_t z[16];
			int changed = 0;
			memcpy(z, w, sizeof(z));
			for (size_t i = start; i < start + len; i++) {
				changed |= z[i] != 0;
				z[i] = 0;
			}
			if (changed)
				CHECK(lb_checksum(z, 16) != good);
		}
	}
}

int main(void)
{
	unit_suite("checksum");
	RUN(known_vectors, "known vectors");
	RUN(unaligned_input, "unaligned input");
	RUN(streaming_equals_one_shot, "streaming equals one-shot");
	RUN(copy_sum_lengths, "lb_copy_sum: every copy length below the summed words");
	RUN(copy_sum_unaligned, "lb_copy_sum: unaligned source and destination");
	RUN(flipped_byte_detected, "every single changed byte changes the sum");
	RUN(order_and_zero_runs, "swapped dwords and zeroed runs change the sum");
	return unit_done();
}
