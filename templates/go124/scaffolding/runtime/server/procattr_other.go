//go:build !linux

package server

import "os/exec"

func setParentDeathSignal(cmd *exec.Cmd) {}
