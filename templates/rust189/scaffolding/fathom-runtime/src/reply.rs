//! Responses, written raw so that `Connection: close` can be set (tiny_http drops that header).

use serde_json::json;
use std::io::Write;

/// An HTTP response of the runtime contract: a JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub call_id: Option<String>,
    /// Ask the client to close the connection (after a timeout, or once the worker is leaving).
    pub close: bool,
}

impl Reply {
    pub fn json(status: u16, body: String) -> Reply {
        Reply {
            status,
            body,
            call_id: None,
            close: false,
        }
    }

    /// `{"error":{"code":…,"message":…}}`
    pub fn error(status: u16, code: &str, message: &str) -> Reply {
        Reply::json(
            status,
            json!({"error": {"code": code, "message": message}}).to_string(),
        )
    }

    pub fn closing(mut self) -> Reply {
        self.close = true;
        self
    }

    /// The full HTTP/1.1 response.
    pub fn to_http(&self) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            self.status,
            reason(self.status),
            self.body.len()
        );
        if let Some(call_id) = &self.call_id {
            head.push_str(&format!(
                "X-Fathom-Call-Id: {}\r\n",
                call_id.replace('\r', "").replace('\n', "")
            ));
        }
        if self.close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(self.body.as_bytes());
        bytes
    }

    pub fn write_to(&self, out: &mut dyn Write) {
        let _ = out.write_all(&self.to_http());
        let _ = out.flush();
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_status_headers_and_body() {
        let mut reply = Reply::error(504, "timeout", "late").closing();
        reply.call_id = Some("c1".into());
        let text = String::from_utf8(reply.to_http()).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 504 Gateway Timeout\r\n"),
            "{}",
            text
        );
        assert!(text.contains("X-Fathom-Call-Id: c1\r\n"));
        assert!(text.contains("Connection: close\r\n"));
        assert!(text.ends_with("\r\n\r\n{\"error\":{\"code\":\"timeout\",\"message\":\"late\"}}"));
    }
}
