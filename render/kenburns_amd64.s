//go:build !purego

#include "textflag.h"
#include "weights_amd64.h"

// func kbVerticalAVX2(a, b *uint64, d *byte, n int, wy, round uint64)
//
// For n groups of 8 pixels: d = (a*(256-wy) + b*wy + round) >> 8 per 16-bit lane, packed
// to bytes, exactly as kbVertical's and kbPlaneVertical's plain loops compute it.
TEXT ·kbVerticalAVX2(SB), NOSPLIT, $0-48
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ n+24(FP), CX
	MOVQ round+40(FP), DX
	VMOVQ DX, X13
	VPBROADCASTW X13, Y13
	MOVQ wy+32(FP), AX
	TESTQ CX, CX
	JZ done
	WEIGHTS

loop:
	VMOVDQU (SI), Y0
	VMOVDQU 32(SI), Y1
	VMOVDQU (DI), Y2
	VMOVDQU 32(DI), Y3
	VPMULLW Y14, Y0, Y0
	VPMULLW Y14, Y1, Y1
	VPMULLW Y15, Y2, Y2
	VPMULLW Y15, Y3, Y3
	VPADDW Y2, Y0, Y0
	VPADDW Y3, Y1, Y1
	VPADDW Y13, Y0, Y0
	VPADDW Y13, Y1, Y1
	VPSRLW $8, Y0, Y0
	VPSRLW $8, Y1, Y1
	// Packing works within 128-bit halves: pixels 0 1 4 5 | 2 3 6 7, put back in order.
	VPACKUSWB Y1, Y0, Y0
	VPERMQ $0xD8, Y0, Y0
	VMOVDQU Y0, (R8)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $32, R8
	DECQ CX
	JNZ loop
	VZEROUPPER

done:
	RET

// func kbHorizontalAVX2(src *byte, x0, x1 *int32, w, out *uint64, n int)
//
// For n groups of 4 pixels: out = (src[x0]*(256-w) + src[x1]*w) >> 8 per 16-bit lane,
// src being packed RGBA pixels, exactly as kenBurns.paint's scalar loop computes it. Each
// group loads the 8 pixels from its first x0 and picks its taps with one permutation:
// computed as t0*256 + (t1-t0)*w, which wraps in 16 bits to the same value as
// t0*(256-w) + t1*w, and that fits (255*256 < 65536).
TEXT ·kbHorizontalAVX2(SB), NOSPLIT, $0-48
	MOVQ src+0(FP), SI
	MOVQ x0+8(FP), R9
	MOVQ x1+16(FP), R10
	MOVQ w+24(FP), R11
	MOVQ out+32(FP), R8
	MOVQ n+40(FP), CX
	TESTQ CX, CX
	JZ hdone

hloop:
	MOVLQZX (R9), AX
	VPBROADCASTD (R9), Y6
	VMOVDQU (R9), X4
	VINSERTI128 $1, (R10), Y4, Y4
	VPSUBD Y6, Y4, Y4          // tap indices from the group's first pixel
	VMOVDQU (SI)(AX*4), Y0
	VPERMD Y0, Y4, Y0          // first taps | second taps
	VPMOVZXBW X0, Y1
	VEXTRACTI128 $1, Y0, X2
	VPMOVZXBW X2, Y2
	VMOVDQU (R11), Y3
	VPSUBW Y1, Y2, Y2
	VPMULLW Y3, Y2, Y2
	VPSLLW $8, Y1, Y1
	VPADDW Y2, Y1, Y1
	VPSRLW $8, Y1, Y1
	VMOVDQU Y1, (R8)
	ADDQ $16, R9
	ADDQ $16, R10
	ADDQ $32, R11
	ADDQ $32, R8
	DECQ CX
	JNZ hloop
	VZEROUPPER

hdone:
	RET

// func kbPlaneHorizontalAVX2(src *byte, base *int32, taps *byte, w, out *uint16, n int)
//
// For n pairs of groups of 8 columns: each 128-bit half loads the 16 bytes from its
// group's base and picks the group's first and second taps with one shuffle; then, in
// 16-bit lanes, out = (t0*256 + (t1-t0)*w + 128) >> 8, which wraps to the same value as
// (t0*(256-w) + t1*w + 128) >> 8 (see kbHorizontalAVX2), and that fits.
TEXT ·kbPlaneHorizontalAVX2(SB), NOSPLIT, $0-48
	MOVQ src+0(FP), SI
	MOVQ base+8(FP), R9
	MOVQ taps+16(FP), R10
	MOVQ w+24(FP), R11
	MOVQ out+32(FP), R8
	MOVQ n+40(FP), CX
	TESTQ CX, CX
	JZ pdone
	VPXOR Y7, Y7, Y7
	MOVQ $128, AX
	VMOVQ AX, X6
	VPBROADCASTW X6, Y6

ploop:
	MOVLQZX (R9), AX
	MOVLQZX 4(R9), DX
	VMOVDQU (SI)(AX*1), X0
	VINSERTI128 $1, (SI)(DX*1), Y0, Y0
	VPSHUFB (R10), Y0, Y0      // per half: 8 first taps, 8 second taps
	VPUNPCKLBW Y7, Y0, Y1      // first taps, 16-bit
	VPUNPCKHBW Y7, Y0, Y2      // second taps
	VPSUBW Y1, Y2, Y2
	VPMULLW (R11), Y2, Y2
	VPSLLW $8, Y1, Y1
	VPADDW Y2, Y1, Y1
	VPADDW Y6, Y1, Y1
	VPSRLW $8, Y1, Y1
	VMOVDQU Y1, (R8)
	ADDQ $8, R9
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $32, R8
	DECQ CX
	JNZ ploop
	VZEROUPPER

pdone:
	RET
