module fathom.dev/runtime

go 1.19

require fathom.dev/sdk v0.0.0

replace fathom.dev/sdk => ../fathom
