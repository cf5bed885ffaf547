// Package configs ships redline's documented example configuration, so the
// binary can print it (`redline config example`) and tests can parse it.
package configs

import _ "embed"

// Example is redline.example.yaml: every option, documented.
//
//go:embed redline.example.yaml
var Example []byte
