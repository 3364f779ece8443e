//! Greets the caller and shows where the platform's ML service lives.

use fathom::Context;
use serde_json::{json, Value};

/// Called once per call with the input JSON (already checked against func.yaml's
/// `schema.input`). Return the output JSON, or `Err(message)`: the message becomes the 500
/// `function-error` message. The call has until `ctx.deadline_ms`; check `ctx.past_deadline()` in
/// long loops.
pub fn handle(ctx: &Context, input: Value) -> Result<Value, String> {
    let name = input["name"]
        .as_str()
        .ok_or("the input needs a \"name\" string")?;
    // The FATHOM_SDK_* variables are in ctx.sdk. This is the ML service's OpenAPI address; call it
    // with an "Authorization: Bearer {FATHOM_SDK_AUTHORIZATION}" header.
    let ml_service_url = format!(
        "{}{}/openapi",
        ctx.sdk_var("FATHOM_SDK_BASE_URL"),
        ctx.sdk_var("FATHOM_SDK_SERVICE_PATH_ML")
    );
    ctx.logger.info(&format!(
        "building a greeting; the ML service is at {}",
        ml_service_url
    ));
    Ok(json!({
        "greeting": format!("Hello, {}!", name),
        "mlServiceUrl": ml_service_url,
        "callId": ctx.call_id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fathom::Logger;
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};

    fn context(logs: Arc<Mutex<Vec<u8>>>) -> Context {
        let mut sdk = BTreeMap::new();
        sdk.insert(
            "FATHOM_SDK_BASE_URL".to_string(),
            "https://platform.example".to_string(),
        );
        sdk.insert(
            "FATHOM_SDK_SERVICE_PATH_ML".to_string(),
            "/v1/ml".to_string(),
        );
        Context::new(
            "call-1",
            fathom::now_ms() + 1000,
            Logger::memory("call-1", logs),
            sdk,
        )
    }

    #[test]
    fn greets_and_builds_the_ml_service_url() {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let output = handle(&context(logs.clone()), json!({"name": "Ada"})).unwrap();
        assert_eq!(
            output,
            json!({
                "greeting": "Hello, Ada!",
                "mlServiceUrl": "https://platform.example/v1/ml/openapi",
                "callId": "call-1",
            })
        );
        let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
        assert!(logged.contains(r#""callId":"call-1""#), "{}", logged);
    }

    #[test]
    fn rejects_input_without_a_name() {
        let logs = Arc::new(Mutex::new(Vec::new()));
        assert!(handle(&context(logs), json!({"nom": "Ada"})).is_err());
    }
}
