// Code in this file mirrors (*i420).convert's arithmetic exactly; see yuv_amd64.go.

#include "textflag.h"

DATA ff<>+0(SB)/4, $0xff
DATA ff<>+4(SB)/4, $0xff
DATA ff<>+8(SB)/4, $0xff
DATA ff<>+12(SB)/4, $0xff
DATA ff<>+16(SB)/4, $0xff
DATA ff<>+20(SB)/4, $0xff
DATA ff<>+24(SB)/4, $0xff
DATA ff<>+28(SB)/4, $0xff
GLOBL ff<>(SB), RODATA|NOPTR, $32

DATA kyr<>+0(SB)/4, $0x2ebe
DATA kyr<>+4(SB)/4, $0x2ebe
DATA kyr<>+8(SB)/4, $0x2ebe
DATA kyr<>+12(SB)/4, $0x2ebe
DATA kyr<>+16(SB)/4, $0x2ebe
DATA kyr<>+20(SB)/4, $0x2ebe
DATA kyr<>+24(SB)/4, $0x2ebe
DATA kyr<>+28(SB)/4, $0x2ebe
GLOBL kyr<>(SB), RODATA|NOPTR, $32

DATA kyg<>+0(SB)/4, $0x9d3e
DATA kyg<>+4(SB)/4, $0x9d3e
DATA kyg<>+8(SB)/4, $0x9d3e
DATA kyg<>+12(SB)/4, $0x9d3e
DATA kyg<>+16(SB)/4, $0x9d3e
DATA kyg<>+20(SB)/4, $0x9d3e
DATA kyg<>+24(SB)/4, $0x9d3e
DATA kyg<>+28(SB)/4, $0x9d3e
GLOBL kyg<>(SB), RODATA|NOPTR, $32

DATA kyb<>+0(SB)/4, $0xfe0
DATA kyb<>+4(SB)/4, $0xfe0
DATA kyb<>+8(SB)/4, $0xfe0
DATA kyb<>+12(SB)/4, $0xfe0
DATA kyb<>+16(SB)/4, $0xfe0
DATA kyb<>+20(SB)/4, $0xfe0
DATA kyb<>+24(SB)/4, $0xfe0
DATA kyb<>+28(SB)/4, $0xfe0
GLOBL kyb<>(SB), RODATA|NOPTR, $32

DATA yoff<>+0(SB)/4, $0x108000
DATA yoff<>+4(SB)/4, $0x108000
DATA yoff<>+8(SB)/4, $0x108000
DATA yoff<>+12(SB)/4, $0x108000
DATA yoff<>+16(SB)/4, $0x108000
DATA yoff<>+20(SB)/4, $0x108000
DATA yoff<>+24(SB)/4, $0x108000
DATA yoff<>+28(SB)/4, $0x108000
GLOBL yoff<>(SB), RODATA|NOPTR, $32

DATA kur<>+0(SB)/4, $0xffffe63c
DATA kur<>+4(SB)/4, $0xffffe63c
DATA kur<>+8(SB)/4, $0xffffe63c
DATA kur<>+12(SB)/4, $0xffffe63c
DATA kur<>+16(SB)/4, $0xffffe63c
DATA kur<>+20(SB)/4, $0xffffe63c
DATA kur<>+24(SB)/4, $0xffffe63c
DATA kur<>+28(SB)/4, $0xffffe63c
GLOBL kur<>(SB), RODATA|NOPTR, $32

DATA kug<>+0(SB)/4, $0xffffa953
DATA kug<>+4(SB)/4, $0xffffa953
DATA kug<>+8(SB)/4, $0xffffa953
DATA kug<>+12(SB)/4, $0xffffa953
DATA kug<>+16(SB)/4, $0xffffa953
DATA kug<>+20(SB)/4, $0xffffa953
DATA kug<>+24(SB)/4, $0xffffa953
DATA kug<>+28(SB)/4, $0xffffa953
GLOBL kug<>(SB), RODATA|NOPTR, $32

DATA kub<>+0(SB)/4, $0x7071
DATA kub<>+4(SB)/4, $0x7071
DATA kub<>+8(SB)/4, $0x7071
DATA kub<>+12(SB)/4, $0x7071
DATA kub<>+16(SB)/4, $0x7071
DATA kub<>+20(SB)/4, $0x7071
DATA kub<>+24(SB)/4, $0x7071
DATA kub<>+28(SB)/4, $0x7071
GLOBL kub<>(SB), RODATA|NOPTR, $32

DATA kvr<>+0(SB)/4, $0x7071
DATA kvr<>+4(SB)/4, $0x7071
DATA kvr<>+8(SB)/4, $0x7071
DATA kvr<>+12(SB)/4, $0x7071
DATA kvr<>+16(SB)/4, $0x7071
DATA kvr<>+20(SB)/4, $0x7071
DATA kvr<>+24(SB)/4, $0x7071
DATA kvr<>+28(SB)/4, $0x7071
GLOBL kvr<>(SB), RODATA|NOPTR, $32

DATA kvg<>+0(SB)/4, $0xffff99df
DATA kvg<>+4(SB)/4, $0xffff99df
DATA kvg<>+8(SB)/4, $0xffff99df
DATA kvg<>+12(SB)/4, $0xffff99df
DATA kvg<>+16(SB)/4, $0xffff99df
DATA kvg<>+20(SB)/4, $0xffff99df
DATA kvg<>+24(SB)/4, $0xffff99df
DATA kvg<>+28(SB)/4, $0xffff99df
GLOBL kvg<>(SB), RODATA|NOPTR, $32

DATA kvb<>+0(SB)/4, $0xfffff5b0
DATA kvb<>+4(SB)/4, $0xfffff5b0
DATA kvb<>+8(SB)/4, $0xfffff5b0
DATA kvb<>+12(SB)/4, $0xfffff5b0
DATA kvb<>+16(SB)/4, $0xfffff5b0
DATA kvb<>+20(SB)/4, $0xfffff5b0
DATA kvb<>+24(SB)/4, $0xfffff5b0
DATA kvb<>+28(SB)/4, $0xfffff5b0
GLOBL kvb<>(SB), RODATA|NOPTR, $32

DATA coff<>+0(SB)/4, $0x2020000
DATA coff<>+4(SB)/4, $0x2020000
DATA coff<>+8(SB)/4, $0x2020000
DATA coff<>+12(SB)/4, $0x2020000
DATA coff<>+16(SB)/4, $0x2020000
DATA coff<>+20(SB)/4, $0x2020000
DATA coff<>+24(SB)/4, $0x2020000
DATA coff<>+28(SB)/4, $0x2020000
GLOBL coff<>(SB), RODATA|NOPTR, $32

DATA lumaidx<>+0(SB)/4, $0x0
DATA lumaidx<>+4(SB)/4, $0x4
DATA lumaidx<>+8(SB)/4, $0x1
DATA lumaidx<>+12(SB)/4, $0x5
DATA lumaidx<>+16(SB)/4, $0x2
DATA lumaidx<>+20(SB)/4, $0x6
DATA lumaidx<>+24(SB)/4, $0x3
DATA lumaidx<>+28(SB)/4, $0x7
GLOBL lumaidx<>(SB), RODATA|NOPTR, $32

DATA chromaidx<>+0(SB)/4, $0x0
DATA chromaidx<>+4(SB)/4, $0x1
DATA chromaidx<>+8(SB)/4, $0x4
DATA chromaidx<>+12(SB)/4, $0x5
DATA chromaidx<>+16(SB)/4, $0x0
DATA chromaidx<>+20(SB)/4, $0x1
DATA chromaidx<>+24(SB)/4, $0x4
DATA chromaidx<>+28(SB)/4, $0x5
GLOBL chromaidx<>(SB), RODATA|NOPTR, $32

DATA lowbytes<>+0(SB)/4, $0xc080400
DATA lowbytes<>+4(SB)/4, $0x80808080
DATA lowbytes<>+8(SB)/4, $0x80808080
DATA lowbytes<>+12(SB)/4, $0x80808080
DATA lowbytes<>+16(SB)/4, $0xc080400
DATA lowbytes<>+20(SB)/4, $0x80808080
DATA lowbytes<>+24(SB)/4, $0x80808080
DATA lowbytes<>+28(SB)/4, $0x80808080
GLOBL lowbytes<>(SB), RODATA|NOPTR, $32

// SPLIT puts the R, G and B bytes of 8 RGBA pixels (in src) into the dword lanes of R, G, B.
#define SPLIT(src, R, G, B) \
	VPAND ff<>(SB), src, R; \
	VPSRLD $8, src, G; \
	VPAND ff<>(SB), G, G; \
	VPSRLD $16, src, B; \
	VPAND ff<>(SB), B, B

// WEIGH computes (KR*R + KG*G + KB*B + OFF) >> SHIFT in each dword lane of Y4 (Y5 is
// scratch) and gathers the low byte of each lane into the first four bytes of its half.
#define WEIGH(R, G, B, KR, KG, KB, OFF, SHIFT) \
	VPMULLD KR, R, Y4; \
	VPMULLD KG, G, Y5; \
	VPADDD Y5, Y4, Y4; \
	VPMULLD KB, B, Y5; \
	VPADDD Y5, Y4, Y4; \
	VPADDD OFF, Y4, Y4; \
	VPSRAD SHIFT, Y4, Y4; \
	VPSHUFB Y14, Y4, Y4

// func convertRowPairAVX2(p0, p1, y0, y1, u, v *byte, n int)
TEXT ·convertRowPairAVX2(SB), NOSPLIT, $0-56
	MOVQ p0+0(FP), SI
	MOVQ p1+8(FP), DI
	MOVQ y0+16(FP), R8
	MOVQ y1+24(FP), R9
	MOVQ u+32(FP), R10
	MOVQ v+40(FP), R11
	MOVQ n+48(FP), CX
	TESTQ CX, CX
	JZ done
	VMOVDQU lumaidx<>(SB), Y15
	VMOVDQU lowbytes<>(SB), Y14
	VMOVDQU chromaidx<>(SB), Y13

loop:
	// Luma of 8 pixels of each row.
	VMOVDQU (SI), Y0
	SPLIT(Y0, Y1, Y2, Y3)
	WEIGH(Y1, Y2, Y3, kyr<>(SB), kyg<>(SB), kyb<>(SB), yoff<>(SB), $16)
	VPERMD Y4, Y15, Y4
	VMOVQ X4, (R8)
	VMOVDQU (DI), Y0
	SPLIT(Y0, Y6, Y7, Y8)
	WEIGH(Y6, Y7, Y8, kyr<>(SB), kyg<>(SB), kyb<>(SB), yoff<>(SB), $16)
	VPERMD Y4, Y15, Y4
	VMOVQ X4, (R9)

	// Chroma: sums over 2x2 blocks, the four blocks' sums in the low dwords.
	VPADDD Y6, Y1, Y1
	VPADDD Y7, Y2, Y2
	VPADDD Y8, Y3, Y3
	VPHADDD Y1, Y1, Y1
	VPHADDD Y2, Y2, Y2
	VPHADDD Y3, Y3, Y3
	VPERMD Y1, Y13, Y1
	VPERMD Y2, Y13, Y2
	VPERMD Y3, Y13, Y3
	WEIGH(Y1, Y2, Y3, kur<>(SB), kug<>(SB), kub<>(SB), coff<>(SB), $18)
	VMOVD X4, (R10)
	WEIGH(Y1, Y2, Y3, kvr<>(SB), kvg<>(SB), kvb<>(SB), coff<>(SB), $18)
	VMOVD X4, (R11)

	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $8, R8
	ADDQ $8, R9
	ADDQ $4, R10
	ADDQ $4, R11
	DECQ CX
	JNZ loop
	VZEROUPPER

done:
	RET
