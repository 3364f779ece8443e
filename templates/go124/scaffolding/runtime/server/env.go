package server

import (
	"os"

	fathom "fathom.dev/sdk"
)

func sdkFromEnviron() map[string]string { return fathom.SDKFromEnviron(os.Environ()) }
