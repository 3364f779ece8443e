package schema

import (
	"strings"
	"testing"
)

func mustCompile(t *testing.T, document string) *Validator {
	t.Helper()
	validator, _, err := Compile([]byte(document))
	if err != nil {
		t.Fatalf("compile %s: %v", document, err)
	}
	return validator
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name, schema, value string
		wantErr             string // "" = valid
	}{
		{"type object ok", `{"type":"object"}`, `{}`, ""},
		{"type object rejects array", `{"type":"object"}`, `[]`, "/: must be of type object, got array"},
		{"type list", `{"type":["string","null"]}`, `null`, ""},
		{"integer accepts 2.0", `{"type":"integer"}`, `2.0`, ""},
		{"integer rejects 2.5", `{"type":"integer"}`, `2.5`, "must be of type integer"},
		{"number", `{"type":"number"}`, `"1"`, "must be of type number, got string"},
		{"boolean", `{"type":"boolean"}`, `true`, ""},
		{"required missing", `{"type":"object","required":["action"]}`, `{"x":1}`, `property "action" is required`},
		{"required present", `{"required":["action"]}`, `{"action":"echo"}`, ""},
		{"properties nested path", `{"properties":{"a":{"properties":{"b":{"type":"string"}}}}}`, `{"a":{"b":1}}`, "/a/b: must be of type string"},
		{"enum ok", `{"enum":["a",1,{"k":[1]}]}`, `{"k":[1.0]}`, ""},
		{"enum fails", `{"enum":["a","b"]}`, `"c"`, `must be one of ["a","b"]`},
		{"const", `{"const":3}`, `3`, ""},
		{"minimum", `{"minimum":1}`, `0`, "must be >= 1"},
		{"maximum", `{"maximum":1}`, `1`, ""},
		{"exclusiveMaximum", `{"exclusiveMaximum":1}`, `1`, "must be < 1"},
		{"minLength counts characters", `{"minLength":2}`, `"é"`, "at least 2 characters"},
		{"maxLength", `{"maxLength":2}`, `"ab"`, ""},
		{"items", `{"items":{"type":"integer"}}`, `[1,2,"x"]`, "/2: must be of type integer"},
		{"not required", `{"type":"object","not":{"required":["unexpected"]}}`, `{"unexpected":true}`, `must not match`},
		{"not passes", `{"not":{"required":["unexpected"]}}`, `{"value":1}`, ""},
		{"additionalProperties false", `{"properties":{"a":{}},"additionalProperties":false}`, `{"a":1,"b":2}`, `property "b" is not allowed`},
		{"additionalProperties schema", `{"additionalProperties":{"type":"string"}}`, `{"b":2}`, "/b: must be of type string"},
		{"false schema", `false`, `1`, "no value is allowed"},
		{"true schema", `true`, `1`, ""},
		{"bounds ignore other types", `{"minimum":5,"minLength":5}`, `true`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			value, err := Decode([]byte(c.value))
			if err != nil {
				t.Fatal(err)
			}
			err = mustCompile(t, c.schema).Validate(value)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("want valid, got %v", err)
			case c.wantErr != "" && err == nil:
				t.Fatalf("want error containing %q, got valid", c.wantErr)
			case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
				t.Fatalf("want error containing %q, got %q", c.wantErr, err)
			}
		})
	}
}

func TestCompile_warnsAboutUnsupportedKeywords(t *testing.T) {
	_, warnings, err := Compile([]byte(`{"title":"t","pattern":"x","properties":{"a":{"oneOf":[]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(warnings, "\n")
	if len(warnings) != 2 || !strings.Contains(joined, `"pattern"`) || !strings.Contains(joined, `#/properties/a: keyword "oneOf"`) {
		t.Fatalf("unexpected warnings: %q", warnings)
	}
}

func TestCompile_rejectsMalformedSchemas(t *testing.T) {
	for _, document := range []string{`{`, `[]`, `{"properties":[]}`, `{"not":3}`} {
		if _, _, err := Compile([]byte(document)); err == nil {
			t.Errorf("Compile(%s) succeeded, want an error", document)
		}
	}
}

func TestDecode_rejectsTrailingData(t *testing.T) {
	if _, err := Decode([]byte(`{} {}`)); err == nil {
		t.Fatal("want an error for two values")
	}
}
