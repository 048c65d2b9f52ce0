package espeak

/*
#cgo LDFLAGS: -lespeak-ng
#include <stdlib.h>
#include <espeak-ng/speak_lib.h>
#include "shim.h"
*/
import "C"

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// espeak-ng is a process-wide singleton that is not thread-safe, and it keeps static
// synthesis state (pitch flutter phase, roughness cycle count, gain control) from one call to
// the next that no API resets. So this process initializes it once and never synthesizes:
// each synthesis runs in a child forked from it (shim.c), which starts from the same pristine
// state every time. That makes output deterministic, lets syntheses run in parallel, and
// keeps an engine crash out of the server. engineMu serializes every call into espeak-ng in
// this process, and the forks (so that no child inherits another's pipe).
var (
	engineMu   sync.Mutex
	initOnce   sync.Once
	initErr    error
	sampleRate int
)

// event kinds of espeak-ng that the engine uses.
const (
	evWord    = C.espeakEVENT_WORD
	evEnd     = C.espeakEVENT_END
	evMsgEnd  = C.espeakEVENT_MSG_TERMINATED
	evPhoneme = C.espeakEVENT_PHONEME
)

// rawEvent is one espeak event.
type rawEvent struct {
	Type    int
	TextPos int // 1-based character position in the input text
	Length  int // in characters (WORD events)
	Sample  int // position in the audio, in samples
	Phoneme string
}

// rawSynth is the output of one espeak_Synth call.
type rawSynth struct {
	samples []int16
	events  []rawEvent
	aborted bool
}

// initEngine initializes espeak-ng once, in synchronous retrieval mode (no threads) with IPA
// phoneme events. Call with engineMu held.
func initEngine() error {
	initOnce.Do(func() {
		// buflength 50 ms: the child's callback, and with it the abort check, runs every
		// 50 ms of generated audio.
		rate := C.espeak_Initialize(C.AUDIO_OUTPUT_SYNCHRONOUS, 50, nil,
			C.espeakINITIALIZE_PHONEME_EVENTS|C.espeakINITIALIZE_PHONEME_IPA|C.espeakINITIALIZE_DONT_EXIT)
		if rate <= 0 {
			initErr = errors.New("espeak-ng: initialization failed (is espeak-ng-data installed?)")
			return
		}
		sampleRate = int(rate)
	})
	return initErr
}

// synthParams are the espeak parameters of one synthesis.
type synthParams struct {
	voice  string // espeak voice name, e.g. "en-us+f3"
	rate   int    // words per minute
	pitch  int    // 0-100
	volume int    // 0-200, 100 normal
}

// errVoice reports that espeak-ng does not know a voice name.
var errVoice = errors.New("espeak-ng: voice not found")

// synthesize runs espeak-ng on text (UTF-8, no NUL) in a child process and returns its
// samples and events. Closing cancel raises the child's abort flag: its callback then returns
// 1 at the next audio buffer (every 50 ms of audio) and the result has aborted set.
func synthesize(text string, p synthParams, cancel <-chan struct{}) (*rawSynth, error) {
	cvoice := C.CString(p.voice)
	defer C.free(unsafe.Pointer(cvoice))
	ctext := C.CString(text)
	defer C.free(unsafe.Pointer(ctext))
	cp := C.ova_params{rate: C.int(p.rate), pitch: C.int(p.pitch), volume: C.int(p.volume), _range: 50, wordgap: 0}

	flag := C.ova_map_flag()
	if flag == nil {
		return nil, errors.New("espeak-ng: cannot map the abort flag")
	}
	var flagMu sync.Mutex // guards flag against use after unmap
	defer func() {
		flagMu.Lock()
		C.ova_unmap_flag(flag)
		flag = nil
		flagMu.Unlock()
	}()

	engineMu.Lock()
	if err := initEngine(); err != nil {
		engineMu.Unlock()
		return nil, err
	}
	var fd C.int
	pid, err := C.ova_fork_synth(cvoice, ctext, &cp, flag, &fd)
	engineMu.Unlock()
	if pid < 0 {
		return nil, fmt.Errorf("espeak-ng: fork: %w", err)
	}

	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-cancel:
			flagMu.Lock()
			if flag != nil {
				atomic.StoreInt32((*int32)(unsafe.Pointer(flag)), 1)
			}
			flagMu.Unlock()
		case <-stop:
		}
	}()

	f := os.NewFile(uintptr(fd), "espeak-ng")
	s, readErr := readRecords(f)
	f.Close()
	status, waitErr := wait(int(pid))
	close(stop)
	<-watched

	if waitErr != nil {
		return nil, fmt.Errorf("espeak-ng: waiting for the synthesis process: %w", waitErr)
	}
	switch {
	case status.Exited() && status.ExitStatus() == C.OVA_EXIT_OK:
	case status.Exited() && status.ExitStatus() == C.OVA_EXIT_ABORTED:
		s.aborted = true
		return s, nil
	case status.Exited() && status.ExitStatus() == C.OVA_EXIT_VOICE:
		return nil, errVoice
	case status.Exited():
		return nil, fmt.Errorf("espeak-ng: synthesis failed (status %d)", status.ExitStatus())
	default:
		return nil, fmt.Errorf("espeak-ng: synthesis process died: %v", status.Signal())
	}
	if readErr != nil {
		return nil, fmt.Errorf("espeak-ng: reading the synthesis: %w", readErr)
	}
	return s, nil
}

// wait reaps the child pid.
func wait(pid int) (syscall.WaitStatus, error) {
	var ws syscall.WaitStatus
	for {
		_, err := syscall.Wait4(pid, &ws, 0, nil)
		if err == syscall.EINTR {
			continue
		}
		return ws, err
	}
}

// readRecords decodes the records a child writes (see shim.h) until EOF.
func readRecords(r io.Reader) (*rawSynth, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	s := &rawSynth{}
	var hdr [8]byte
	var ev [C.sizeof_ova_event]byte
	for {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			if err == io.EOF {
				return s, nil
			}
			return s, err
		}
		kind := int32(binary.NativeEndian.Uint32(hdr[0:]))
		n := int(int32(binary.NativeEndian.Uint32(hdr[4:])))
		switch {
		case kind == C.OVA_REC_SAMPLES && n >= 0:
			start := len(s.samples)
			s.samples = append(s.samples, make([]int16, n)...)
			if err := binary.Read(br, binary.NativeEndian, s.samples[start:]); err != nil {
				return s, err
			}
		case kind == C.OVA_REC_EVENT && n == 1:
			if _, err := io.ReadFull(br, ev[:]); err != nil {
				return s, err
			}
			e := rawEvent{
				Type:    int(int32(binary.NativeEndian.Uint32(ev[0:]))),
				TextPos: int(int32(binary.NativeEndian.Uint32(ev[4:]))),
				Length:  int(int32(binary.NativeEndian.Uint32(ev[8:]))),
				Sample:  int(int32(binary.NativeEndian.Uint32(ev[12:]))),
			}
			if e.Type == evPhoneme {
				ph := ev[16:24]
				if i := indexByte(ph, 0); i >= 0 {
					ph = ph[:i]
				}
				e.Phoneme = strings.ToValidUTF8(string(ph), "")
			}
			s.events = append(s.events, e)
		default:
			return s, fmt.Errorf("bad record %d/%d", kind, n)
		}
	}
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
