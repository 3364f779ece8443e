//! One worker process: serves the contract's endpoints on the private Unix socket its supervisor
//! proxies to, runs each call's handler on its own thread, and enforces deadlines.
//!
//! Threads cannot be killed: when a handler is still running `ABANDON_GRACE` after its deadline,
//! the worker retires. It removes its socket (the supervisor sees that, starts a fresh worker and
//! sends new connections there), answers what it already has with `Connection: close`, and exits
//! once its other calls are done, which stops the abandoned handler.

use crate::config::Config;
use crate::reply::Reply;
use crate::Handler;
use fathom::{now_ms, Context, Logger};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long a handler may run on after its deadline before the worker retires.
pub const ABANDON_GRACE: Duration = Duration::from_millis(500);

/// The request headers the runtime reads.
#[derive(Default, Debug)]
pub struct CallHeaders {
    pub call_id: Option<String>,
    pub deadline_ms: Option<String>,
    pub content_length: Option<usize>,
}

pub struct Worker {
    config: Config,
    handler: Handler,
    logger: Logger,
    slots: Slots,
    draining: AtomicBool,
    retiring: AtomicBool,
    socket: Option<PathBuf>,
    calls: Mutex<BTreeMap<u64, u64>>, // in-flight invoke id -> deadline (epoch ms)
    next_call: AtomicU64,
    requests: AtomicUsize, // requests received and not yet answered
}

impl Worker {
    /// `socket` is removed when the worker retires (None in tests).
    pub fn new(
        config: Config,
        handler: Handler,
        logger: Logger,
        socket: Option<PathBuf>,
    ) -> Worker {
        let slots = Slots::new(config.workers);
        Worker {
            config,
            handler,
            logger,
            slots,
            draining: AtomicBool::new(false),
            retiring: AtomicBool::new(false),
            socket,
            calls: Mutex::new(BTreeMap::new()),
            next_call: AtomicU64::new(0),
            requests: AtomicUsize::new(0),
        }
    }

    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_retiring(&self) -> bool {
        self.retiring.load(Ordering::SeqCst)
    }

    /// Requests received and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The latest deadline (epoch ms) of the in-flight calls, 0 when none.
    pub fn latest_deadline_ms(&self) -> u64 {
        self.calls
            .lock()
            .unwrap()
            .values()
            .copied()
            .max()
            .unwrap_or(0)
    }

    /// Answers one request.
    pub fn route(
        self: &Arc<Self>,
        method: &str,
        path: &str,
        headers: CallHeaders,
        body: &mut dyn Read,
    ) -> Reply {
        let leaving = self.draining.load(Ordering::SeqCst) || self.is_retiring();
        let reply = match (method, path) {
            ("GET", "/_/health") => Reply::json(200, r#"{"status":"ok"}"#.into()),
            ("GET", "/_/ready") if self.draining.load(Ordering::SeqCst) => {
                Reply::json(503, r#"{"status":"draining"}"#.into())
            }
            ("GET", "/_/ready") => Reply::json(200, r#"{"status":"ready"}"#.into()),
            ("POST", "/invoke") => self.invoke(headers, body),
            (_, "/invoke") | (_, "/_/health") | (_, "/_/ready") => Reply::error(
                405,
                "method-not-allowed",
                &format!("{} is not allowed on {}", method, path),
            ),
            _ => Reply::error(
                404,
                "not-found",
                "no such endpoint; use POST /invoke, GET /_/health or GET /_/ready",
            ),
        };
        if leaving {
            reply.closing()
        } else {
            reply
        }
    }

    fn invoke(self: &Arc<Self>, headers: CallHeaders, body: &mut dyn Read) -> Reply {
        let call_id = headers
            .call_id
            .clone()
            .filter(|id| !id.is_empty())
            .unwrap_or_else(new_uuid);
        let logger = self.logger.with_call_id(&call_id);
        let started = Instant::now();
        let mut reply = self.call(&call_id, &headers, body, &logger);
        if reply.status != 503 {
            logger.info(&format!(
                "invoke answered {} in {} ms",
                reply.status,
                started.elapsed().as_millis()
            ));
        }
        reply.call_id = Some(call_id);
        reply
    }

    fn call(
        self: &Arc<Self>,
        call_id: &str,
        headers: &CallHeaders,
        body: &mut dyn Read,
        logger: &Logger,
    ) -> Reply {
        let deadline_ms = match &headers.deadline_ms {
            None => now_ms() + self.config.timeout.as_millis() as u64,
            Some(text) => match text.trim().parse::<u64>() {
                Ok(ms) => ms,
                Err(_) => {
                    let message =
                        format!("X-Fathom-Deadline-Ms={:?} is not epoch milliseconds", text);
                    return Reply::error(400, "invalid-deadline", &message);
                }
            },
        };
        if self.draining.load(Ordering::SeqCst) {
            return Reply::error(
                503,
                "draining",
                "this instance is shutting down; retry the call",
            );
        }
        let id = self.next_call.fetch_add(1, Ordering::SeqCst);
        self.calls.lock().unwrap().insert(id, deadline_ms);
        let reply = self.run(call_id, deadline_ms, headers.content_length, body, logger);
        self.calls.lock().unwrap().remove(&id);
        reply
    }

    fn run(
        self: &Arc<Self>,
        call_id: &str,
        deadline_ms: u64,
        content_length: Option<usize>,
        body: &mut dyn Read,
        logger: &Logger,
    ) -> Reply {
        let max = self.config.max_body_bytes;
        if content_length.map_or(false, |length| length > max) {
            return too_large(max);
        }
        let mut bytes = Vec::new();
        if let Err(e) = body.take(max as u64 + 1).read_to_end(&mut bytes) {
            return Reply::error(
                400,
                "invalid-json",
                &format!("cannot read the request body: {}", e),
            );
        }
        if bytes.len() > max {
            return too_large(max);
        }
        let input: Value = match serde_json::from_slice(&bytes) {
            Ok(value) => value,
            Err(e) => {
                return Reply::error(400, "invalid-json", &format!("the body is not JSON: {}", e))
            }
        };
        if let Some(schema) = &self.config.input {
            if let Err(message) = schema.validate(&input) {
                return Reply::error(422, "input-schema-violation", &format!("input {}", message));
            }
        }
        let left_ms = deadline_ms.saturating_sub(now_ms());
        if left_ms == 0 {
            // Already past: answer at once. Starting the handler would race the zero-length wait
            // below, and a fast handler could win it.
            return timeout();
        }
        let deadline = Instant::now() + Duration::from_millis(left_ms);
        let slot = match self.slots.acquire(deadline) {
            Some(slot) => slot,
            None => return timeout(),
        };
        let (sender, receiver) = mpsc::channel();
        let context = Context::new(
            call_id,
            deadline_ms,
            logger.clone(),
            self.config.sdk.clone(),
        );
        let handler = self.handler;
        thread::spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| handler(&context, input)));
            drop(slot);
            let _ = sender.send(result);
        });
        match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Ok(Ok(value))) => self.respond(value),
            Ok(Ok(Err(message))) => {
                logger.warning(&format!("the handler returned an error: {}", message));
                Reply::error(500, "function-error", &message)
            }
            Ok(Err(panic)) => Reply::error(
                500,
                "function-error",
                &format!("panic: {}", panic_message(&panic)),
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Reply::error(500, "function-error", "the handler stopped unexpectedly")
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let worker = Arc::clone(self);
                let logger = logger.clone();
                thread::spawn(move || {
                    if let Err(mpsc::RecvTimeoutError::Timeout) =
                        receiver.recv_timeout(ABANDON_GRACE)
                    {
                        logger.warning("the handler ignored its deadline; this worker stops taking calls and exits once its other calls finish, and a fresh worker takes over");
                        worker.retire();
                    }
                });
                timeout()
            }
        }
    }

    fn respond(&self, value: Value) -> Reply {
        if let Some(schema) = &self.config.output {
            if let Err(message) = schema.validate(&value) {
                return Reply::error(
                    500,
                    "output-schema-violation",
                    &format!("output {}", message),
                );
            }
        }
        Reply::json(200, value.to_string())
    }

    fn retire(&self) {
        if !self.retiring.swap(true, Ordering::SeqCst) {
            if let Some(socket) = &self.socket {
                let _ = std::fs::remove_file(socket);
            }
        }
    }
}

fn timeout() -> Reply {
    Reply::error(
        504,
        "timeout",
        "the call did not finish before its deadline",
    )
    .closing()
}

fn too_large(max: usize) -> Reply {
    Reply::error(
        413,
        "payload-too-large",
        &format!("the body exceeds FATHOM_MAX_BODY_BYTES={}", max),
    )
    .closing()
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".into()
    }
}

/// A random (version 4) UUID.
pub fn new_uuid() -> String {
    let mut b = [0u8; 16];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut b))
        .is_err()
    {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        b = (nanos ^ (std::process::id() as u128) << 64).to_le_bytes();
    }
    b[6] = b[6] & 0x0f | 0x40;
    b[8] = b[8] & 0x3f | 0x80;
    let hex: String = b.iter().map(|byte| format!("{:02x}", byte)).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A counting semaphore for the concurrent-call limit.
struct Slots {
    free: Arc<(Mutex<usize>, Condvar)>,
}

struct Slot {
    free: Arc<(Mutex<usize>, Condvar)>,
}

impl Slots {
    fn new(count: usize) -> Slots {
        Slots {
            free: Arc::new((Mutex::new(count), Condvar::new())),
        }
    }

    fn acquire(&self, deadline: Instant) -> Option<Slot> {
        let (lock, condvar) = &*self.free;
        let mut free = lock.lock().unwrap();
        while *free == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            free = condvar.wait_timeout(free, left).unwrap().0;
        }
        *free -= 1;
        Some(Slot {
            free: Arc::clone(&self.free),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let (lock, condvar) = &*self.free;
        *lock.lock().unwrap() += 1;
        condvar.notify_one();
    }
}

/// Runs the worker process: serves tiny_http on the Unix socket `socket` until drained or retired.
pub fn serve(config: Config, handler: Handler, logger: Logger, socket: PathBuf) -> i32 {
    let drain = config.drain;
    let server = match tiny_http::Server::http_unix(&socket) {
        Ok(server) => server,
        Err(e) => {
            crate::startup_error(&format!(
                "worker cannot listen on {}: {}",
                socket.display(),
                e
            ));
            return 2;
        }
    };
    let worker = Arc::new(Worker::new(config, handler, logger.clone(), Some(socket)));
    let mut draining_since: Option<Instant> = None;
    loop {
        if crate::sys::terminate_requested() && draining_since.is_none() {
            worker.drain();
            draining_since = Some(Instant::now());
        }
        if let Some(since) = draining_since {
            if worker.in_flight() == 0 {
                return 0;
            }
            if since.elapsed() > drain {
                logger.warning(&format!(
                    "calls still running after FATHOM_DRAIN_SECONDS={}; stopping anyway",
                    drain.as_secs()
                ));
                return 0;
            }
        } else if worker.is_retiring()
            && (worker.in_flight() == 0 || now_ms() > worker.latest_deadline_ms() + 1000)
        {
            return 0;
        }
        match server.recv_timeout(Duration::from_millis(50)) {
            Ok(Some(request)) => {
                worker.requests.fetch_add(1, Ordering::SeqCst);
                let worker = Arc::clone(&worker);
                thread::spawn(move || {
                    answer(&worker, request);
                    worker.requests.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Ok(None) => {}
            Err(e) => {
                logger.error(&format!("the worker's server failed: {}", e));
                return 1;
            }
        }
    }
}

pub(crate) fn answer(worker: &Arc<Worker>, mut request: tiny_http::Request) {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    };
    let headers = CallHeaders {
        call_id: header("X-Fathom-Call-Id"),
        deadline_ms: header("X-Fathom-Deadline-Ms"),
        content_length: request.body_length(),
    };
    let method = request.method().as_str().to_string();
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let reply = worker.route(&method, &path, headers, request.as_reader());
    reply.write_to(&mut request.into_writer());
}

#[cfg(test)]
mod tests;
