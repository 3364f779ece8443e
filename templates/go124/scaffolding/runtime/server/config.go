package server

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"fathom.dev/runtime/schema"
)

// Config is the runtime's configuration, a pure function of the environment (see LoadConfig).
type Config struct {
	Port         int
	Timeout      time.Duration // default per-call timeout when no X-Fathom-Deadline-Ms is sent
	Drain        time.Duration // grace for in-flight calls after SIGTERM
	Workers      int           // concurrent calls
	MaxBodyBytes int64
	Input        *schema.Validator // nil = no input validation
	Output       *schema.Validator // nil = no output validation
	Warnings     []string          // schema keywords that are ignored
	SDK          map[string]string // FATHOM_SDK_* variables
}

// LoadConfig reads the settings from env (a lookup like os.LookupEnv) and readFile. Every error
// names the setting at fault.
func LoadConfig(env func(string) (string, bool), readFile func(string) ([]byte, error)) (Config, error) {
	cfg := Config{}
	port, ok := env("PORT")
	if !ok || port == "" {
		return cfg, fmt.Errorf("PORT is not set; set PORT to the port to listen on")
	}
	var err error
	if cfg.Port, err = strconv.Atoi(port); err != nil || cfg.Port < 0 || cfg.Port > 65535 {
		return cfg, fmt.Errorf("PORT=%q is not a port number", port)
	}
	seconds := func(name string, fallback int) (time.Duration, error) {
		n, err := positiveInt(env, name, fallback)
		return time.Duration(n) * time.Second, err
	}
	if cfg.Timeout, err = seconds("FATHOM_TIMEOUT_SECONDS", 60); err != nil {
		return cfg, err
	}
	if cfg.Drain, err = seconds("FATHOM_DRAIN_SECONDS", 10); err != nil {
		return cfg, err
	}
	if cfg.Workers, err = positiveInt(env, "FATHOM_WORKERS", 16); err != nil {
		return cfg, err
	}
	maxBody, err := positiveInt(env, "FATHOM_MAX_BODY_BYTES", 6*1024*1024)
	if err != nil {
		return cfg, err
	}
	cfg.MaxBodyBytes = int64(maxBody)
	if cfg.Input, err = loadSchema(env, readFile, "FATHOM_INPUT_SCHEMA_FILE", &cfg.Warnings); err != nil {
		return cfg, err
	}
	if cfg.Output, err = loadSchema(env, readFile, "FATHOM_OUTPUT_SCHEMA_FILE", &cfg.Warnings); err != nil {
		return cfg, err
	}
	cfg.SDK = map[string]string{}
	return cfg, nil
}

// OSConfig loads the configuration from the process environment.
func OSConfig() (Config, error) {
	cfg, err := LoadConfig(os.LookupEnv, os.ReadFile)
	if err == nil {
		cfg.SDK = sdkFromEnviron()
	}
	return cfg, err
}

func positiveInt(env func(string) (string, bool), name string, fallback int) (int, error) {
	text, ok := env(name)
	if !ok || text == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(text)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q must be a positive integer", name, text)
	}
	return n, nil
}

func loadSchema(env func(string) (string, bool), readFile func(string) ([]byte, error), name string, warnings *[]string) (*schema.Validator, error) {
	path, ok := env(name)
	if !ok || path == "" {
		return nil, nil
	}
	document, err := readFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read schema %s: %v", name, path, err)
	}
	validator, ignored, err := schema.Compile(document)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v", name, path, err)
	}
	for _, warning := range ignored {
		*warnings = append(*warnings, fmt.Sprintf("%s: %s", name, warning))
	}
	return validator, nil
}
