//go:build !linux

package media

import "os/exec"

// DieWithParent is a no-op where the kernel has no parent-death signal.
func DieWithParent(cmd *exec.Cmd) {}
