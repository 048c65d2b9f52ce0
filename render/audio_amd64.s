//go:build !purego

#include "textflag.h"

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
