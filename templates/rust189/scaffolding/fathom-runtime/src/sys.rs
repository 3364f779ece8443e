//! The few POSIX calls std does not offer: catching SIGTERM/SIGINT, sending SIGTERM, and asking
//! Linux to send SIGTERM to a worker when its supervisor dies.

use std::os::raw::c_int;
use std::sync::atomic::{AtomicBool, Ordering};

const SIGINT: c_int = 2;
const SIGTERM: c_int = 15;

extern "C" {
    fn signal(signum: c_int, handler: usize) -> usize;
    fn kill(pid: c_int, sig: c_int) -> c_int;
}

#[cfg(target_os = "linux")]
extern "C" {
    fn prctl(option: c_int, ...) -> c_int;
}

static TERMINATE: AtomicBool = AtomicBool::new(false);

extern "C" fn on_terminate(_: c_int) {
    TERMINATE.store(true, Ordering::SeqCst);
}

/// From now on SIGTERM and SIGINT only set a flag, read with [`terminate_requested`].
pub fn catch_terminate() {
    let handler = on_terminate as extern "C" fn(c_int) as usize;
    unsafe {
        signal(SIGTERM, handler);
        signal(SIGINT, handler);
    }
}

pub fn terminate_requested() -> bool {
    TERMINATE.load(Ordering::SeqCst)
}

/// Sends SIGTERM to a process.
pub fn send_terminate(pid: u32) {
    unsafe {
        kill(pid as c_int, SIGTERM);
    }
}

/// Asks for SIGTERM when the parent process dies (Linux; a no-op elsewhere).
pub fn terminate_with_parent() {
    #[cfg(target_os = "linux")]
    unsafe {
        const PR_SET_PDEATHSIG: c_int = 1;
        prctl(PR_SET_PDEATHSIG, SIGTERM as std::os::raw::c_ulong);
    }
}
