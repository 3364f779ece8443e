module fathom.dev/sdk

go 1.19
