//! Serves a Fathom function over the runtime contract (docs/runtime-contract.md).
//!
//! The generated `main` calls [`main`] with the user's `function::handle`. The binary runs as a
//! supervisor (owns `$PORT`, see [`supervisor`]) that starts itself again as worker processes
//! (see [`worker`]); a worker is replaced when a handler ignores its deadline, which stops the work.

pub mod config;
pub mod relay;
pub mod reply;
pub mod schema;
pub mod supervisor;
mod sys;
pub mod worker;

use serde_json::Value;

/// The shape of the user's `function::handle`.
pub type Handler = fn(&fathom::Context, Value) -> Result<Value, String>;

const ROLE_ENV: &str = "FATHOM_RUNTIME_ROLE";
const SOCKET_ENV: &str = "FATHOM_RUNTIME_SOCKET";
const SUPERVISOR_ENV: &str = "FATHOM_RUNTIME_SUPERVISOR";

/// Runs the function server and exits with its status.
pub fn main(handler: Handler) -> ! {
    std::process::exit(run(handler))
}

/// Runs the supervisor, or a worker when started by the supervisor; returns the exit status.
pub fn run(handler: Handler) -> i32 {
    let logger = fathom::Logger::stdout("");
    let config = match config::Config::from_process() {
        Ok(config) => config,
        Err(message) => {
            startup_error(&message);
            return 2;
        }
    };
    if std::env::var(ROLE_ENV).ok().as_deref() == Some("worker") {
        sys::terminate_with_parent();
        sys::catch_terminate();
        let supervisor = std::env::var(SUPERVISOR_ENV)
            .ok()
            .and_then(|pid| pid.parse::<u32>().ok());
        if supervisor != Some(std::os::unix::process::parent_id()) {
            return 1; // the supervisor is already gone
        }
        let panic_logger = logger.clone();
        std::panic::set_hook(Box::new(move |info| {
            panic_logger.error(&format!("handler {}", info))
        }));
        let socket = std::env::var_os(SOCKET_ENV)
            .map(std::path::PathBuf::from)
            .unwrap_or_default();
        return worker::serve(config, handler, logger, socket);
    }
    for warning in &config.warnings {
        logger.warning(warning);
    }
    supervisor::run(config, logger)
}

/// Prints one JSON line naming the cause of a start-up failure on stderr.
pub fn startup_error(message: &str) {
    eprint!(
        "{}",
        fathom::log_line("error", "", &format!("start-up failed: {}", message))
    );
}
