package server

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal makes a worker drain and exit if the supervisor dies without telling it.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
