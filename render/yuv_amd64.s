//go:build !purego

// Code in this file mirrors (*i420).convert's arithmetic exactly; see yuv_amd64.go.

#include "textflag.h"

// Constants, each broadcast to a whole register when the kernel starts.
//
// Coefficients as 16-bit pairs for VPMADDWD, one pixel's R G B A in four words: luma
// halved (all of BT.709's are even, so (2s + off) >> 16 is (s + off/2) >> 15), chroma as
// they are.
DATA ky<>+0(SB)/8, $0x000007f04e9f175f // 5983, 20127, 2032, 0
GLOBL ky<>(SB), RODATA|NOPTR, $8
DATA ku<>+0(SB)/8, $0x00007071a953e63c // -6596, -22189, 28785, 0
GLOBL ku<>(SB), RODATA|NOPTR, $8
DATA kv<>+0(SB)/8, $0x0000f5b099df7071 // 28785, -26145, -2640, 0
GLOBL kv<>(SB), RODATA|NOPTR, $8

// yoff is half of luma's offset and rounding, (16 << 16) + 32768; coff is chroma's,
// (512 << 16) + 131072.
DATA yoff<>+0(SB)/4, $0x84000
GLOBL yoff<>(SB), RODATA|NOPTR, $4
DATA coff<>+0(SB)/4, $0x2020000
GLOBL coff<>(SB), RODATA|NOPTR, $4

// lumaidx orders the dwords of the packed lumas: row 0's pixels 0-3 and 4-7, then row 1's;
// chromaidx puts the four U sums before the four V sums. One byte per dword index.
DATA lumaidx<>+0(SB)/8, $0x0703060205010400
GLOBL lumaidx<>(SB), RODATA|NOPTR, $8
DATA chromaidx<>+0(SB)/8, $0x0706030205040100
GLOBL chromaidx<>(SB), RODATA|NOPTR, $8

// lowbytes gathers the low byte of each dword into the first four bytes of its half.
DATA lowbytes<>+0(SB)/8, $0x808080800c080400
DATA lowbytes<>+8(SB)/8, $0x8080808080808080
GLOBL lowbytes<>(SB), RODATA|NOPTR, $16

// func convertRowPairAVX2(p0, p1, y0, y1, u, v *byte, n int)
//
// For n groups of 8 pixels of two rows: pixels widen to words (0 1 4 5 and 2 3 6 7, so
// that pair sums come out in order), VPMADDWD weighs R and G, and B, VPHADDD adds the
// pairs; for chroma the two rows' words are added first and VPHADDD also adds pixel
// pairs.
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
	VPXOR Y15, Y15, Y15
	VBROADCASTI128 lowbytes<>(SB), Y14
	VPMOVZXBD lumaidx<>(SB), Y13
	VPMOVZXBD chromaidx<>(SB), Y12
	VPBROADCASTQ ky<>(SB), Y11
	VPBROADCASTQ ku<>(SB), Y10
	VPBROADCASTQ kv<>(SB), Y9
	VPBROADCASTD yoff<>(SB), Y8
	VPBROADCASTD coff<>(SB), Y7

loop:
	VMOVDQU (SI), Y0
	VPUNPCKLBW Y15, Y0, Y1 // row 0, pixels 0 1 | 4 5
	VPUNPCKHBW Y15, Y0, Y2 // row 0, pixels 2 3 | 6 7
	VMOVDQU (DI), Y0
	VPUNPCKLBW Y15, Y0, Y3 // row 1
	VPUNPCKHBW Y15, Y0, Y4

	// Luma.
	VPMADDWD Y11, Y1, Y5
	VPMADDWD Y11, Y2, Y6
	VPHADDD Y6, Y5, Y5 // row 0: pixels 0-3 | 4-7
	VPMADDWD Y11, Y3, Y6
	VPMADDWD Y11, Y4, Y0
	VPHADDD Y0, Y6, Y6 // row 1
	VPADDD Y8, Y5, Y5
	VPADDD Y8, Y6, Y6
	VPSRLD $15, Y5, Y5
	VPSRLD $15, Y6, Y6
	VPACKUSDW Y6, Y5, Y5
	VPACKUSWB Y5, Y5, Y5
	VPERMD Y5, Y13, Y5
	VMOVQ X5, (R8)
	VPEXTRQ $1, X5, (R9)

	// Chroma: sums over 2x2 blocks.
	VPADDW Y3, Y1, Y1
	VPADDW Y4, Y2, Y2
	VPMADDWD Y10, Y1, Y3
	VPMADDWD Y10, Y2, Y4
	VPHADDD Y4, Y3, Y3 // U of each column pair: pixels 0-3 | 4-7
	VPMADDWD Y9, Y1, Y5
	VPMADDWD Y9, Y2, Y6
	VPHADDD Y6, Y5, Y5 // V
	VPHADDD Y5, Y3, Y3 // U01 U23 V01 V23 | U45 U67 V45 V67
	VPERMD Y3, Y12, Y3
	VPADDD Y7, Y3, Y3
	VPSRAD $18, Y3, Y3
	VPSHUFB Y14, Y3, Y3
	VMOVD X3, (R10)
	VEXTRACTI128 $1, Y3, X3
	VMOVD X3, (R11)

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
