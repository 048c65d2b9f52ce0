//go:build !purego

#include "textflag.h"

// func addWeightedAVX2(d *uint16, s *byte, w uint16, n int)
//
// For n groups of 16: d += s*w in 16-bit lanes (the products and sums of a shrink's taps
// stay below 65536: its weights sum to 256).
TEXT ·addWeightedAVX2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), DI
	MOVQ s+8(FP), SI
	MOVWQZX w+16(FP), AX
	MOVQ n+24(FP), CX
	VMOVQ AX, X1
	VPBROADCASTW X1, Y1

loop:
	VPMOVZXBW (SI), Y0
	VPMULLW Y1, Y0, Y0
	VPADDW (DI), Y0, Y0
	VMOVDQU Y0, (DI)
	ADDQ $16, SI
	ADDQ $32, DI
	DECQ CX
	JNZ loop
	VZEROUPPER
	RET
