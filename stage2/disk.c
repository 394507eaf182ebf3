/*
 * Disk reads with INT 13h (Phoenix EDD 3.0 for AH=41h/42h/48h; IBM's BIOS
 * interface for AH=00h/02h/08h). Every read lands in the bounce buffer and
 * is copied up: SeaBIOS and many real BIOSes ignore EDD's 64-bit flat
 * buffer address.
 */
#include <stdint.h>
#include "bios.h"
#include "panic.h"
#include "disk.h"
#include "layout.h"

#define READ_TRIES      3
#define EDD_SIGNATURE   0xAA55
#define EDD_PACKET_API  1u      /* AH=41h CX bit 0 */
#define READ_FAILED     0x100u

struct dap {
	uint8_t size, reserved;
	uint16_t count;
	uint16_t offset, segment;
	uint64_t lba;
} __attribute__((packed));

struct edd_params {
	uint16_t size, flags;
	uint32_t cylinders, heads, sectors_per_track;
	uint64_t sectors;
	uint16_t bytes_per_sector;
} __attribute__((packed));

static struct {
	uint8_t drive;
	int edd;
	uint32_t heads, sectors_per_track; /* CHS only */
	uint64_t disk_sectors;             /* 0 when unknown */
	uint64_t image_sectors;
} disk;

static struct dap dap; /* in stage2, below 1 MiB */

_Static_assert(LB_MAX_SECTORS_PER_READ * LB_SECTOR_SIZE <= LB_BOUNCE_SIZE,
	       "the largest read fits the bounce buffer");

void disk_init(uint8_t drive, uint64_t image_sectors)
{
	struct bios_regs r;

	disk.drive = drive;
	disk.image_sectors = image_sectors;
	bios_regs_init(&r);
	r.ah = 0x41;
	r.bx = 0x55AA;
	r.dl = drive;
	bios_call(0x13, &r, &r);
	disk.edd = !(r.eflags & EFLAGS_CF) && r.bx == EDD_SIGNATURE && (r.cx & EDD_PACKET_API);

	if (disk.edd) {
		struct edd_params *p = (struct edd_params *)BOUNCE;
		bios_regs_init(&r);
		r.ah = 0x48;
		r.dl = drive;
		r.ds = rm_seg(LB_BOUNCE_ADDR);
		r.esi = rm_off(LB_BOUNCE_ADDR);
		p->size = sizeof(*p);
		bios_call(0x13, &r, &r);
		disk.disk_sectors = (r.eflags & EFLAGS_CF) ? 0 : p->sectors;
		return;
	}
	bios_regs_init(&r);
	r.ah = 0x08;
	r.dl = drive;
	bios_call(0x13, &r, &r);
	if (r.eflags & EFLAGS_CF)
		panic("cannot read the geometry of BIOS drive 0x%x (status 0x%x)", drive, r.ah);
	disk.sectors_per_track = r.cl & 0x3F;
	disk.heads = (uint32_t)r.dh + 1;
	if (disk.sectors_per_track == 0)
		panic("BIOS drive 0x%x reports 0 sectors per track", drive);
}

static void reset(void)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.ah = 0x00;
	r.dl = disk.drive;
	bios_call(0x13, &r, 0);
}

/*
 * One BIOS read of count sectors to the start of the bounce buffer:
 * 0, or READ_FAILED with the status (AH, which may be 0) in the low byte.
 */
static unsigned read_once(uint64_t lba, uint32_t count)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.dl = disk.drive;
	if (disk.edd) {
		dap.size = sizeof(dap);
		dap.reserved = 0;
		dap.count = (uint16_t)count;
		dap.offset = rm_off(LB_BOUNCE_ADDR);
		dap.segment = rm_seg(LB_BOUNCE_ADDR);
		dap.lba = lba;
		r.ah = 0x42;
		r.ds = rm_seg((uint32_t)&dap);
		r.esi = rm_off((uint32_t)&dap);
	} else {
		uint32_t track = (uint32_t)lba / disk.sectors_per_track;
		uint32_t sector = (uint32_t)lba % disk.sectors_per_track + 1;
		uint32_t head = track % disk.heads, cylinder = track / disk.heads;
		r.ah = 0x02;
		r.al = (uint8_t)count;
		r.ch = (uint8_t)cylinder;
		r.cl = (uint8_t)(sector | ((cylinder >> 2) & 0xC0));
		r.dh = (uint8_t)head;
		r.es = rm_seg(LB_BOUNCE_ADDR);
		r.ebx = rm_off(LB_BOUNCE_ADDR);
	}
	bios_call(0x13, &r, &r);
	return r.eflags & EFLAGS_CF ? READ_FAILED | r.ah : 0;
}

/* Reads up to `want` sectors at lba into the bounce buffer; returns how many. */
static uint32_t read_chunk(uint64_t lba, uint32_t want, const char *what)
{
	uint32_t count = want < LB_MAX_SECTORS_PER_READ ? want : LB_MAX_SECTORS_PER_READ;
	unsigned status = 0;

	if (!disk.edd) {
		/* CHS: not past the end of the track, nor past cylinder 1023. */
		uint32_t left = disk.sectors_per_track - (uint32_t)lba % disk.sectors_per_track;
		if (count > left)
			count = left;
		if (lba >= (uint64_t)1024 * disk.heads * disk.sectors_per_track)
			panic("%s: LBA %llu is past cylinder 1023 and the BIOS has no INT 13h extensions",
			      what, lba);
	}
	for (int i = 0; i < READ_TRIES; i++) {
		status = read_once(lba, count);
		if (status == 0)
			return count;
		reset();
	}
	if (disk.disk_sectors && disk.disk_sectors < disk.image_sectors)
		panic("cannot read %s: LBA %llu status 0x%02x; the disk has %llu sectors but the image needs %llu: it was truncated",
		      what, lba, status & 0xFF, disk.disk_sectors, disk.image_sectors);
	panic("cannot read %s: LBA %llu status 0x%02x (BIOS drive 0x%x)", what, lba, status & 0xFF, disk.drive);
}

void disk_load(uint64_t lba, uint64_t bytes, void *dst, struct lb_sum *sum,
	       const char *what)
{
	uint8_t *out = dst;
	uint64_t sectors = (bytes + LB_SECTOR_SIZE - 1) / LB_SECTOR_SIZE;

	while (sectors) {
		uint32_t want = sectors < LB_MAX_SECTORS_PER_READ ? (uint32_t)sectors : LB_MAX_SECTORS_PER_READ;
		uint32_t got = read_chunk(lba, want, what);
		uint32_t chunk = got * LB_SECTOR_SIZE;
		uint32_t copy = bytes < chunk ? (uint32_t)bytes : chunk;

		lb_copy_sum(out, BOUNCE, copy, chunk / 4, sum);
		out += copy;
		bytes -= copy;
		lba += got;
		sectors -= got;
	}
}
