package media

import (
	"os/exec"
	"syscall"
)

// DieWithParent makes cmd's process get SIGKILL when this process dies, so that a server
// killed mid-render leaves no ffmpeg (or other tool) running on its files.
func DieWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
