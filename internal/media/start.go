package media

import (
	"bytes"
	"errors"
	"os/exec"
	"runtime"
	"sync"
)

// Start starts cmd from one OS thread kept for that, which never exits. Linux sends the
// parent-death signal DieWithParent asks for when the thread that started the process
// exits, not the process: a child started from a goroutine's thread was killed when that
// thread ended, and the renderer's encoder goroutines end theirs (they run at a lower
// priority; see render's yieldThread). So after every render the warm Festival workers
// started from those threads died, and the next video waited for new ones to load.
// Every process made with Command or DieWithParent must be started with Start, Run or
// Output.
func Start(cmd *exec.Cmd) error {
	startOnce.Do(func() { go startTools() })
	done := make(chan error, 1)
	starts <- func() { done <- cmd.Start() }
	return <-done
}

// RunCmd is cmd.Run with cmd started by Start.
func RunCmd(cmd *exec.Cmd) error {
	if err := Start(cmd); err != nil {
		return err
	}
	return cmd.Wait()
}

// Output is cmd.Output with cmd started by Start: its standard output, and on failure an
// *exec.ExitError that holds the end of its standard error when none was set.
func Output(cmd *exec.Cmd) ([]byte, error) {
	if cmd.Stdout != nil {
		return nil, errors.New("media: Stdout already set")
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	var stderr *bytes.Buffer
	if cmd.Stderr == nil {
		stderr = &bytes.Buffer{}
		cmd.Stderr = stderr
	}
	err := RunCmd(cmd)
	var ee *exec.ExitError
	if stderr != nil && errors.As(err, &ee) {
		ee.Stderr = []byte(tail(stderr.String(), 4096))
	}
	return stdout.Bytes(), err
}

// starts carries the starts to the starting thread, which the first Start starts.
var (
	starts    = make(chan func())
	startOnce sync.Once
)

// startTools runs the starts on its thread, for good. Tests that look for leaked
// goroutines ignore it (goleak.IgnoreTopFunction(StarterFunc)).
func startTools() {
	runtime.LockOSThread() // never unlocked: this thread never exits
	for f := range starts {
		f()
	}
}

// StarterFunc names startTools for goleak.IgnoreTopFunction.
const StarterFunc = "github.com/openvideoagent/videoagent/internal/media.startTools"
