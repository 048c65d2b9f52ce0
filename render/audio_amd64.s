//go:build !purego

#include "textflag.h"

// The range of clip16 and the half it rounds with, as float64s; a float64's sign bit.
DATA pcmLo<>+0(SB)/8, $0xc0e0000000000000 // -32768
GLOBL pcmLo<>(SB), RODATA|NOPTR, $8
DATA pcmHi<>+0(SB)/8, $0x40dfffc000000000 // 32767
GLOBL pcmHi<>(SB), RODATA|NOPTR, $8
DATA pcmHalf<>+0(SB)/8, $0x3fe0000000000000 // 0.5
GLOBL pcmHalf<>(SB), RODATA|NOPTR, $8
DATA pcmSign<>+0(SB)/8, $0x8000000000000000
GLOBL pcmSign<>(SB), RODATA|NOPTR, $8

// PCMCONSTS loads the constants ROUND16 uses: Y11 -32768, Y12 32767, Y13 0.5, Y14 the
// sign bit, in each float64 lane.
#define PCMCONSTS \
	VBROADCASTSD pcmLo<>(SB), Y11; \
	VBROADCASTSD pcmHi<>(SB), Y12; \
	VBROADCASTSD pcmHalf<>(SB), Y13; \
	VBROADCASTSD pcmSign<>(SB), Y14

// ROUND16 is clip16 on four float64s in y (values of float32s, never NaN), into four
// int32s in x: clamped to [-32768, 32767], plus a half with each one's sign, truncated.
// As clip16 rounds in float64, this rounds the same (halves away from zero), and clamping
// first gives its clipped ends. Y15 is scratch.
#define ROUND16(y, x) \
	VMAXPD Y11, y, y; \
	VMINPD Y12, y, y; \
	VANDPD Y14, y, Y15; \
	VORPD Y13, Y15, Y15; \
	VADDPD Y15, y, y; \
	VCVTTPD2DQY y, x

// RSHALVES puts the sums of the two 128-bit halves of a and b (as dotAVX2's first step
// adds them: lane i plus lane i+4) in the low and high halves of dst. Y8, Y9 are scratch.
#define RSHALVES(a, b, dst) \
	VPERM2F128 $0x20, b, a, Y8; \
	VPERM2F128 $0x31, b, a, Y9; \
	VADDPS Y9, Y8, dst

// RSSTORE sums the lanes of 8 outputs' accumulators Y0-Y7 as dotAVX2 sums its lanes
// (halves, then pairs twice), 8 outputs at a time, and stores float64(clip16(sum)) of
// each at DX, which it moves on. The halves of two accumulators go in one register:
// Y0 = outputs 0 and 4, Y1 = 1 and 5, Y2 = 2 and 6, Y3 = 3 and 7; then the pairs:
// Y0 = 0 0 1 1 | 4 4 5 5, Y2 = 2 2 3 3 | 6 6 7 7; then Y0 = 0 1 2 3 | 4 5 6 7, in order.
#define RSSTORE \
	RSHALVES(Y0, Y4, Y0); \
	RSHALVES(Y1, Y5, Y1); \
	RSHALVES(Y2, Y6, Y2); \
	RSHALVES(Y3, Y7, Y3); \
	VHADDPS Y1, Y0, Y0; \
	VHADDPS Y3, Y2, Y2; \
	VHADDPS Y2, Y0, Y0; \
	VCVTPS2PD X0, Y8; \
	VEXTRACTF128 $1, Y0, X9; \
	VCVTPS2PD X9, Y9; \
	ROUND16(Y8, X8); \
	ROUND16(Y9, X9); \
	VCVTDQ2PD X8, Y8; \
	VCVTDQ2PD X9, Y9; \
	VMOVUPD Y8, (DX); \
	VMOVUPD Y9, 32(DX); \
	ADDQ $64, DX

// RSPOS puts output o's coefficient row (SI + R9*R8) and window (DI) in the frame, at
// (o*16)(SP) and (o*16+8)(SP), then steps to the next output: the window R13 bytes on
// (the step's whole samples) and the remainder R9 dr (at 128(SP)) more, less outG (R12)
// and the window a sample further on when it reaches outG, without a branch.
#define RSPOS(o) \
	MOVQ R9, AX; \
	IMULQ R8, AX; \
	ADDQ SI, AX; \
	MOVQ AX, (o*16)(SP); \
	MOVQ DI, (o*16+8)(SP); \
	ADDQ R13, DI; \
	ADDQ 128(SP), R9; \
	MOVQ R9, BX; \
	SUBQ R12, BX; \
	CMPQ R9, R12; \
	CMOVQCC BX, R9; \
	SBBQ AX, AX; \
	LEAQ 2(DI)(AX*2), DI

// RSTAP adds group R10/16 of output o's taps into its lanes acc, as dotAVX2 does: the
// samples sign-extended and converted, a fused multiply-add with the coefficients.
#define RSTAP(o, acc, tmp) \
	MOVQ (o*16)(SP), AX; \
	MOVQ (o*16+8)(SP), BX; \
	VPMOVSXWD (BX)(R10*1), tmp; \
	VCVTDQ2PS tmp, tmp; \
	VFMADD231PS (AX)(R10*2), tmp, acc

// func dotAVX2(c *float32, s *int16, n int) float32
//
// Eight lanes of c*s summed with fused multiply-adds, sign-extending and converting the
// samples eight at a time, then the lanes added together.
TEXT ·dotAVX2(SB), NOSPLIT, $0-28
	MOVQ c+0(FP), SI
	MOVQ s+8(FP), DI
	MOVQ n+16(FP), CX
	VXORPS Y0, Y0, Y0

loop:
	VPMOVSXWD (DI), Y1
	VCVTDQ2PS Y1, Y1
	VFMADD231PS (SI), Y1, Y0
	ADDQ $32, SI
	ADDQ $16, DI
	DECQ CX
	JNZ loop
	VEXTRACTF128 $1, Y0, X1
	VADDPS X1, X0, X0
	VHADDPS X0, X0, X0
	VHADDPS X0, X0, X0
	VZEROUPPER
	MOVSS X0, ret+24(FP)
	RET

// func resampleAVX2(coef *float32, src *int16, out *float64, n, stride int, rem, dk, dr, outG int64)
//
// n groups of 8 consecutive outputs of the resampler's filter, each
// float64(clip16(dotAVX2 of its taps)): the first output's window (stride samples, a
// multiple of 8) starts at src and its coefficients are row rem (one row per remainder);
// each next output's window is dk samples on and its remainder dr more, a sample more
// when that reaches outG. The 8 outputs of a group run side by side, group of taps after
// group, their rows and windows in the frame (with dr).
TEXT ·resampleAVX2(SB), NOSPLIT, $136-72
	MOVQ coef+0(FP), SI
	MOVQ src+8(FP), DI
	MOVQ out+16(FP), DX
	MOVQ n+24(FP), CX
	MOVQ stride+32(FP), R8
	MOVQ rem+40(FP), R9
	MOVQ dk+48(FP), R13
	SHLQ $1, R13 // a step's whole samples, bytes
	MOVQ dr+56(FP), AX
	MOVQ AX, 128(SP)
	MOVQ outG+64(FP), R12
	MOVQ R8, R11
	SHLQ $1, R11 // a window's bytes: the end of the group offset R10
	SHLQ $2, R8  // a coefficient row's bytes
	TESTQ CX, CX
	JZ done
	PCMCONSTS

block:
	RSPOS(0)
	RSPOS(1)
	RSPOS(2)
	RSPOS(3)
	RSPOS(4)
	RSPOS(5)
	RSPOS(6)
	RSPOS(7)
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	XORQ R10, R10

group:
	RSTAP(0, Y0, Y8)
	RSTAP(1, Y1, Y9)
	RSTAP(2, Y2, Y10)
	RSTAP(3, Y3, Y15)
	RSTAP(4, Y4, Y8)
	RSTAP(5, Y5, Y9)
	RSTAP(6, Y6, Y10)
	RSTAP(7, Y7, Y15)
	ADDQ $16, R10
	CMPQ R10, R11
	JNE group
	RSSTORE
	DECQ CX
	JNZ block
	VZEROUPPER

done:
	RET

// func pcm16AVX2(x *float64, out *byte, n int)
//
// n groups of 8 samples: out = clip16(float32(x)) as s16le, rounding to float32 as Go's
// conversion does (to nearest, ties to even) and back, then ROUND16.
TEXT ·pcm16AVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	MOVQ out+8(FP), DI
	MOVQ n+16(FP), CX
	TESTQ CX, CX
	JZ pcmdone
	PCMCONSTS

pcmloop:
	VCVTPD2PSY (SI), X0
	VCVTPD2PSY 32(SI), X1
	VCVTPS2PD X0, Y0
	VCVTPS2PD X1, Y1
	ROUND16(Y0, X0)
	ROUND16(Y1, X1)
	VPACKSSDW X1, X0, X0
	VMOVDQU X0, (DI)
	ADDQ $64, SI
	ADDQ $16, DI
	DECQ CX
	JNZ pcmloop
	VZEROUPPER

pcmdone:
	RET
