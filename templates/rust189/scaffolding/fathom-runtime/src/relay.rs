//! The client-to-worker half of the supervisor's proxy: bytes are copied as they come, except that
//! protocol upgrade offers are taken out of request heads.
//!
//! Java's `HttpClient` (and others) offer HTTP/2 on plain http with `Connection: Upgrade,
//! HTTP2-Settings`, `Upgrade: h2c` and `HTTP2-Settings`. A server that does not upgrade answers
//! as HTTP/1.1 (RFC 9110 §7.8, RFC 9113 §3.1), but tiny_http, seeing `upgrade` in `Connection`,
//! hands the handler the raw connection as the body (a read waits until the client closes) and
//! stops reading requests on that connection. So [`RequestFilter`] drops the `Upgrade` and
//! `HTTP2-Settings` headers and the `upgrade` tokens of `Connection` before the worker sees them.
//!
//! To find each request head on a kept-alive connection, it follows the body framing the way
//! tiny_http does (`Transfer-Encoding` means chunked, else `Content-Length`, else no body). Heads
//! without an upgrade offer are forwarded unchanged; anything it cannot follow (a malformed head,
//! a head over `MAX_HEAD` bytes, a bad chunk) is forwarded unchanged from there on, so tiny_http
//! answers it as before.

use std::io::{self, Read, Write};

const MAX_HEAD: usize = 64 * 1024;
const MAX_CHUNK_LINE: usize = 4096;

#[derive(Debug)]
enum State {
    /// Collecting a request head (kept in `head`) until its blank line.
    Head,
    /// Forwarding this many body bytes.
    Body(u64),
    /// Collecting a chunk-size line (kept in `head`).
    ChunkLine,
    /// Forwarding the rest of a chunk's data.
    ChunkData(u64),
    /// Expecting the CRLF after a chunk (`true`: after the last chunk) and how much of it was seen.
    ChunkEnd { last: bool, seen: u8 },
    /// Forwarding everything unchanged.
    Raw,
}

/// Rewrites the request stream of one connection; see the module documentation.
pub struct RequestFilter {
    state: State,
    head: Vec<u8>,
}

impl Default for RequestFilter {
    fn default() -> Self {
        RequestFilter::new()
    }
}

impl RequestFilter {
    pub fn new() -> RequestFilter {
        RequestFilter {
            state: State::Head,
            head: Vec::new(),
        }
    }

    /// Takes the next bytes read from the client; appends what to send to the worker to `out`.
    pub fn feed(&mut self, mut input: &[u8], out: &mut Vec<u8>) {
        while !input.is_empty() {
            match self.state {
                State::Raw => {
                    out.extend_from_slice(input);
                    return;
                }
                State::Body(left) => {
                    let n = (left.min(input.len() as u64)) as usize;
                    out.extend_from_slice(&input[..n]);
                    input = &input[n..];
                    self.state = if left == n as u64 {
                        State::Head
                    } else {
                        State::Body(left - n as u64)
                    };
                }
                State::ChunkData(left) => {
                    let n = (left.min(input.len() as u64)) as usize;
                    out.extend_from_slice(&input[..n]);
                    input = &input[n..];
                    self.state = if left == n as u64 {
                        State::ChunkEnd {
                            last: false,
                            seen: 0,
                        }
                    } else {
                        State::ChunkData(left - n as u64)
                    };
                }
                State::ChunkEnd { last, seen } => {
                    let byte = input[0];
                    out.push(byte);
                    input = &input[1..];
                    self.state = match (seen, byte) {
                        (0, b'\r') => State::ChunkEnd { last, seen: 1 },
                        (1, b'\n') if last => State::Head,
                        (1, b'\n') => State::ChunkLine,
                        _ => State::Raw,
                    };
                }
                State::ChunkLine => {
                    let byte = input[0];
                    input = &input[1..];
                    self.head.push(byte);
                    if byte == b'\n' && self.head.ends_with(b"\r\n") {
                        out.extend_from_slice(&self.head);
                        self.state = match chunk_size(&self.head) {
                            Some(0) => State::ChunkEnd {
                                last: true,
                                seen: 0,
                            },
                            Some(size) => State::ChunkData(size),
                            None => State::Raw,
                        };
                        self.head.clear();
                    } else if self.head.len() > MAX_CHUNK_LINE {
                        out.extend_from_slice(&self.head);
                        self.head.clear();
                        self.state = State::Raw;
                    }
                }
                State::Head => {
                    // Append up to the end of the head (or all of the input), searching only the
                    // new bytes and the 3 before them.
                    let from = self.head.len().saturating_sub(3);
                    let before = self.head.len();
                    self.head.extend_from_slice(input);
                    match find(&self.head[from..], b"\r\n\r\n") {
                        Some(at) => {
                            let end = from + at + 4;
                            input = &input[end - before..];
                            self.head.truncate(end);
                            let head = std::mem::take(&mut self.head);
                            self.state = self.forward_head(head, out);
                        }
                        None => {
                            input = &[];
                            if self.head.len() > MAX_HEAD {
                                out.append(&mut self.head);
                                self.state = State::Raw;
                            }
                        }
                    }
                }
            }
        }
    }

    /// Forwards one complete head (ending with the blank line), cleaned; returns the next state.
    fn forward_head(&mut self, head: Vec<u8>, out: &mut Vec<u8>) -> State {
        match clean_head(&head) {
            Some((cleaned, framing)) => {
                match cleaned {
                    Some(text) => out.extend_from_slice(text.as_bytes()),
                    None => out.extend_from_slice(&head),
                }
                framing
            }
            None => {
                out.extend_from_slice(&head);
                State::Raw
            }
        }
    }
}

/// Copies `client` to `upstream` through a [`RequestFilter`] until the client closes.
pub fn copy_requests(client: &mut dyn Read, upstream: &mut dyn Write) -> io::Result<()> {
    let mut filter = RequestFilter::new();
    let mut buffer = vec![0u8; 16 * 1024];
    let mut out = Vec::with_capacity(buffer.len());
    loop {
        let n = match client.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        out.clear();
        filter.feed(&buffer[..n], &mut out);
        if !out.is_empty() {
            upstream.write_all(&out)?;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The size of a chunk from its size line (`1a;ext\r\n`), as chunked_transfer reads it.
fn chunk_size(line: &[u8]) -> Option<u64> {
    let line = &line[..line.len() - 2];
    let size = match line.iter().position(|&b| b == b';') {
        Some(at) => &line[..at],
        None => line,
    };
    if size.contains(&b'\r') {
        return None;
    }
    u64::from_str_radix(std::str::from_utf8(size).ok()?.trim(), 16).ok()
}

/// Parses a head; None when it is not one tiny_http would accept (it is then forwarded unchanged
/// and the rest of the connection too). Otherwise the cleaned head (None when nothing changed)
/// and the state that follows it (the body's framing).
fn clean_head(head: &[u8]) -> Option<(Option<String>, State)> {
    let text = std::str::from_utf8(head).ok()?;
    if !text.is_ascii() {
        return None;
    }
    let mut lines = text[..text.len() - 4].split("\r\n");
    let request_line = lines.next()?;
    if request_line.trim().is_empty() {
        return None;
    }
    let mut kept: Vec<String> = vec![request_line.to_string()];
    let mut changed = false;
    let mut transfer_encoding = false;
    let mut content_length: Option<Option<u64>> = None; // the first Content-Length, parsed
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("upgrade") || name.eq_ignore_ascii_case("http2-settings") {
            changed = true;
            continue;
        }
        if name.eq_ignore_ascii_case("connection") && value.to_ascii_lowercase().contains("upgrade")
        {
            changed = true;
            let tokens: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|token| {
                    let token = token.to_ascii_lowercase();
                    !token.is_empty() && !token.contains("upgrade") && token != "http2-settings"
                })
                .collect();
            if !tokens.is_empty() {
                kept.push(format!("{}: {}", name, tokens.join(", ")));
            }
            continue;
        }
        if name.eq_ignore_ascii_case("transfer-encoding") {
            transfer_encoding = true;
        } else if name.eq_ignore_ascii_case("content-length") && content_length.is_none() {
            content_length = Some(value.parse::<usize>().ok().map(|n| n as u64));
        }
        kept.push(line.to_string());
    }
    let framing = if transfer_encoding {
        State::ChunkLine
    } else {
        match content_length.flatten() {
            Some(n) if n > 0 => State::Body(n),
            _ => State::Head,
        }
    };
    let cleaned = if changed {
        let mut text = kept.join("\r\n");
        text.push_str("\r\n\r\n");
        Some(text)
    } else {
        None
    };
    Some((cleaned, framing))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFER: &str = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n";

    fn run(input: &[u8], piece: usize) -> String {
        let mut filter = RequestFilter::new();
        let mut out = Vec::new();
        for part in input.chunks(piece) {
            filter.feed(part, &mut out);
        }
        String::from_utf8(out).unwrap()
    }

    fn all_pieces(input: &str, expected: &str) {
        for piece in [1, 2, 3, 5, 7, 64, 100_000] {
            assert_eq!(
                run(input.as_bytes(), piece),
                expected,
                "piece size {}",
                piece
            );
        }
    }

    #[test]
    fn removes_an_h2c_offer_and_keeps_the_body() {
        let input = format!(
            "POST /invoke HTTP/1.1\r\nHost: x\r\n{}Content-Length: 5\r\n\r\nhello",
            OFFER
        );
        all_pieces(
            &input,
            "POST /invoke HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        );
    }

    #[test]
    fn cleans_every_request_of_a_kept_alive_connection() {
        let input = format!(
            "POST /invoke HTTP/1.1\r\n{o}Content-Length: 14\r\n\r\nUpgrade: h2c\r\n\
             GET /_/ready HTTP/1.1\r\nconnection: keep-alive, upgrade\r\n{o}\r\n\
             POST /invoke HTTP/1.1\r\nTransfer-Encoding: chunked\r\n{o}\r\n\
             4;x=y\r\nab\r\n\r\n0\r\n\r\n\
             GET /_/health HTTP/1.1\r\n{o}\r\n",
            o = OFFER
        );
        all_pieces(
            &input,
            "POST /invoke HTTP/1.1\r\nContent-Length: 14\r\n\r\nUpgrade: h2c\r\n\
             GET /_/ready HTTP/1.1\r\nconnection: keep-alive\r\n\r\n\
             POST /invoke HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\
             4;x=y\r\nab\r\n\r\n0\r\n\r\n\
             GET /_/health HTTP/1.1\r\n\r\n",
        );
    }

    #[test]
    fn forwards_other_requests_unchanged() {
        let input =
            "POST /invoke HTTP/1.1\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}\
                     GET /_/health HTTP/1.0\r\n\r\n";
        all_pieces(input, input);
        let malformed = format!(
            "GET / HTTP/1.1\r\nbad header\r\n\r\nGET / HTTP/1.1\r\n{}\r\n",
            OFFER
        );
        all_pieces(&malformed, &malformed);
        let bad_chunk = format!(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nGET / HTTP/1.1\r\n{}\r\n",
            OFFER
        );
        all_pieces(&bad_chunk, &bad_chunk);
    }

    #[test]
    fn gives_up_on_a_huge_head() {
        let input = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n{}\r\n",
            "y".repeat(2 * MAX_HEAD),
            OFFER
        );
        assert!(
            run(input.as_bytes(), 4096) == input,
            "a huge head was changed"
        );
    }
}
