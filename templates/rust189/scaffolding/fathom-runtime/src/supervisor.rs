//! The supervisor: owns `$PORT`, proxies each TCP connection to the current worker process's
//! private Unix socket, and replaces workers.
//!
//! A worker is ready once its socket exists; it retires by removing its socket (a handler ignored
//! its deadline): the supervisor then starts a fresh worker and new connections wait (up to 10 s)
//! until it is ready, so none is refused. A worker that crashes is replaced; one that fails before
//! it is ready ends the supervisor (start-up error). SIGTERM is forwarded to every worker; the
//! supervisor exits 0 once they have drained and exited.

use crate::config::Config;
use crate::sys;
use fathom::Logger;
use std::io;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(10);
const CONNECT_PATIENCE: Duration = Duration::from_secs(10);

struct WorkerProcess {
    number: u32,
    child: Child,
    socket: PathBuf,
    ready: bool,
    started: Instant,
}

type Route = Arc<Mutex<Option<PathBuf>>>;

pub fn run(config: Config, logger: Logger) -> i32 {
    let listener = match TcpListener::bind(("0.0.0.0", config.port)) {
        Ok(listener) => listener,
        Err(e) => {
            crate::startup_error(&format!("PORT={}: cannot listen: {}", config.port, e));
            return 2;
        }
    };
    sys::catch_terminate();
    let dir = std::env::temp_dir().join(format!("fathom-runtime-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        crate::startup_error(&format!("cannot create {}: {}", dir.display(), e));
        return 2;
    }
    let route: Route = Arc::new(Mutex::new(None));
    let accept_route = Arc::clone(&route);
    thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let route = Arc::clone(&accept_route);
            thread::spawn(move || proxy(client, &route));
        }
    });
    let code = manage(&config, &logger, &dir, &route);
    let _ = std::fs::remove_dir_all(&dir);
    code
}

fn manage(config: &Config, logger: &Logger, dir: &Path, route: &Route) -> i32 {
    let mut count = 0;
    let mut spawn = |workers: &mut Vec<WorkerProcess>| -> Result<u32, String> {
        count += 1;
        let worker = start_worker(count, dir)?;
        workers.push(worker);
        Ok(count)
    };
    let mut workers = Vec::new();
    let mut current = match spawn(&mut workers) {
        Ok(number) => number,
        Err(e) => {
            crate::startup_error(&format!("cannot start a worker: {}", e));
            return 2;
        }
    };
    logger.info(&format!("listening on port {}", config.port));
    let mut draining_since: Option<Instant> = None;
    loop {
        thread::sleep(TICK);
        if sys::terminate_requested() && draining_since.is_none() {
            logger.info(&format!(
                "draining: in-flight calls have FATHOM_DRAIN_SECONDS={} to finish",
                config.drain.as_secs()
            ));
            for worker in &workers {
                sys::send_terminate(worker.child.id());
            }
            draining_since = Some(Instant::now());
        }
        let mut exited = Vec::new();
        workers.retain_mut(|worker| match worker.child.try_wait() {
            Ok(Some(status)) => {
                exited.push((
                    worker.number,
                    worker.ready,
                    worker.started,
                    status.code().unwrap_or(1),
                ));
                false
            }
            _ => true,
        });
        if let Some(since) = draining_since {
            if workers.is_empty() {
                logger.info("drained; exiting");
                return 0;
            }
            if since.elapsed() > config.drain + Duration::from_secs(5) {
                logger.error("workers did not stop after the drain period; killing them");
                for worker in &mut workers {
                    let _ = worker.child.kill();
                }
                return 1;
            }
            continue;
        }
        for (number, ready, started, code) in exited {
            if number != current {
                continue; // a retired worker finished
            }
            if !ready {
                return 2; // start-up failure; the worker printed the cause
            }
            logger.error(&format!(
                "worker {} exited unexpectedly (code {}); starting a new one",
                number, code
            ));
            *route.lock().unwrap() = None;
            if started.elapsed() < Duration::from_secs(5) {
                thread::sleep(Duration::from_secs(1)); // avoid a tight crash loop
            }
            match spawn(&mut workers) {
                Ok(next) => current = next,
                Err(e) => {
                    logger.error(&format!("cannot start a replacement worker: {}", e));
                    return 1;
                }
            }
        }
        let worker = match workers.iter_mut().find(|w| w.number == current) {
            Some(worker) => worker,
            None => continue,
        };
        let socket_exists = worker.socket.exists();
        if !worker.ready && socket_exists {
            worker.ready = true;
            *route.lock().unwrap() = Some(worker.socket.clone());
        } else if worker.ready && !socket_exists {
            let retired = worker.number;
            *route.lock().unwrap() = None;
            match spawn(&mut workers) {
                Ok(next) => current = next,
                Err(e) => {
                    logger.error(&format!("cannot start a replacement worker: {}", e));
                    return 1;
                }
            }
            logger.info(&format!(
                "worker {} retired after a call ignored its deadline; worker {} takes over",
                retired, current
            ));
        }
    }
}

fn start_worker(number: u32, dir: &Path) -> Result<WorkerProcess, String> {
    let socket = dir.join(format!("worker-{}.sock", number));
    let _ = std::fs::remove_file(&socket);
    let executable = std::env::current_exe().map_err(|e| e.to_string())?;
    let child = Command::new(executable)
        .args(std::env::args_os().skip(1))
        .env(crate::ROLE_ENV, "worker")
        .env(crate::SOCKET_ENV, &socket)
        .env(crate::SUPERVISOR_ENV, std::process::id().to_string())
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    Ok(WorkerProcess {
        number,
        child,
        socket,
        ready: false,
        started: Instant::now(),
    })
}

/// Connects `client` to the current worker (waiting while a worker starts) and copies bytes both
/// ways until either side closes; request heads lose their protocol upgrade offers on the way
/// (see [`crate::relay`]).
fn proxy(client: TcpStream, route: &Route) {
    let patience = Instant::now() + CONNECT_PATIENCE;
    let upstream = loop {
        let target = route.lock().unwrap().clone();
        if let Some(path) = target {
            if let Ok(stream) = UnixStream::connect(&path) {
                break stream;
            }
        }
        if Instant::now() > patience {
            return;
        }
        thread::sleep(Duration::from_millis(2));
    };
    let _ = client.set_nodelay(true);
    let (mut client_reader, mut upstream_writer) = match (client.try_clone(), upstream.try_clone())
    {
        (Ok(c), Ok(u)) => (c, u),
        _ => return,
    };
    let requests = thread::spawn(move || {
        let _ = crate::relay::copy_requests(&mut client_reader, &mut upstream_writer);
        let _ = upstream_writer.shutdown(Shutdown::Write);
    });
    let (mut upstream_reader, mut client_writer) = (upstream, client);
    let _ = io::copy(&mut upstream_reader, &mut client_writer);
    let _ = client_writer.shutdown(Shutdown::Both);
    let _ = requests.join();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::Worker;
    use serde_json::Value;
    use std::io::{BufRead, BufReader, Read, Write};

    fn echo(_: &fathom::Context, input: Value) -> Result<Value, String> {
        Ok(serde_json::json!({ "value": input["value"] }))
    }

    /// A worker serving tiny_http on a Unix socket behind the supervisor's proxy on a TCP port,
    /// in this process; returns the port.
    fn start() -> u16 {
        let env = |name: &str| {
            if name == "PORT" {
                Some("0".to_string())
            } else {
                None
            }
        };
        let read = |_: &str| -> std::io::Result<String> { unreachable!() };
        let config = Config::load(&env, &read).unwrap();
        let logs = Arc::new(Mutex::new(Vec::new()));
        let worker = Arc::new(Worker::new(config, echo, Logger::memory("", logs), None));
        let dir = std::env::temp_dir().join(format!("fathom-runtime-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let socket = dir.join("upgrade.sock");
        let _ = std::fs::remove_file(&socket);
        let server = tiny_http::Server::http_unix(&socket).unwrap();
        thread::spawn(move || {
            for request in server.incoming_requests() {
                let worker = Arc::clone(&worker);
                thread::spawn(move || crate::worker::answer(&worker, request));
            }
        });
        let route: Route = Arc::new(Mutex::new(Some(socket)));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let route = Arc::clone(&route);
                thread::spawn(move || proxy(client, &route));
            }
        });
        port
    }

    /// Reads one response: (status line, headers, body).
    fn response(reader: &mut BufReader<TcpStream>) -> (String, String, String) {
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        let mut headers = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            headers.push_str(&line);
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        (status, headers, String::from_utf8(body).unwrap())
    }

    #[test]
    fn answers_h2c_upgrade_offers_as_http11_and_keeps_the_connection() {
        // What java.net.http.HttpClient sends by default on plain http.
        let offer = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n\
                     HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n";
        let port = start();
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        let body = r#"{"action":"echo","value":1}"#;
        write!(
            writer,
            "POST /invoke HTTP/1.1\r\nHost: localhost\r\n{}Content-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{}",
            offer,
            body.len(),
            body
        )
        .unwrap();
        let (status, headers, text) = response(&mut reader);
        assert_eq!(status, "HTTP/1.1 200 OK\r\n");
        assert_eq!(text, r#"{"value":1}"#);
        assert!(
            !headers.to_ascii_lowercase().contains("upgrade"),
            "{}",
            headers
        );
        // the same connection serves the next requests, with or without the offer
        for path in ["/_/ready", "/_/health"] {
            write!(
                writer,
                "GET {} HTTP/1.1\r\nHost: localhost\r\n{}\r\n",
                path, offer
            )
            .unwrap();
            let (status, _, _) = response(&mut reader);
            assert_eq!(status, "HTTP/1.1 200 OK\r\n", "{}", path);
        }
        write!(
            writer,
            "POST /invoke HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n{}\r\n\
             5\r\n{{\"act\r\n16\r\nion\":\"echo\",\"value\":2}}\r\n0\r\n\r\n",
            offer
        )
        .unwrap();
        let (status, _, text) = response(&mut reader);
        assert_eq!(
            (status.as_str(), text.as_str()),
            ("HTTP/1.1 200 OK\r\n", r#"{"value":2}"#)
        );
        write!(
            writer,
            "POST /invoke HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n{}",
            body.len(),
            body
        )
        .unwrap();
        let (status, _, text) = response(&mut reader);
        assert_eq!(
            (status.as_str(), text.as_str()),
            ("HTTP/1.1 200 OK\r\n", r#"{"value":1}"#)
        );
    }
}
