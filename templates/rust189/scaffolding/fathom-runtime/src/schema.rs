//! A small JSON Schema validator: no JSON Schema crate is available offline.
//!
//! Supported keywords: `type`, `enum`, `const`, `required`, `properties`, `additionalProperties`
//! (false or a schema), `items` (a single schema), `not`, `minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum` (numbers), `minLength`, `maxLength`, and boolean
//! schemas. Annotations (`$schema`, `$id`, `title`, `description`, `default`, `examples`,
//! `$comment`, `format`) are accepted silently; any other keyword is ignored and reported by
//! [`compile`] as a warning, so the runtime can log it at start-up.

use serde_json::Value;

const SUPPORTED: &[&str] = &[
    "type",
    "enum",
    "const",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "not",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
];
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "default",
    "examples",
    "$comment",
    "format",
];

/// A compiled schema.
#[derive(Debug)]
pub struct Validator {
    root: Value,
}

/// Parses a schema document; returns the validator and the keywords it will ignore.
pub fn compile(document: &str) -> Result<(Validator, Vec<String>), String> {
    let root: Value =
        serde_json::from_str(document).map_err(|e| format!("schema is not JSON: {}", e))?;
    let mut warnings = Vec::new();
    check(&root, "#", &mut warnings)?;
    Ok((Validator { root }, warnings))
}

fn check(node: &Value, at: &str, warnings: &mut Vec<String>) -> Result<(), String> {
    let schema = match node {
        Value::Bool(_) => return Ok(()),
        Value::Object(schema) => schema,
        _ => return Err(format!("schema at {} must be an object or a boolean", at)),
    };
    for (key, value) in schema {
        match key.as_str() {
            "properties" => {
                let properties = value
                    .as_object()
                    .ok_or_else(|| format!("schema at {}: properties must be an object", at))?;
                for (name, property) in properties {
                    check(property, &format!("{}/properties/{}", at, name), warnings)?;
                }
            }
            "items" if value.is_array() => warnings.push(format!(
                "{}/items: the array form is not supported and is ignored",
                at
            )),
            "items" | "not" | "additionalProperties" => {
                check(value, &format!("{}/{}", at, key), warnings)?
            }
            known if SUPPORTED.contains(&known) || ANNOTATIONS.contains(&known) => {}
            unknown => warnings.push(format!(
                "{}: keyword \"{}\" is not supported and is ignored",
                at, unknown
            )),
        }
    }
    Ok(())
}

impl Validator {
    /// Ok when `value` satisfies the schema, else a message naming the first failure.
    pub fn validate(&self, value: &Value) -> Result<(), String> {
        validate(&self.root, value, "")
    }
}

fn validate(node: &Value, value: &Value, path: &str) -> Result<(), String> {
    let schema = match node {
        Value::Bool(true) => return Ok(()),
        Value::Bool(false) => return Err(failure(path, "no value is allowed here")),
        Value::Object(schema) => schema,
        _ => return Ok(()),
    };
    validate_type(schema.get("type"), value, path)?;
    if let Some(expected) = schema.get("const") {
        if !equal(expected, value) {
            return Err(failure(path, &format!("must equal {}", expected)));
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.iter().any(|option| equal(option, value)) {
            return Err(failure(
                path,
                &format!("must be one of {}", Value::Array(options.clone())),
            ));
        }
    }
    if let Some(not) = schema.get("not") {
        if validate(not, value, path).is_ok() {
            return Err(failure(path, "must not match the schema under \"not\""));
        }
    }
    match value {
        Value::Number(_) => validate_number(schema, value.as_f64().unwrap_or(f64::NAN), path),
        Value::String(text) => validate_string(schema, text, path),
        Value::Array(items) => match schema.get("items") {
            Some(item_schema) if !item_schema.is_array() => {
                for (i, item) in items.iter().enumerate() {
                    validate(item_schema, item, &format!("{}/{}", path, i))?;
                }
                Ok(())
            }
            _ => Ok(()),
        },
        Value::Object(object) => validate_object(schema, object, path),
        _ => Ok(()),
    }
}

fn validate_type(declared: Option<&Value>, value: &Value, path: &str) -> Result<(), String> {
    let names: Vec<&str> = match declared {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => return Ok(()),
    };
    if names.iter().any(|name| has_type(name, value)) {
        return Ok(());
    }
    Err(failure(
        path,
        &format!(
            "must be of type {}, got {}",
            names.join(" or "),
            type_name(value)
        ),
    ))
}

fn has_type(name: &str, value: &Value) -> bool {
    match name {
        "integer" => match value {
            Value::Number(n) => {
                n.is_i64()
                    || n.is_u64()
                    || n.as_f64()
                        .map_or(false, |f| f.is_finite() && f.fract() == 0.0)
            }
            _ => false,
        },
        other => type_name(value) == other,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn validate_number(
    schema: &serde_json::Map<String, Value>,
    value: f64,
    path: &str,
) -> Result<(), String> {
    let bounds: [(&str, fn(f64, f64) -> bool, &str); 4] = [
        ("minimum", |v, b| v < b, ">="),
        ("maximum", |v, b| v > b, "<="),
        ("exclusiveMinimum", |v, b| v <= b, ">"),
        ("exclusiveMaximum", |v, b| v >= b, "<"),
    ];
    for (keyword, fails, text) in bounds.iter() {
        if let Some(bound) = schema.get(*keyword).and_then(Value::as_f64) {
            if fails(value, bound) {
                return Err(failure(
                    path,
                    &format!("must be {} {}", text, schema[*keyword]),
                ));
            }
        }
    }
    Ok(())
}

fn validate_string(
    schema: &serde_json::Map<String, Value>,
    text: &str,
    path: &str,
) -> Result<(), String> {
    let length = text.chars().count() as f64;
    if let Some(bound) = schema.get("minLength").and_then(Value::as_f64) {
        if length < bound {
            return Err(failure(
                path,
                &format!("must be at least {} characters long", schema["minLength"]),
            ));
        }
    }
    if let Some(bound) = schema.get("maxLength").and_then(Value::as_f64) {
        if length > bound {
            return Err(failure(
                path,
                &format!("must be at most {} characters long", schema["maxLength"]),
            ));
        }
    }
    Ok(())
}

fn validate_object(
    schema: &serde_json::Map<String, Value>,
    object: &serde_json::Map<String, Value>,
    path: &str,
) -> Result<(), String> {
    if let Some(Value::Array(required)) = schema.get("required") {
        for name in required.iter().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                return Err(failure(path, &format!("property \"{}\" is required", name)));
            }
        }
    }
    let properties = schema.get("properties").and_then(Value::as_object);
    let additional = schema.get("additionalProperties");
    for (key, item) in object {
        let item_path = format!("{}/{}", path, key.replace('~', "~0").replace('/', "~1"));
        if let Some(property) = properties.and_then(|p| p.get(key)) {
            validate(property, item, &item_path)?;
        } else if let Some(Value::Bool(false)) = additional {
            return Err(failure(
                path,
                &format!("property \"{}\" is not allowed", key),
            ));
        } else if let Some(additional) = additional {
            validate(additional, item, &item_path)?;
        }
    }
    Ok(())
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).map_or(false, |other| equal(value, other)))
        }
        _ => a == b,
    }
}

fn failure(path: &str, message: &str) -> String {
    format!("{}: {}", if path.is_empty() { "/" } else { path }, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(schema: &str, value: &str) -> Result<(), String> {
        let (validator, _) = compile(schema).unwrap();
        validator.validate(&serde_json::from_str(value).unwrap())
    }

    #[test]
    fn validates_each_supported_keyword() {
        let cases: &[(&str, &str, &str)] = &[
            (r#"{"type":"object"}"#, "{}", ""),
            (
                r#"{"type":"object"}"#,
                "[]",
                "/: must be of type object, got array",
            ),
            (r#"{"type":["string","null"]}"#, "null", ""),
            (r#"{"type":"integer"}"#, "2.0", ""),
            (r#"{"type":"integer"}"#, "2.5", "must be of type integer"),
            (
                r#"{"type":"number"}"#,
                r#""1""#,
                "must be of type number, got string",
            ),
            (
                r#"{"type":"object","required":["action"]}"#,
                r#"{"x":1}"#,
                r#"property "action" is required"#,
            ),
            (r#"{"required":["action"]}"#, r#"{"action":"echo"}"#, ""),
            (
                r#"{"properties":{"a":{"properties":{"b":{"type":"string"}}}}}"#,
                r#"{"a":{"b":1}}"#,
                "/a/b: must be of type string",
            ),
            (r#"{"enum":["a",1,{"k":[1]}]}"#, r#"{"k":[1.0]}"#, ""),
            (
                r#"{"enum":["a","b"]}"#,
                r#""c""#,
                r#"must be one of ["a","b"]"#,
            ),
            (r#"{"const":3}"#, "3", ""),
            (r#"{"minimum":1}"#, "0", "must be >= 1"),
            (r#"{"maximum":1}"#, "1", ""),
            (r#"{"exclusiveMaximum":1}"#, "1", "must be < 1"),
            (r#"{"minLength":2}"#, r#""é""#, "at least 2 characters"),
            (r#"{"maxLength":2}"#, r#""ab""#, ""),
            (
                r#"{"items":{"type":"integer"}}"#,
                r#"[1,2,"x"]"#,
                "/2: must be of type integer",
            ),
            (
                r#"{"type":"object","not":{"required":["unexpected"]}}"#,
                r#"{"unexpected":true}"#,
                "must not match",
            ),
            (
                r#"{"not":{"required":["unexpected"]}}"#,
                r#"{"value":1}"#,
                "",
            ),
            (
                r#"{"properties":{"a":{}},"additionalProperties":false}"#,
                r#"{"a":1,"b":2}"#,
                r#"property "b" is not allowed"#,
            ),
            (
                r#"{"additionalProperties":{"type":"string"}}"#,
                r#"{"b":2}"#,
                "/b: must be of type string",
            ),
            ("false", "1", "no value is allowed"),
            ("true", "1", ""),
            (r#"{"minimum":5,"minLength":5}"#, "true", ""),
        ];
        for (schema, value, want) in cases {
            match (outcome(schema, value), want.is_empty()) {
                (Ok(()), true) => {}
                (Err(message), false) if message.contains(want) => {}
                (got, _) => panic!(
                    "{} against {}: got {:?}, want {:?}",
                    value, schema, got, want
                ),
            }
        }
    }

    #[test]
    fn compile_warns_about_unsupported_keywords() {
        let (_, warnings) =
            compile(r#"{"title":"t","pattern":"x","properties":{"a":{"oneOf":[]}}}"#).unwrap();
        assert_eq!(warnings.len(), 2, "{:?}", warnings);
        assert!(warnings.iter().any(|w| w.contains("\"pattern\"")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("#/properties/a: keyword \"oneOf\"")));
    }

    #[test]
    fn compile_rejects_malformed_schemas() {
        for document in ["{", "[]", r#"{"properties":[]}"#, r#"{"not":3}"#] {
            assert!(compile(document).is_err(), "{}", document);
        }
    }
}
