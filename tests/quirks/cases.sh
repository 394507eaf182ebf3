# The quirk test cases and what each column means: the one list of them.
# Sourced by run.sh; tests/quirks/rules.mk assembles a shim for every quirk
# named in the quirk column.
#
# One case a line, columns between '|':
#   name     PASS/FAIL quirks/<name>; logs in build/test/quirks/<name>/
#   quirk    the shim build: quirkbios.asm assembled with -D<quirk>
#   machine  more QEMU options; '-' for none
#   mem      expect-mem=<MiB> for the kernel: all RAM it is handed, within
#            10%; '-' when the kernel is not expected to run
#   events   what the hooks must have done: L>=n or L=n for each letter L
#            (quirkbios.asm lists the letters)
#   expect   boot       the conformance kernel reports
#                       "conform: N passed, 0 failed" and the shim's stolen
#                       KiB are still intact
#            error:ERE  the loader stops with one "longboot: error: " line,
#                       on COM1 and on the screen, that matches the extended
#                       regular expression ERE (any case; it may hold '|',
#                       being the last column), and the machine stays halted
#
# INT 15h AH=88h reports memory between 1 and 64 MiB only: with 128 MiB of
# RAM, no more than 64 MiB may be handed to the kernel.
CASES_TABLE='
# name           | quirk            | machine  | mem | events                    | expect
plain            | PLAIN            | -        | 128 | R>=2 E>=2 W>=1            | boot
no-edd           | NO_EDD           | -        | 128 | L>=2 P>=2 R>=57 W>=1      | boot
no-edd-packet    | NO_EDD_PACKET    | -        | 128 | A>=2 L=0 P>=2 R>=57       | boot
small-geometry   | SMALL_GEOMETRY   | -        | 128 | L>=2 G>=2 P>=2 C>=57 T=0  | boot
zero-geometry    | ZERO_GEOMETRY    | -        | -   | L=1 S=1 P=1 R=0           | error:stage2 read: bad disk geometry
heads-256        | HEADS_256        | -        | -   | L=1 S=1 P=1 R=0           | error:stage2 read: bad disk geometry
max127           | MAX127           | -        | 128 | N>=1 M=0                  | boot
boundary         | BOUNDARY         | -        | 128 | R>=2 B=0                  | boot
clobber          | CLOBBER          | -        | 128 | K>=10 W>=1                | boot
clobber-chs      | CLOBBER_CHS      | -        | 128 | K>=60 L>=2 P>=2           | boot
zero-count       | ZERO_COUNT       | -        | 128 | Z=1                       | boot
zero-count-first | ZERO_COUNT_FIRST | -        | 128 | Z=1                       | boot
e820-20          | E820_20          | -        | 128 | E>=2 W>=1                 | boot
no-e820          | NO_E820          | -        | 128 | e>=1 F>=1                 | boot
no-e820-e801     | NO_E820_E801     | -m 128M  | 64  | e>=1 f>=1 H>=1            | boot
if-on            | IF_ON            | -        | 128 | I>=10                     | boot
wrong-dl         | WRONG_DL         | -        | 128 | R>=2                      | boot
bpb              | BPB              | -        | 128 | R>=2                      | boot
bpb-fat32        | BPB_FAT32        | -        | 128 | R>=2                      | boot
seg-07c0         | SEG_07C0         | -        | 128 | R>=2                      | boot
'
