//go:build !purego

#include "textflag.h"
#include "blend_amd64.h"

// func blendOverAVX2(d, s *byte, n int)
//
// For n groups of 8 pixels: copied when all 8 are opaque, left when all are transparent,
// else d = s + d*(255-sa)/255 in 16-bit lanes, with x/255 = (x + 1 + (x>>8)) >> 8 (exact
// for x <= 255*255), keeping the low byte as a uint8 conversion does.
TEXT ·blendOverAVX2(SB), NOSPLIT, $0-24
	MOVQ d+0(FP), DI
	MOVQ s+8(FP), SI
	MOVQ n+16(FP), CX
	TESTQ CX, CX
	JZ done
	BLEND_CONSTANTS

loop:
	VMOVDQU (SI), Y0
	VPAND Y12, Y0, Y1
	VPCMPEQD Y12, Y1, Y2
	VPMOVMSKB Y2, AX
	CMPL AX, $-1
	JEQ opaque
	VPTEST Y1, Y1
	JZ next
	VPMOVZXBW X0, Y3
	VEXTRACTI128 $1, Y0, X4
	VPMOVZXBW X4, Y4
	VPMOVZXBW (DI), Y5
	VPMOVZXBW 16(DI), Y6
	VPSHUFB Y13, Y3, Y7
	VPSHUFB Y13, Y4, Y8
	VPSUBW Y7, Y15, Y7
	VPSUBW Y8, Y15, Y8
	VPMULLW Y7, Y5, Y5
	VPMULLW Y8, Y6, Y6
	DIV255(Y5, Y7)
	DIV255(Y6, Y8)
	VPADDW Y3, Y5, Y5
	VPADDW Y4, Y6, Y6
	VPAND Y15, Y5, Y5
	VPAND Y15, Y6, Y6
	// Packing works within 128-bit halves: pixels 0 1 4 5 | 2 3 6 7, put back in order.
	VPACKUSWB Y6, Y5, Y5
	VPERMQ $0xD8, Y5, Y5
	VMOVDQU Y5, (DI)
	JMP next

opaque:
	VMOVDQU Y0, (DI)

next:
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ loop
	VZEROUPPER

done:
	RET

// func blendScaledAVX2(d, s, m *byte, mstep, alpha, n int)
//
// For n groups of 8 pixels: blend's loop with a coverage k = m*alpha/255 per pixel, m
// read from m (8 bytes a group, advancing by mstep: 0 repeats the first 8). Each source
// pixel is scaled by k/255, then composited over d as blendOverAVX2 does; a pixel whose
// source alpha is 0 leaves d as it is. Every division by 255 is exact as there.
TEXT ·blendScaledAVX2(SB), NOSPLIT, $0-48
	MOVQ d+0(FP), DI
	MOVQ s+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ mstep+24(FP), R9
	MOVQ alpha+32(FP), AX
	MOVQ n+40(FP), CX
	TESTQ CX, CX
	JZ sdone
	VMOVQ AX, X11
	VPBROADCASTW X11, Y11 // alpha in each word
	BLEND_CONSTANTS
	MOVQ $0x0404040400000000, AX
	MOVQ $0x0C0C0C0C08080808, BX
	VMOVQ AX, X9
	VPINSRQ $1, BX, X9, X9
	VINSERTI128 $1, X9, Y9, Y9 // the low byte of each dword to all four of its bytes
	VPXOR Y10, Y10, Y10

sloop:
	VMOVDQU (SI), Y0
	VPAND Y12, Y0, Y1
	VPTEST Y1, Y1
	JZ snext // all transparent
	MOVQ (R8), AX
	TESTQ AX, AX
	JZ snext // all masked out
	VPCMPEQD Y10, Y1, Y1 // the transparent pixels, whose d stays
	// k = m*alpha/255, in the four words of each pixel.
	VPMOVZXBD (R8), Y2
	VPSHUFB Y9, Y2, Y2
	VPMOVZXBW X2, Y3
	VEXTRACTI128 $1, Y2, X4
	VPMOVZXBW X4, Y4
	VPMULLW Y11, Y3, Y3
	VPMULLW Y11, Y4, Y4
	DIV255(Y3, Y5)
	DIV255(Y4, Y6)
	// s' = s*k/255.
	VPMOVZXBW X0, Y5
	VEXTRACTI128 $1, Y0, X6
	VPMOVZXBW X6, Y6
	VPMULLW Y3, Y5, Y5
	VPMULLW Y4, Y6, Y6
	DIV255(Y5, Y7)
	DIV255(Y6, Y8)
	// d = s' + d*(255-sa')/255.
	VPSHUFB Y13, Y5, Y7
	VPSHUFB Y13, Y6, Y8
	VPSUBW Y7, Y15, Y7
	VPSUBW Y8, Y15, Y8
	VMOVDQU (DI), Y2
	VPMOVZXBW X2, Y3
	VEXTRACTI128 $1, Y2, X4
	VPMOVZXBW X4, Y4
	VPMULLW Y7, Y3, Y3
	VPMULLW Y8, Y4, Y4
	DIV255(Y3, Y7)
	DIV255(Y4, Y8)
	VPADDW Y5, Y3, Y3
	VPADDW Y6, Y4, Y4
	VPAND Y15, Y3, Y3
	VPAND Y15, Y4, Y4
	VPACKUSWB Y4, Y3, Y3
	VPERMQ $0xD8, Y3, Y3
	VPBLENDVB Y1, Y2, Y3, Y3 // d as it was where the source is transparent
	VMOVDQU Y3, (DI)

snext:
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ R9, R8
	DECQ CX
	JNZ sloop
	VZEROUPPER

sdone:
	RET
