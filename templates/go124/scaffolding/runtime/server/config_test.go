package server

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func loadWith(vars map[string]string, files map[string]string) (Config, error) {
	env := func(name string) (string, bool) { value, ok := vars[name]; return value, ok }
	read := func(path string) ([]byte, error) {
		if content, ok := files[path]; ok {
			return []byte(content), nil
		}
		return nil, errors.New("no such file")
	}
	return LoadConfig(env, read)
}

func TestLoadConfig_defaults(t *testing.T) {
	cfg, err := loadWith(map[string]string{"PORT": "8080"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 8080 || cfg.Timeout != 60*time.Second || cfg.Drain != 10*time.Second ||
		cfg.Workers != 16 || cfg.MaxBodyBytes != 6*1024*1024 || cfg.Input != nil || cfg.Output != nil {
		t.Fatalf("unexpected defaults: %+v", cfg)
	}
}

func TestLoadConfig_errorsNameTheSetting(t *testing.T) {
	cases := map[string]map[string]string{
		"PORT":                      {},
		"PORT=":                     {"PORT": "http"},
		"FATHOM_TIMEOUT_SECONDS":    {"PORT": "1", "FATHOM_TIMEOUT_SECONDS": "soon"},
		"FATHOM_DRAIN_SECONDS":      {"PORT": "1", "FATHOM_DRAIN_SECONDS": "-1"},
		"FATHOM_WORKERS":            {"PORT": "1", "FATHOM_WORKERS": "0"},
		"FATHOM_MAX_BODY_BYTES":     {"PORT": "1", "FATHOM_MAX_BODY_BYTES": "x"},
		"FATHOM_INPUT_SCHEMA_FILE":  {"PORT": "1", "FATHOM_INPUT_SCHEMA_FILE": "/missing.json"},
		"FATHOM_OUTPUT_SCHEMA_FILE": {"PORT": "1", "FATHOM_OUTPUT_SCHEMA_FILE": "/bad.json"},
	}
	for want, vars := range cases {
		_, err := loadWith(vars, map[string]string{"/bad.json": "{"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: want an error naming %s, got %v", vars, want, err)
		}
	}
}

func TestLoadConfig_schemasAndWarnings(t *testing.T) {
	cfg, err := loadWith(
		map[string]string{"PORT": "1", "FATHOM_INPUT_SCHEMA_FILE": "/in.json", "FATHOM_OUTPUT_SCHEMA_FILE": "/out.json"},
		map[string]string{"/in.json": `{"type":"object","pattern":"x"}`, "/out.json": `{"type":"object"}`})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Input == nil || cfg.Output == nil || len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "FATHOM_INPUT_SCHEMA_FILE") {
		t.Fatalf("unexpected config: %+v", cfg)
	}
}
