//go:build !purego

#include "textflag.h"
#include "weights_amd64.h"

// func mixBytesAVX2(out, a, b *byte, n int, m uint64)
//
// For n groups of 32 bytes: out = (a*(256-m) + b*m + 128) >> 8 in 16-bit lanes (no lane
// overflows: 255*256 + 128 fits), packed back to bytes.
TEXT ·mixBytesAVX2(SB), NOSPLIT, $0-40
	MOVQ out+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	MOVQ m+32(FP), AX
	TESTQ CX, CX
	JZ done
	WEIGHTS
	MOVQ $128, BX
	VMOVQ BX, X13
	VPBROADCASTW X13, Y13

loop:
	VPMOVZXBW (SI), Y0
	VPMOVZXBW 16(SI), Y1
	VPMOVZXBW (DX), Y2
	VPMOVZXBW 16(DX), Y3
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
	// Packing works within 128-bit halves: bytes 0-7 16-23 | 8-15 24-31, put back in order.
	VPACKUSWB Y1, Y0, Y0
	VPERMQ $0xD8, Y0, Y0
	VMOVDQU Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	DECQ CX
	JNZ loop
	VZEROUPPER

done:
	RET
