use super::*;
use crate::config::Config;
use crate::schema;
use std::io::Cursor;

fn test_handler(context: &Context, input: Value) -> Result<Value, String> {
    match input["action"].as_str().unwrap_or("") {
        "echo" => Ok(serde_json::json!({ "value": input["value"] })),
        "fail" => Err(input["message"].as_str().unwrap_or("").to_string()),
        "panic" => panic!("boom"),
        "sleep" => {
            thread::sleep(Duration::from_millis(input["ms"].as_u64().unwrap_or(0)));
            Ok(serde_json::json!({ "slept": input["ms"] }))
        }
        "whoami" => Ok(
            serde_json::json!({ "callId": context.call_id, "base": context.sdk_var("FATHOM_SDK_BASE_URL") }),
        ),
        "bad-output" => Ok(serde_json::json!({ "unexpected": true })),
        other => Err(format!("unknown action {}", other)),
    }
}

fn worker() -> Arc<Worker> {
    let env = |name: &str| {
        if name == "PORT" {
            Some("0".to_string())
        } else {
            None
        }
    };
    let read = |_: &str| -> std::io::Result<String> { unreachable!() };
    let mut config = Config::load(&env, &read).unwrap();
    config.input = Some(
        schema::compile(r#"{"type":"object","required":["action"]}"#)
            .unwrap()
            .0,
    );
    config.output = Some(
        schema::compile(r#"{"type":"object","not":{"required":["unexpected"]}}"#)
            .unwrap()
            .0,
    );
    config
        .sdk
        .insert("FATHOM_SDK_BASE_URL".into(), "https://base".into());
    config.max_body_bytes = 1024;
    let logs = Arc::new(Mutex::new(Vec::new()));
    Arc::new(Worker::new(
        config,
        test_handler,
        Logger::memory("", logs),
        None,
    ))
}

fn invoke(worker: &Arc<Worker>, body: &str, headers: CallHeaders) -> (Reply, Value) {
    let reply = worker.route(
        "POST",
        "/invoke",
        headers,
        &mut Cursor::new(body.as_bytes().to_vec()),
    );
    let value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    (reply, value)
}

fn code(value: &Value) -> &str {
    value["error"]["code"].as_str().unwrap_or("")
}

#[test]
fn health_ready_and_unknown_paths() {
    let w = worker();
    let get = |path: &str| w.route("GET", path, CallHeaders::default(), &mut std::io::empty());
    assert_eq!(
        get("/_/health"),
        Reply::json(200, r#"{"status":"ok"}"#.into())
    );
    assert_eq!(
        get("/_/ready"),
        Reply::json(200, r#"{"status":"ready"}"#.into())
    );
    assert_eq!(get("/nope").status, 404);
    assert_eq!(get("/invoke").status, 405);
}

#[test]
fn invoke_answers() {
    let w = worker();
    let big = format!(r#"{{"action":"echo","value":"{}"}}"#, "x".repeat(2000));
    let cases: &[(&str, u16, &str)] = &[
        (r#"{"action":"echo","value":[1,"a"]}"#, 200, ""),
        (r#"{"action":"#, 400, "invalid-json"),
        ("{} {}", 400, "invalid-json"),
        (r#"{"value":1}"#, 422, "input-schema-violation"),
        (
            r#"{"action":"fail","message":"nope"}"#,
            500,
            "function-error",
        ),
        (r#"{"action":"panic"}"#, 500, "function-error"),
        (r#"{"action":"bad-output"}"#, 500, "output-schema-violation"),
        (&big, 413, "payload-too-large"),
    ];
    for (body, status, want) in cases {
        let (reply, value) = invoke(&w, body, CallHeaders::default());
        assert_eq!(
            (reply.status, code(&value)),
            (*status, *want),
            "{}",
            &body[..body.len().min(60)]
        );
    }
    let (_, value) = invoke(
        &w,
        r#"{"action":"fail","message":"nope"}"#,
        CallHeaders::default(),
    );
    assert_eq!(value["error"]["message"], "nope");
    let (_, value) = invoke(
        &w,
        r#"{"action":"echo","value":{"k":1.5}}"#,
        CallHeaders::default(),
    );
    assert_eq!(value, serde_json::json!({"value": {"k": 1.5}}));
    let declared = CallHeaders {
        content_length: Some(5000),
        ..CallHeaders::default()
    };
    assert_eq!(invoke(&w, "{}", declared).0.status, 413);
}

#[test]
fn call_id_is_echoed_or_generated() {
    let w = worker();
    let headers = CallHeaders {
        call_id: Some("call-1".into()),
        ..CallHeaders::default()
    };
    let (reply, value) = invoke(&w, r#"{"action":"whoami"}"#, headers);
    assert_eq!(reply.call_id.as_deref(), Some("call-1"));
    assert_eq!(
        value,
        serde_json::json!({"callId": "call-1", "base": "https://base"})
    );
    let (reply, value) = invoke(&w, r#"{"action":"whoami"}"#, CallHeaders::default());
    let generated = reply.call_id.unwrap();
    assert_eq!(generated.len(), 36);
    assert_eq!(value["callId"], generated.as_str());
}

#[test]
fn deadline_answers_504_and_retires_when_the_handler_is_stuck() {
    let w = worker();
    let headers = CallHeaders {
        deadline_ms: Some((now_ms() + 100).to_string()),
        ..CallHeaders::default()
    };
    let started = Instant::now();
    let (reply, value) = invoke(&w, r#"{"action":"sleep","ms":2000}"#, headers);
    assert_eq!(
        (reply.status, code(&value), reply.close),
        (504, "timeout", true)
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(!w.is_retiring());
    thread::sleep(ABANDON_GRACE + Duration::from_millis(200));
    assert!(w.is_retiring());
    let (reply, _) = invoke(&w, r#"{"action":"echo","value":1}"#, CallHeaders::default());
    assert_eq!((reply.status, reply.close), (200, true));
}

#[test]
fn past_deadline_and_bad_deadline_header() {
    let w = worker();
    let past = CallHeaders {
        deadline_ms: Some("1".into()),
        ..CallHeaders::default()
    };
    assert_eq!(invoke(&w, r#"{"action":"echo"}"#, past).0.status, 504);
    let bad = CallHeaders {
        deadline_ms: Some("soon".into()),
        ..CallHeaders::default()
    };
    let (reply, value) = invoke(&w, r#"{"action":"echo"}"#, bad);
    assert_eq!((reply.status, code(&value)), (400, "invalid-deadline"));
}

#[test]
fn draining_refuses_new_calls() {
    let w = worker();
    w.drain();
    let ready = w.route(
        "GET",
        "/_/ready",
        CallHeaders::default(),
        &mut std::io::empty(),
    );
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (503, r#"{"status":"draining"}"#)
    );
    let (reply, value) = invoke(&w, r#"{"action":"echo"}"#, CallHeaders::default());
    assert_eq!((reply.status, code(&value)), (503, "draining"));
}
