//! The runtime's configuration: a pure function of the environment.

use crate::schema::{self, Validator};
use std::collections::BTreeMap;
use std::time::Duration;

/// Settings read from the environment (see [`Config::load`]).
#[derive(Debug)]
pub struct Config {
    pub port: u16,
    /// Default per-call timeout when no `X-Fathom-Deadline-Ms` is sent.
    pub timeout: Duration,
    /// Grace for in-flight calls after SIGTERM.
    pub drain: Duration,
    /// Concurrent calls.
    pub workers: usize,
    pub max_body_bytes: usize,
    pub input: Option<Validator>,
    pub output: Option<Validator>,
    /// Schema keywords that are ignored.
    pub warnings: Vec<String>,
    /// `FATHOM_SDK_*` variables.
    pub sdk: BTreeMap<String, String>,
}

impl Config {
    /// Reads the settings through `env` (a lookup like `std::env::var`) and `read_file`. Every
    /// error names the setting at fault.
    pub fn load(
        env: &dyn Fn(&str) -> Option<String>,
        read_file: &dyn Fn(&str) -> std::io::Result<String>,
    ) -> Result<Config, String> {
        let port_text = env("PORT")
            .filter(|p| !p.is_empty())
            .ok_or("PORT is not set; set PORT to the port to listen on")?;
        let port = port_text
            .parse::<u16>()
            .map_err(|_| format!("PORT={:?} is not a port number", port_text))?;
        let mut warnings = Vec::new();
        let input = load_schema(env, read_file, "FATHOM_INPUT_SCHEMA_FILE", &mut warnings)?;
        let output = load_schema(env, read_file, "FATHOM_OUTPUT_SCHEMA_FILE", &mut warnings)?;
        Ok(Config {
            port,
            timeout: Duration::from_secs(positive(env, "FATHOM_TIMEOUT_SECONDS", 60)? as u64),
            drain: Duration::from_secs(positive(env, "FATHOM_DRAIN_SECONDS", 10)? as u64),
            workers: positive(env, "FATHOM_WORKERS", 16)?,
            max_body_bytes: positive(env, "FATHOM_MAX_BODY_BYTES", 6 * 1024 * 1024)?,
            input,
            output,
            warnings,
            sdk: BTreeMap::new(),
        })
    }

    /// Loads the configuration from the process environment.
    pub fn from_process() -> Result<Config, String> {
        let env = |name: &str| std::env::var(name).ok();
        let read = |path: &str| std::fs::read_to_string(path);
        let mut config = Config::load(&env, &read)?;
        config.sdk = fathom::sdk_from_env(std::env::vars());
        Ok(config)
    }
}

fn positive(
    env: &dyn Fn(&str) -> Option<String>,
    name: &str,
    fallback: usize,
) -> Result<usize, String> {
    match env(name).filter(|text| !text.is_empty()) {
        None => Ok(fallback),
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("{}={:?} must be a positive integer", name, text)),
        },
    }
}

fn load_schema(
    env: &dyn Fn(&str) -> Option<String>,
    read_file: &dyn Fn(&str) -> std::io::Result<String>,
    name: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<Validator>, String> {
    let path = match env(name).filter(|p| !p.is_empty()) {
        None => return Ok(None),
        Some(path) => path,
    };
    let document =
        read_file(&path).map_err(|e| format!("{}: cannot read schema {}: {}", name, path, e))?;
    let (validator, ignored) =
        schema::compile(&document).map_err(|e| format!("{}: {}: {}", name, path, e))?;
    warnings.extend(ignored.into_iter().map(|w| format!("{}: {}", name, w)));
    Ok(Some(validator))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load_with(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<Config, String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let files: HashMap<String, String> = files
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = |name: &str| vars.get(name).cloned();
        let read = |path: &str| {
            files
                .get(path)
                .cloned()
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
        };
        Config::load(&env, &read)
    }

    #[test]
    fn defaults() {
        let config = load_with(&[("PORT", "8080")], &[]).unwrap();
        assert_eq!(config.port, 8080);
        assert_eq!(config.timeout, Duration::from_secs(60));
        assert_eq!(config.drain, Duration::from_secs(10));
        assert_eq!(config.workers, 16);
        assert_eq!(config.max_body_bytes, 6 * 1024 * 1024);
        assert!(config.input.is_none() && config.output.is_none());
    }

    #[test]
    fn errors_name_the_setting() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("PORT", &[]),
            ("PORT=", &[("PORT", "http")]),
            (
                "FATHOM_TIMEOUT_SECONDS",
                &[("PORT", "1"), ("FATHOM_TIMEOUT_SECONDS", "soon")],
            ),
            (
                "FATHOM_DRAIN_SECONDS",
                &[("PORT", "1"), ("FATHOM_DRAIN_SECONDS", "-1")],
            ),
            ("FATHOM_WORKERS", &[("PORT", "1"), ("FATHOM_WORKERS", "0")]),
            (
                "FATHOM_MAX_BODY_BYTES",
                &[("PORT", "1"), ("FATHOM_MAX_BODY_BYTES", "x")],
            ),
            (
                "FATHOM_INPUT_SCHEMA_FILE",
                &[("PORT", "1"), ("FATHOM_INPUT_SCHEMA_FILE", "/missing.json")],
            ),
            (
                "FATHOM_OUTPUT_SCHEMA_FILE",
                &[("PORT", "1"), ("FATHOM_OUTPUT_SCHEMA_FILE", "/bad.json")],
            ),
        ];
        for (want, vars) in cases {
            match load_with(vars, &[("/bad.json", "{")]) {
                Err(message) if message.contains(want) => {}
                other => panic!(
                    "{:?}: want an error naming {}, got {:?}",
                    vars,
                    want,
                    other.map(|_| ())
                ),
            }
        }
    }

    #[test]
    fn schemas_and_warnings() {
        let config = load_with(
            &[
                ("PORT", "1"),
                ("FATHOM_INPUT_SCHEMA_FILE", "/in.json"),
                ("FATHOM_OUTPUT_SCHEMA_FILE", "/out.json"),
            ],
            &[
                ("/in.json", r#"{"type":"object","pattern":"x"}"#),
                ("/out.json", r#"{"type":"object"}"#),
            ],
        )
        .unwrap();
        assert!(config.input.is_some() && config.output.is_some());
        assert_eq!(config.warnings.len(), 1);
        assert!(config.warnings[0].contains("FATHOM_INPUT_SCHEMA_FILE"));
    }
}
