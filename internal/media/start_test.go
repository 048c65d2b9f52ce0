package media

import (
	"context"
	"os/exec"
	"runtime"
	"testing"
	"time"
)

// TestChildOutlivesStartingThread: a process started by a goroutine whose OS thread then
// exits (as the renderer's encoder goroutines' threads do) keeps running: the parent-death
// signal DieWithParent sets follows the thread that started the process, and Start starts
// every process from a thread that never exits. Started from the goroutine's own thread,
// the process was killed as the goroutine ended.
func TestChildOutlivesStartingThread(t *testing.T) {
	// Several, each from a goroutine of its own: one of them may run on the main thread,
	// which Go never lets exit.
	const n = 4
	cmds := make([]*exec.Cmd, n)
	started := make(chan error, n)
	for i := range cmds {
		cmds[i] = Command(context.Background(), "sleep", "30")
		go func() {
			runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
			started <- Start(cmds[i])
		}()
	}
	for range cmds {
		if err := <-started; err != nil {
			t.Fatal(err)
		}
	}
	exited := make(chan error, n)
	for _, c := range cmds {
		go func() { exited <- c.Wait() }()
	}
	select {
	case err := <-exited:
		t.Errorf("a process ended with the thread that asked for it: %v", err)
	case <-time.After(time.Second):
	}
	for _, c := range cmds {
		c.Process.Kill()
	}
}

// TestOutputKeepsStandardError: Output gives the standard output, and on failure the end
// of the standard error in the *exec.ExitError, as exec.Cmd.Output does.
func TestOutputKeepsStandardError(t *testing.T) {
	out, err := Output(Command(context.Background(), "sh", "-c", "echo out; echo oops >&2"))
	if err != nil || string(out) != "out\n" {
		t.Fatalf("Output: %q, %v", out, err)
	}
	_, err = Output(Command(context.Background(), "sh", "-c", "echo broken >&2; exit 3"))
	ee, ok := err.(interface{ ExitCode() int })
	if !ok || ee.ExitCode() != 3 {
		t.Fatalf("Output of a failing command: %v", err)
	}
}
