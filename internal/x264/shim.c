#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shim.h"

x264_t *ova_x264_open(const char *preset, const char *params, int w, int h, int fps, int crf,
                      int keyint, int level, int threads, char *err, int errlen) {
	x264_param_t p;
	int known = 0;
	for (int i = 0; x264_preset_names[i]; i++) {
		known |= !strcmp(x264_preset_names[i], preset);
	}
	// Checked here: x264 would also print its refusal on the standard error.
	if (!known || x264_param_default_preset(&p, preset, NULL) < 0) {
		snprintf(err, errlen, "unknown x264 preset %s", preset);
		return NULL;
	}
	p.i_log_level = X264_LOG_NONE;
	p.i_threads = threads; // 0: X264_THREADS_AUTO
	p.i_csp = X264_CSP_I420;
	p.i_width = w;
	p.i_height = h;
	p.i_fps_num = fps;
	p.i_fps_den = 1;
	p.i_timebase_num = 1;
	p.i_timebase_den = fps;
	p.b_vfr_input = 0;
	p.i_keyint_max = keyint;
	p.i_keyint_min = 25 < keyint / 2 ? 25 : keyint / 2; // ffmpeg's default keyint_min
	p.rc.i_rc_method = X264_RC_CRF;
	p.rc.f_rf_constant = crf;
	p.i_level_idc = level;
	p.vui.i_colorprim = 1; // BT.709
	p.vui.i_transfer = 1;
	p.vui.i_colmatrix = 1;
	p.vui.b_fullrange = 0;
	p.b_repeat_headers = 0; // in the sample description (avcC)
	p.b_annexb = 0;         // length-prefixed NAL units, as MP4 stores them

	// "key=value:key=value", as ffmpeg's -x264-params.
	char *list = strdup(params ? params : "");
	for (char *save = NULL, *kv = strtok_r(list, ":", &save); kv; kv = strtok_r(NULL, ":", &save)) {
		char *eq = strchr(kv, '=');
		const char *value = "1";
		if (eq) {
			*eq = 0;
			value = eq + 1;
		}
		if (x264_param_parse(&p, kv, value) != 0) {
			snprintf(err, errlen, "x264 option %s=%s refused", kv, value);
			free(list);
			return NULL;
		}
	}
	free(list);
	if (x264_param_apply_profile(&p, "high") < 0) {
		snprintf(err, errlen, "x264 refused the high profile");
		return NULL;
	}
	x264_t *enc = x264_encoder_open(&p);
	if (!enc) {
		snprintf(err, errlen, "x264 could not open an encoder of %dx%d at %d fps", w, h, fps);
	}
	return enc;
}

int ova_x264_headers(x264_t *enc, uint8_t **sps, int *sps_len, uint8_t **pps, int *pps_len) {
	x264_nal_t *nals;
	int n;
	if (x264_encoder_headers(enc, &nals, &n) < 0) {
		return -1;
	}
	*sps = *pps = NULL;
	for (int i = 0; i < n; i++) {
		if (nals[i].i_type == NAL_SPS) {
			*sps = nals[i].p_payload + 4;
			*sps_len = nals[i].i_payload - 4;
		} else if (nals[i].i_type == NAL_PPS) {
			*pps = nals[i].p_payload + 4;
			*pps_len = nals[i].i_payload - 4;
		}
	}
	return *sps && *pps ? 0 : -1;
}

int ova_x264_encode(x264_t *enc, uint8_t *y, uint8_t *u, uint8_t *v, int w, int h, int64_t pts,
                    int idr, uint8_t **out, int *key, int64_t *out_pts) {
	x264_picture_t in, pic;
	x264_nal_t *nals;
	int n, size;
	x264_picture_init(&pic);
	if (y) {
		x264_picture_init(&in);
		in.img.i_csp = X264_CSP_I420;
		in.img.i_plane = 3;
		in.img.plane[0] = y;
		in.img.plane[1] = u;
		in.img.plane[2] = v;
		in.img.i_stride[0] = w;
		in.img.i_stride[1] = w / 2;
		in.img.i_stride[2] = w / 2;
		in.i_pts = pts;
		if (idr) {
			in.i_type = X264_TYPE_IDR;
		}
		size = x264_encoder_encode(enc, &nals, &n, &in, &pic);
	} else {
		if (x264_encoder_delayed_frames(enc) <= 0) {
			return 0;
		}
		size = x264_encoder_encode(enc, &nals, &n, NULL, &pic);
	}
	if (size > 0) {
		*out = nals[0].p_payload; // x264 lays a frame's NAL units out one after another
		*key = pic.b_keyframe;
		*out_pts = pic.i_pts;
	}
	return size;
}
