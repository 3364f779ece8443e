package server

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"fathom.dev/runtime/schema"
	fathom "fathom.dev/sdk"
)

// Handler is the shape of the user's function.Handle.
type Handler func(ctx *fathom.Context, input json.RawMessage) (any, error)

// AbandonGrace is how long a handler may run on after its deadline (its context is cancelled at
// the deadline) before the worker gives it up: the worker then stops accepting calls, lets the
// other in-flight calls finish and exits, which stops the work; the supervisor has already started
// a fresh worker on the same listening socket.
const AbandonGrace = 500 * time.Millisecond

// Worker serves the runtime contract's endpoints for one worker process.
type Worker struct {
	cfg         Config
	handler     Handler
	log         *fathom.Logger
	slots       chan struct{}
	calls       *tracker
	onAbandoned func()
}

// NewWorker returns a worker; onAbandoned is called (possibly more than once) when a handler
// has not returned AbandonGrace after its deadline.
func NewWorker(cfg Config, handler Handler, log *fathom.Logger, onAbandoned func()) *Worker {
	return &Worker{
		cfg:         cfg,
		handler:     handler,
		log:         log,
		slots:       make(chan struct{}, cfg.Workers),
		calls:       newTracker(),
		onAbandoned: onAbandoned,
	}
}

// Drain makes /_/ready and new /invoke calls answer 503; WaitIdle waits for in-flight calls.
func (w *Worker) Drain() { w.calls.drain() }

// WaitIdle waits up to timeout for the in-flight calls to finish; false when some are left.
func (w *Worker) WaitIdle(timeout time.Duration) bool { return w.calls.waitIdle(timeout) }

// LatestDeadline is the latest deadline of the in-flight calls (zero when there are none).
func (w *Worker) LatestDeadline() time.Time { return w.calls.latestDeadline() }

func (w *Worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/_/health" && r.Method == http.MethodGet:
		writeJSON(rw, http.StatusOK, []byte(`{"status":"ok"}`))
	case r.URL.Path == "/_/ready" && r.Method == http.MethodGet:
		if w.calls.isDraining() {
			writeJSON(rw, http.StatusServiceUnavailable, []byte(`{"status":"draining"}`))
		} else {
			writeJSON(rw, http.StatusOK, []byte(`{"status":"ready"}`))
		}
	case r.URL.Path == "/invoke" && r.Method == http.MethodPost:
		w.invoke(rw, r)
	case r.URL.Path == "/invoke" || r.URL.Path == "/_/health" || r.URL.Path == "/_/ready":
		writeError(rw, http.StatusMethodNotAllowed, "method-not-allowed", r.Method+" is not allowed on "+r.URL.Path)
	default:
		writeError(rw, http.StatusNotFound, "not-found", "no such endpoint; use POST /invoke, GET /_/health or GET /_/ready")
	}
}

func (w *Worker) invoke(rw http.ResponseWriter, r *http.Request) {
	callID := r.Header.Get("X-Fathom-Call-Id")
	if callID == "" {
		callID = newUUID()
	}
	rw.Header().Set("X-Fathom-Call-Id", callID)
	log := w.log.WithCallID(callID)
	deadline, err := w.deadline(r.Header.Get("X-Fathom-Deadline-Ms"))
	if err != nil {
		writeError(rw, http.StatusBadRequest, "invalid-deadline", err.Error())
		return
	}
	id, admitted := w.calls.begin(deadline)
	if !admitted {
		writeError(rw, http.StatusServiceUnavailable, "draining", "this instance is shutting down; retry the call")
		return
	}
	defer w.calls.end(id)
	started := time.Now()
	status := w.call(rw, r, callID, deadline, log)
	log.Infof("invoke answered %d in %d ms", status, time.Since(started).Milliseconds())
}

func (w *Worker) deadline(header string) (time.Time, error) {
	if header == "" {
		return time.Now().Add(w.cfg.Timeout), nil
	}
	ms, err := strconv.ParseInt(header, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("X-Fathom-Deadline-Ms=%q is not epoch milliseconds", header)
	}
	return time.UnixMilli(ms), nil
}

type outcome struct {
	value any
	err   error
}

func (w *Worker) call(rw http.ResponseWriter, r *http.Request, callID string, deadline time.Time, log *fathom.Logger) int {
	if r.ContentLength > w.cfg.MaxBodyBytes {
		return w.tooLarge(rw)
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, w.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return w.tooLarge(rw)
		}
		return writeError(rw, http.StatusBadRequest, "invalid-json", "cannot read the request body: "+err.Error())
	}
	input, err := schema.Decode(body)
	if err != nil {
		return writeError(rw, http.StatusBadRequest, "invalid-json", "the body is not JSON: "+err.Error())
	}
	if w.cfg.Input != nil {
		if err := w.cfg.Input.Validate(input); err != nil {
			return writeError(rw, http.StatusUnprocessableEntity, "input-schema-violation", "input "+err.Error())
		}
	}
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case w.slots <- struct{}{}:
	case <-timer.C:
		return w.timeout(rw)
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	done := make(chan outcome, 1)
	go func() {
		defer func() { <-w.slots }()
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		value, err := w.handler(fathom.NewContext(ctx, callID, log, w.cfg.SDK), json.RawMessage(body))
		done <- outcome{value: value, err: err}
	}()
	select {
	case result := <-done:
		return w.respond(rw, result, log)
	case <-timer.C:
		cancel()
		go w.watch(done, log)
		return w.timeout(rw)
	}
}

func (w *Worker) respond(rw http.ResponseWriter, result outcome, log *fathom.Logger) int {
	if result.err != nil {
		log.Warningf("the handler returned an error: %v", result.err)
		return writeError(rw, http.StatusInternalServerError, "function-error", result.err.Error())
	}
	encoded, err := json.Marshal(result.value)
	if err != nil {
		return writeError(rw, http.StatusInternalServerError, "function-error", "the handler's result cannot be encoded as JSON: "+err.Error())
	}
	if w.cfg.Output != nil {
		output, _ := schema.Decode(encoded)
		if err := w.cfg.Output.Validate(output); err != nil {
			return writeError(rw, http.StatusInternalServerError, "output-schema-violation", "output "+err.Error())
		}
	}
	return writeJSON(rw, http.StatusOK, encoded)
}

func (w *Worker) watch(done <-chan outcome, log *fathom.Logger) {
	select {
	case <-done:
	case <-time.After(AbandonGrace):
		log.Warning("the handler ignored its deadline; this worker stops taking calls and exits once its other calls finish, and a fresh worker takes over")
		w.onAbandoned()
	}
}

func (w *Worker) timeout(rw http.ResponseWriter) int {
	rw.Header().Set("Connection", "close")
	return writeError(rw, http.StatusGatewayTimeout, "timeout", "the call did not finish before its deadline")
}

func (w *Worker) tooLarge(rw http.ResponseWriter) int {
	rw.Header().Set("Connection", "close")
	return writeError(rw, http.StatusRequestEntityTooLarge, "payload-too-large",
		fmt.Sprintf("the body exceeds FATHOM_MAX_BODY_BYTES=%d", w.cfg.MaxBodyBytes))
}

func writeJSON(rw http.ResponseWriter, status int, body []byte) int {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	_, _ = rw.Write(body)
	return status
}

func writeError(rw http.ResponseWriter, status int, code, message string) int {
	body, _ := json.Marshal(map[string]map[string]string{"error": {"code": code, "message": message}})
	return writeJSON(rw, status, body)
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// tracker counts in-flight calls and refuses new ones once draining.
type tracker struct {
	mu        sync.Mutex
	draining  bool
	next      int
	deadlines map[int]time.Time
}

func newTracker() *tracker { return &tracker{deadlines: map[int]time.Time{}} }

func (t *tracker) begin(deadline time.Time) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.draining {
		return 0, false
	}
	t.next++
	t.deadlines[t.next] = deadline
	return t.next, true
}

func (t *tracker) end(id int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.deadlines, id)
}

func (t *tracker) drain() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.draining = true
}

func (t *tracker) isDraining() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.draining
}

func (t *tracker) active() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.deadlines)
}

func (t *tracker) latestDeadline() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	var latest time.Time
	for _, deadline := range t.deadlines {
		if deadline.After(latest) {
			latest = deadline
		}
	}
	return latest
}

func (t *tracker) waitIdle(timeout time.Duration) bool {
	stop := time.Now().Add(timeout)
	for t.active() > 0 {
		if time.Now().After(stop) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}
