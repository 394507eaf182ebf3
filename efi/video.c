/*
 * The display under UEFI: a Graphics Output Protocol mode chosen as
 * under the BIOS (core/video.c), or the one the firmware is in. There is
 * no text mode to hand over (boot protocol section 5).
 */
#include "boot.h"
#include "efi.h"
#include "libc.h"

#define GOP_MODES_MAX 64

static int describe(const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info, uint32_t id, uint64_t fb,
		    struct video_mode *m)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->width = info->HorizontalResolution;
	m->height = info->VerticalResolution;
	m->fb_addr = fb;
	switch (info->PixelFormat) {
	case PixelRedGreenBlueReserved8BitPerColor:
		video_mode_from_masks(m, 0x0000FF, 0x00FF00, 0xFF0000, 0xFF000000);
		break;
	case PixelBlueGreenRedReserved8BitPerColor:
		video_mode_from_masks(m, 0xFF0000, 0x00FF00, 0x0000FF, 0xFF000000);
		break;
	case PixelBitMask:
		if (!video_mode_from_masks(m, info->PixelInformation.RedMask, info->PixelInformation.GreenMask,
					   info->PixelInformation.BlueMask, info->PixelInformation.ReservedMask))
			return 0;
		break;
	default: /* PixelBltOnly: no framebuffer a kernel could draw in */
		return 0;
	}
	m->pitch = info->PixelsPerScanLine * (m->bpp / 8);
	return video_mode_usable(m);
}

/* The modes the adapter offers, and the one video_choose() picks set. */
static void set_requested(EFI_GRAPHICS_OUTPUT_PROTOCOL *gop, const struct video_request *r)
{
	static struct video_mode modes[GOP_MODES_MAX];
	size_t n = 0;

	for (uint32_t id = 0; id < gop->Mode->MaxMode && n < GOP_MODES_MAX; id++) {
		EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info;
		UINTN size;
		if (EFI_ERROR(gop->QueryMode(gop, id, &size, &info)))
			continue;
		/* GOP tells a mode's framebuffer address only once it is set: the current one stands in. */
		if (describe(info, id, gop->Mode->FrameBufferBase, &modes[n]))
			n++;
	}
	int pick = video_choose(modes, n, r);
	if (pick >= 0 && modes[pick].id != gop->Mode->Mode)
		gop->SetMode(gop, modes[pick].id);
}

int firmware_set_video(const struct video_request *r, struct video_mode *m)
{
	EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;

	if (EFI_ERROR(efi_bs->LocateProtocol(&gop_guid, 0, (void **)&gop)) || !gop->Mode)
		return 0;
	if (r->kind == VIDEO_REQUEST_FRAMEBUFFER)
		set_requested(gop, r);
	/* Whatever the mode set did, the kernel is told of the mode the adapter is in. */
	if (!describe(gop->Mode->Info, gop->Mode->Mode, gop->Mode->FrameBufferBase, m))
		return 0;
	uint8_t *fb = (uint8_t *)(uintptr_t)m->fb_addr;
	for (uint32_t y = 0; y < m->height; y++)
		memset(fb + (uint64_t)y * m->pitch, 0, (size_t)m->width * (m->bpp / 8));
	return 1;
}
