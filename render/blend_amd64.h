// BLEND_CONSTANTS sets what the blend kernels share: Y15 holds 255 in each 16-bit word (the
// low-byte mask too), Y14 1 in each word, Y12 the alpha bytes of RGBA pixels, and Y13 the
// shuffle that copies a pixel's alpha word to its four words (bytes 6,7 and 14,15 of each
// 128-bit lane). AX and BX are scratch.
#define BLEND_CONSTANTS \
	MOVQ $0x00FF00FF00FF00FF, AX; \
	VMOVQ AX, X15; \
	VPBROADCASTQ X15, Y15; \
	MOVQ $0x0001000100010001, AX; \
	VMOVQ AX, X14; \
	VPBROADCASTQ X14, Y14; \
	MOVQ $0xFF000000FF000000, AX; \
	VMOVQ AX, X12; \
	VPBROADCASTQ X12, Y12; \
	MOVQ $0x0706070607060706, AX; \
	MOVQ $0x0F0E0F0E0F0E0F0E, BX; \
	VMOVQ AX, X13; \
	VPINSRQ $1, BX, X13, X13; \
	VINSERTI128 $1, X13, Y13, Y13

// DIV255 divides each 16-bit word of r by 255, rounding down, as (r + 1 + r>>8) >> 8,
// which is exact for r <= 255*255. t is scratch; Y14 must hold 1 in each word.
#define DIV255(r, t) \
	VPSRLW $8, r, t; \
	VPADDW Y14, r, r; \
	VPADDW t, r, r; \
	VPSRLW $8, r, r
