#ifndef OVA_X264_SHIM_H
#define OVA_X264_SHIM_H

#include <stdint.h>
#include <x264.h>

// ova_x264_open sets up an encoder of w x h I420 frames at fps, as ffmpeg's libx264
// wrapper does for the renderer's options (see x264.go), with the extra options in the
// "key=value:key=value" list params parsed by x264 itself. It returns NULL and a message
// in err (of errlen bytes) when an option or the encoder is refused.
x264_t *ova_x264_open(const char *preset, const char *params, int w, int h, int fps, int crf,
                      int keyint, int level, int threads, char *err, int errlen);

// ova_x264_headers returns the stream's SPS and PPS without length prefixes.
int ova_x264_headers(x264_t *enc, uint8_t **sps, int *sps_len, uint8_t **pps, int *pps_len);

// ova_x264_encode encodes one frame (y, u, v planes of an I420 frame, rows unpadded), as
// an IDR frame when idr is set, or drains a delayed frame when y is NULL. It returns the size of the coded frame (0: none
// out yet), with its bytes (length-prefixed NAL units, valid until the next call) in *out,
// whether it is a key frame in *key and its presentation number in *pts; < 0 on error.
int ova_x264_encode(x264_t *enc, uint8_t *y, uint8_t *u, uint8_t *v, int w, int h, int64_t pts,
                    int idr, uint8_t **out, int *key, int64_t *out_pts);

#endif
