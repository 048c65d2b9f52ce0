// WEIGHTS puts the weight in AX (0-256) into every 16-bit lane of Y15, and 256 minus it
// into every lane of Y14, for the kernels that blend two inputs as
// (a*(256-w) + b*w) >> 8. BX is scratch.
#define WEIGHTS \
	MOVQ $256, BX; \
	SUBQ AX, BX; \
	VMOVQ AX, X15; \
	VPBROADCASTW X15, Y15; \
	VMOVQ BX, X14; \
	VPBROADCASTW X14, Y14
