// Package schema is a small JSON Schema validator: no JSON Schema library is available offline.
//
// Supported keywords: type, enum, const, required, properties, additionalProperties (false or a
// schema), items (a single schema), not, minimum, maximum, exclusiveMinimum, exclusiveMaximum
// (numbers), minLength, maxLength, and boolean schemas. Annotations ($schema, $id, title,
// description, default, examples, $comment, format) are accepted silently; any other keyword is
// ignored and reported by Compile as a warning, so the runtime can log it at start-up.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Validator checks JSON values decoded with json.Decoder.UseNumber (numbers as json.Number).
type Validator struct {
	root any
}

var supported = map[string]bool{
	"type": true, "enum": true, "const": true, "required": true, "properties": true,
	"additionalProperties": true, "items": true, "not": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "minLength": true, "maxLength": true,
}

var annotations = map[string]bool{
	"$schema": true, "$id": true, "title": true, "description": true, "default": true,
	"examples": true, "$comment": true, "format": true,
}

// Compile parses a schema document. It returns the keywords it will ignore as warnings.
func Compile(document []byte) (*Validator, []string, error) {
	root, err := Decode(document)
	if err != nil {
		return nil, nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	var warnings []string
	if err := check(root, "#", &warnings); err != nil {
		return nil, nil, err
	}
	return &Validator{root: root}, warnings, nil
}

// Decode parses exactly one JSON value, keeping numbers as json.Number.
func Decode(data []byte) (any, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		return nil, err
	}
	if _, err := decoder.Token(); err == nil {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	return value, nil
}

func check(node any, at string, warnings *[]string) error {
	if _, ok := node.(bool); ok {
		return nil
	}
	schema, ok := node.(map[string]any)
	if !ok {
		return fmt.Errorf("schema at %s must be an object or a boolean", at)
	}
	for _, key := range sortedKeys(schema) {
		switch {
		case key == "properties":
			properties, ok := schema[key].(map[string]any)
			if !ok {
				return fmt.Errorf("schema at %s: properties must be an object", at)
			}
			for _, name := range sortedKeys(properties) {
				if err := check(properties[name], at+"/properties/"+name, warnings); err != nil {
					return err
				}
			}
		case key == "items" || key == "not" || key == "additionalProperties":
			if _, isArray := schema[key].([]any); isArray && key == "items" {
				*warnings = append(*warnings, fmt.Sprintf("%s/items: the array form is not supported and is ignored", at))
				continue
			}
			if err := check(schema[key], at+"/"+key, warnings); err != nil {
				return err
			}
		case supported[key] || annotations[key]:
		default:
			*warnings = append(*warnings, fmt.Sprintf("%s: keyword %q is not supported and is ignored", at, key))
		}
	}
	return nil
}

// Validate returns nil when value satisfies the schema, else an error naming the first failure.
func (v *Validator) Validate(value any) error {
	return validate(v.root, value, "")
}

func validate(node any, value any, path string) error {
	if allow, ok := node.(bool); ok {
		if !allow {
			return failure(path, "no value is allowed here")
		}
		return nil
	}
	schema := node.(map[string]any)
	if err := validateType(schema, value, path); err != nil {
		return err
	}
	if expected, ok := schema["const"]; ok && !equal(expected, value) {
		return failure(path, "must equal "+compact(expected))
	}
	if options, ok := schema["enum"].([]any); ok && !containsEqual(options, value) {
		return failure(path, "must be one of "+compact(options))
	}
	if not, ok := schema["not"]; ok && validate(not, value, path) == nil {
		return failure(path, "must not match the schema under \"not\"")
	}
	switch typed := value.(type) {
	case json.Number:
		return validateNumber(schema, typed, path)
	case string:
		return validateString(schema, typed, path)
	case []any:
		if items, ok := schema["items"]; ok {
			if _, isArray := items.([]any); !isArray {
				for i, item := range typed {
					if err := validate(items, item, path+"/"+strconv.Itoa(i)); err != nil {
						return err
					}
				}
			}
		}
	case map[string]any:
		return validateObject(schema, typed, path)
	}
	return nil
}

func validateType(schema map[string]any, value any, path string) error {
	var names []string
	switch declared := schema["type"].(type) {
	case string:
		names = []string{declared}
	case []any:
		for _, name := range declared {
			if text, ok := name.(string); ok {
				names = append(names, text)
			}
		}
	default:
		return nil
	}
	for _, name := range names {
		if hasType(name, value) {
			return nil
		}
	}
	return failure(path, fmt.Sprintf("must be of type %s, got %s", strings.Join(names, " or "), typeName(value)))
}

func hasType(name string, value any) bool {
	switch name {
	case "integer":
		number, ok := value.(json.Number)
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(number), 64)
		return err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
	case "number":
		_, ok := value.(json.Number)
		return ok
	default:
		return typeName(value) == name
	}
}

func typeName(value any) string {
	switch value.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	default:
		return "object"
	}
}

func validateNumber(schema map[string]any, number json.Number, path string) error {
	value, err := strconv.ParseFloat(string(number), 64)
	if err != nil {
		return failure(path, "is not a representable number")
	}
	bounds := []struct {
		keyword string
		fails   func(value, bound float64) bool
		text    string
	}{
		{"minimum", func(v, b float64) bool { return v < b }, ">="},
		{"maximum", func(v, b float64) bool { return v > b }, "<="},
		{"exclusiveMinimum", func(v, b float64) bool { return v <= b }, ">"},
		{"exclusiveMaximum", func(v, b float64) bool { return v >= b }, "<"},
	}
	for _, b := range bounds {
		if bound, ok := toFloat(schema[b.keyword]); ok && b.fails(value, bound) {
			return failure(path, fmt.Sprintf("must be %s %s", b.text, compact(schema[b.keyword])))
		}
	}
	return nil
}

func validateString(schema map[string]any, text string, path string) error {
	length := float64(utf8.RuneCountInString(text))
	if bound, ok := toFloat(schema["minLength"]); ok && length < bound {
		return failure(path, fmt.Sprintf("must be at least %s characters long", compact(schema["minLength"])))
	}
	if bound, ok := toFloat(schema["maxLength"]); ok && length > bound {
		return failure(path, fmt.Sprintf("must be at most %s characters long", compact(schema["maxLength"])))
	}
	return nil
}

func validateObject(schema map[string]any, object map[string]any, path string) error {
	if required, ok := schema["required"].([]any); ok {
		for _, name := range required {
			if key, ok := name.(string); ok {
				if _, present := object[key]; !present {
					return failure(path, fmt.Sprintf("property %q is required", key))
				}
			}
		}
	}
	properties, _ := schema["properties"].(map[string]any)
	additional, hasAdditional := schema["additionalProperties"]
	for _, key := range sortedKeys(object) {
		if property, ok := properties[key]; ok {
			if err := validate(property, object[key], path+"/"+escape(key)); err != nil {
				return err
			}
			continue
		}
		if hasAdditional {
			if allow, ok := additional.(bool); ok && !allow {
				return failure(path, fmt.Sprintf("property %q is not allowed", key))
			}
			if err := validate(additional, object[key], path+"/"+escape(key)); err != nil {
				return err
			}
		}
	}
	return nil
}

func failure(path, message string) error {
	if path == "" {
		path = "/"
	}
	return fmt.Errorf("%s: %s", path, message)
}

func escape(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

func toFloat(value any) (float64, bool) {
	number, ok := value.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(number), 64)
	return f, err == nil
}

func containsEqual(options []any, value any) bool {
	for _, option := range options {
		if equal(option, value) {
			return true
		}
	}
	return false
}

func equal(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		fx, errX := strconv.ParseFloat(string(x), 64)
		fy, errY := strconv.ParseFloat(string(y), 64)
		return errX == nil && errY == nil && fx == fy
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for key, value := range x {
			other, present := y[key]
			if !present || !equal(value, other) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}

func compact(value any) string {
	text, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprint(value)
	}
	return string(text)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
