// In-process baseline for go124 (bench/runtime-overhead.sh).
//
// usage: inprocess SECONDS WARMUP_SECONDS
//
// Calls the conformance fixture's function.Handle in a loop, timing every call. Modes: "handler"
// (Handle with the request body as json.RawMessage: Handle decodes it itself, which is the
// handler's own work) and "json" (Handle, then json.Marshal of the result, as the runtime does).
// Callers: 1 and 16 goroutines. Prints one line per run: MODE CALLERS P50_NS CALLS_PER_SECOND.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	fathom "fathom.dev/sdk"
	function "fathom.local/function/function"
)

const (
	bucketNs = 10
	buckets  = 100_000 // 10 ns buckets up to 1 ms, then one overflow bucket
)

var body = []byte(`{"action":"echo","value":1}`)

var sink any // keeps results alive

func loop(marshal bool, seconds float64, histogram []uint64, start *sync.WaitGroup, calls *uint64) {
	ctx := fathom.NewContext(context.Background(), "bench-call", fathom.NewLogger(io.Discard, "bench-call"), nil)
	start.Wait()
	end := time.Now().Add(time.Duration(seconds * float64(time.Second)))
	var n uint64
	var last any
	for {
		t0 := time.Now()
		result, err := function.Handle(ctx, json.RawMessage(body))
		if err != nil {
			panic(err)
		}
		if marshal {
			out, err := json.Marshal(result)
			if err != nil {
				panic(err)
			}
			last = out
		} else {
			last = result
		}
		t1 := time.Now()
		bucket := int(t1.Sub(t0).Nanoseconds() / bucketNs)
		if bucket > buckets {
			bucket = buckets
		}
		histogram[bucket]++
		n++
		if t1.After(end) {
			break
		}
	}
	sink = last
	*calls = n
}

func run(marshal bool, callers int, seconds float64) (int64, float64) {
	histograms := make([][]uint64, callers)
	calls := make([]uint64, callers)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := 0; i < callers; i++ {
		histograms[i] = make([]uint64, buckets+1)
		done.Add(1)
		go func(i int) {
			defer done.Done()
			loop(marshal, seconds, histograms[i], &start, &calls[i])
		}(i)
	}
	began := time.Now()
	start.Done()
	done.Wait()
	elapsed := time.Since(began).Seconds()
	var total uint64
	for _, n := range calls {
		total += n
	}
	var seen uint64
	for bucket := 0; bucket <= buckets; bucket++ {
		for _, h := range histograms {
			seen += h[bucket]
		}
		if seen*2 >= total {
			return int64(bucket*bucketNs + bucketNs/2), float64(total) / elapsed
		}
	}
	return -1, float64(total) / elapsed
}

func main() {
	seconds, _ := strconv.ParseFloat(os.Args[1], 64)
	warmup, _ := strconv.ParseFloat(os.Args[2], 64)
	for _, mode := range []string{"handler", "json"} {
		for _, callers := range []int{1, 16} {
			run(mode == "json", callers, warmup)
			p50, rate := run(mode == "json", callers, seconds)
			fmt.Printf("%s %d %d %.0f\n", mode, callers, p50, rate)
		}
	}
}
