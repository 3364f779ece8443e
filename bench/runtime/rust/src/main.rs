//! In-process baseline for rust189/rust186 (bench/runtime-overhead.sh).
//!
//! usage: inprocess SECONDS WARMUP_SECONDS
//!
//! Calls the conformance fixture's `function::function::handle` in a loop, timing every call.
//! Modes: "handler" (handle only; its input is a clone of the parsed body, made outside the timed
//! part) and "json" (serde_json::from_slice of the body, handle, serde_json::to_vec of the result).
//! Callers: 1 and 16 threads. Prints one line per run: MODE CALLERS P50_NS CALLS_PER_SECOND.

use fathom::{Context, Logger};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const BUCKET_NS: u64 = 10;
const BUCKETS: usize = 100_000; // 10 ns buckets up to 1 ms, then one overflow bucket
const BODY: &[u8] = br#"{"action":"echo","value":1}"#;

fn caller(json: bool, seconds: f64, start: Arc<Barrier>) -> (Vec<u64>, u64) {
    let ctx = Context::new("bench-call", fathom::now_ms() + 3_600_000, Logger::stdout("bench-call"), BTreeMap::new());
    let input: Value = serde_json::from_slice(BODY).unwrap();
    let mut histogram = vec![0u64; BUCKETS + 1];
    let mut calls = 0u64;
    let mut kept = 0usize;
    start.wait();
    let end = Instant::now() + Duration::from_secs_f64(seconds);
    loop {
        let t1;
        if json {
            let t0 = Instant::now();
            let parsed: Value = serde_json::from_slice(BODY).unwrap();
            let out = serde_json::to_vec(&function::function::handle(&ctx, parsed).unwrap()).unwrap();
            t1 = Instant::now();
            kept = kept.wrapping_add(out.len());
            histogram[((t1 - t0).as_nanos() as u64 / BUCKET_NS).min(BUCKETS as u64) as usize] += 1;
        } else {
            let copy = input.clone();
            let t0 = Instant::now();
            let out = function::function::handle(&ctx, copy).unwrap();
            t1 = Instant::now();
            kept = kept.wrapping_add(out.is_object() as usize);
            drop(out);
            histogram[((t1 - t0).as_nanos() as u64 / BUCKET_NS).min(BUCKETS as u64) as usize] += 1;
        }
        calls += 1;
        if t1 >= end {
            break;
        }
    }
    assert!(kept > 0);
    (histogram, calls)
}

fn run(json: bool, callers: usize, seconds: f64) -> (u64, f64) {
    let start = Arc::new(Barrier::new(callers + 1));
    let threads: Vec<_> = (0..callers)
        .map(|_| {
            let start = start.clone();
            std::thread::spawn(move || caller(json, seconds, start))
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let elapsed = began.elapsed().as_secs_f64();
    let total: u64 = results.iter().map(|r| r.1).sum();
    let mut seen = 0u64;
    for bucket in 0..=BUCKETS {
        seen += results.iter().map(|r| r.0[bucket]).sum::<u64>();
        if seen * 2 >= total {
            return (bucket as u64 * BUCKET_NS + BUCKET_NS / 2, total as f64 / elapsed);
        }
    }
    (0, total as f64 / elapsed)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: f64 = args[1].parse().unwrap();
    let warmup: f64 = args[2].parse().unwrap();
    for (name, json) in [("handler", false), ("json", true)] {
        for callers in [1usize, 16] {
            run(json, callers, warmup);
            let (p50, rate) = run(json, callers, seconds);
            println!("{} {} {} {:.0}", name, callers, p50, rate);
        }
    }
}
