#ifndef OVA_ESPEAK_SHIM_H
#define OVA_ESPEAK_SHIM_H

#include <stdint.h>

// Exit statuses of a synthesis child.
enum {
	OVA_EXIT_OK = 0,
	OVA_EXIT_VOICE = 2,   // espeak_SetVoiceByName failed: unknown voice
	OVA_EXIT_ABORTED = 3, // the abort flag was raised
	OVA_EXIT_SYNTH = 4,   // espeak_Synth failed
	OVA_EXIT_PARAM = 5,   // espeak_SetParameter failed
	OVA_EXIT_WRITE = 6    // the pipe to the parent broke
};

// Record kinds on the pipe from a synthesis child: a header {kind, n} and then n int16
// samples (OVA_REC_SAMPLES) or one ova_event (OVA_REC_EVENT).
enum { OVA_REC_SAMPLES = 1, OVA_REC_EVENT = 2 };

typedef struct {
	int32_t kind;
	int32_t n;
} ova_header;

typedef struct {
	int32_t type;
	int32_t text_position;
	int32_t length;
	int32_t sample;
	char phoneme[8];
} ova_event;

typedef struct {
	int rate, pitch, volume, range, wordgap;
} ova_params;

int ova_fork_synth(const char *voice, const char *text, const ova_params *p,
                   volatile int32_t *abort_flag, int *read_fd);
volatile int32_t *ova_map_flag(void);
void ova_unmap_flag(volatile int32_t *flag);

#endif
