// Synthesis children: the parent process initializes espeak-ng once and never synthesizes;
// each synthesis runs in a child forked from it, so that every synthesis starts from the same
// engine state (espeak-ng keeps static wavegen state across calls that no API resets).
// The child runs only C code and leaves with _exit.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <espeak-ng/speak_lib.h>
#include "shim.h"

static int child_fd = -1;
static volatile int32_t *child_abort;
static int child_write_failed;

static int write_all(int fd, const void *buf, size_t n) {
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int child_callback(short *wav, int numsamples, espeak_EVENT *events) {
	if (wav != NULL && numsamples > 0) {
		ova_header h = {OVA_REC_SAMPLES, numsamples};
		if (write_all(child_fd, &h, sizeof h) < 0 ||
		    write_all(child_fd, wav, (size_t)numsamples * sizeof(short)) < 0) {
			child_write_failed = 1;
			return 1;
		}
	}
	for (espeak_EVENT *e = events; e != NULL && e->type != espeakEVENT_LIST_TERMINATED; e++) {
		ova_header h = {OVA_REC_EVENT, 1};
		ova_event ev;
		memset(&ev, 0, sizeof ev);
		ev.type = e->type;
		ev.text_position = e->text_position;
		ev.length = e->length;
		ev.sample = e->sample;
		if (e->type == espeakEVENT_PHONEME)
			memcpy(ev.phoneme, e->id.string, sizeof ev.phoneme);
		if (write_all(child_fd, &h, sizeof h) < 0 || write_all(child_fd, &ev, sizeof ev) < 0) {
			child_write_failed = 1;
			return 1;
		}
	}
	return *child_abort ? 1 : 0;
}

static void child_main(int fd, const char *voice, const char *text, const ova_params *p,
                       volatile int32_t *abort_flag) {
	// The Go runtime's signal handlers must not run here.
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	// Keep only stdio and our pipe: other pipes must see EOF when their owners close them.
	if (fd != 3) {
		if (dup2(fd, 3) < 0)
			_exit(OVA_EXIT_WRITE);
		fd = 3;
	}
	if (close_range(4, ~0U, 0) < 0) {
		for (int i = 4; i < 4096; i++)
			close(i);
	}

	child_fd = fd;
	child_abort = abort_flag;
	espeak_SetSynthCallback(child_callback);
	if (espeak_SetVoiceByName(voice) != EE_OK)
		_exit(OVA_EXIT_VOICE);
	if (espeak_SetParameter(espeakRATE, p->rate, 0) != EE_OK ||
	    espeak_SetParameter(espeakPITCH, p->pitch, 0) != EE_OK ||
	    espeak_SetParameter(espeakVOLUME, p->volume, 0) != EE_OK ||
	    espeak_SetParameter(espeakRANGE, p->range, 0) != EE_OK ||
	    espeak_SetParameter(espeakWORDGAP, p->wordgap, 0) != EE_OK)
		_exit(OVA_EXIT_PARAM);
	srand(1); // breath noise of some variants uses rand()
	espeak_ERROR rc = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	                               espeakCHARS_UTF8 | espeakENDPAUSE, NULL, NULL);
	if (child_write_failed)
		_exit(OVA_EXIT_WRITE);
	if (*abort_flag)
		_exit(OVA_EXIT_ABORTED);
	if (rc != EE_OK)
		_exit(OVA_EXIT_SYNTH);
	_exit(OVA_EXIT_OK);
}

// ova_fork_synth starts a child that synthesizes text and streams records to *read_fd.
// It returns the child's pid, or -1 with errno set. The caller serializes calls (so that no
// other child inherits the pipe's write end) and reaps the child.
int ova_fork_synth(const char *voice, const char *text, const ova_params *p,
                   volatile int32_t *abort_flag, int *read_fd) {
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_main(fds[1], voice, text, p, abort_flag);
		_exit(OVA_EXIT_SYNTH);
	}
	close(fds[1]);
	*read_fd = fds[0];
	return pid;
}

// ova_map_flag maps a flag shared with children (the parent raises it to abort).
volatile int32_t *ova_map_flag(void) {
	void *m = mmap(NULL, sizeof(int32_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	*(volatile int32_t *)m = 0;
	return m;
}

void ova_unmap_flag(volatile int32_t *flag) {
	munmap((void *)flag, sizeof(int32_t));
}
