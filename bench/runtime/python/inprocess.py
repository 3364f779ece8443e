"""In-process baseline for python310 (bench/runtime-overhead.sh).

usage: inprocess.py FIXTURE_DIR SECONDS WARMUP_SECONDS   (PYTHONPATH must hold runtime-python-shim/src)

Imports the fixture's function.func and calls main(data, context) in a loop with the shim's own
Context class, timing every call (perf_counter_ns). Modes: "handler" (main only, data already a
dict) and "json" (json.loads of the request body, main, json.dumps of the result). Callers: 1 and
16 threads (the GIL lets one run at a time: 16 threads measure contention, not parallelism).
Prints one line per run: MODE CALLERS P50_NS CALLS_PER_SECOND.
"""

import json
import sys
import threading
import time

BUCKET_NS = 10
BUCKETS = 100_000  # 10 ns buckets up to 1 ms, then one overflow bucket
BODY = b'{"action":"echo","value":1}'


def handler_loop(main, ctx, seconds, histogram, counts, index, start):
    data = json.loads(BODY)
    clock = time.perf_counter_ns
    start.wait()
    end = clock() + int(seconds * 1e9)
    calls = 0
    while True:
        t0 = clock()
        main(data, ctx)
        t1 = clock()
        bucket = (t1 - t0) // BUCKET_NS
        histogram[bucket if bucket < BUCKETS else BUCKETS] += 1
        calls += 1
        if t1 >= end:
            break
    counts[index] = calls


def json_loop(main, ctx, seconds, histogram, counts, index, start):
    loads, dumps = json.loads, json.dumps
    clock = time.perf_counter_ns
    start.wait()
    end = clock() + int(seconds * 1e9)
    calls = 0
    while True:
        t0 = clock()
        dumps(main(loads(BODY), ctx)).encode()
        t1 = clock()
        bucket = (t1 - t0) // BUCKET_NS
        histogram[bucket if bucket < BUCKETS else BUCKETS] += 1
        calls += 1
        if t1 >= end:
            break
    counts[index] = calls


def run(loop, main, ctx, callers, seconds):
    histograms = [[0] * (BUCKETS + 1) for _ in range(callers)]
    counts = [0] * callers
    start = threading.Barrier(callers + 1)
    threads = [
        threading.Thread(target=loop, args=(main, ctx, seconds, histograms[i], counts, i, start))
        for i in range(callers)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    merged = [sum(column) for column in zip(*histograms)]
    total = sum(merged)
    seen = 0
    for bucket, count in enumerate(merged):
        seen += count
        if seen * 2 >= total:
            break
    return bucket * BUCKET_NS + BUCKET_NS // 2, total / elapsed


def main():
    fixture, seconds, warmup = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    sys.path.insert(0, fixture)
    from fathom_shim.context import Context
    from function.func import main as handler

    ctx = Context("bench-call", int(time.time() * 1000) + 3_600_000, {}, {})
    assert handler(json.loads(BODY), ctx) == {"value": 1}
    for name, loop in (("handler", handler_loop), ("json", json_loop)):
        for callers in (1, 16):
            run(loop, handler, ctx, callers, warmup)
            p50, rate = run(loop, handler, ctx, callers, seconds)
            print(f"{name} {callers} {p50} {rate:.0f}", flush=True)


if __name__ == "__main__":
    main()
