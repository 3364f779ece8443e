package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fathom.dev/runtime/schema"
	fathom "fathom.dev/sdk"
)

// testHandler implements the conformance actions the tests need.
func testHandler(ctx *fathom.Context, input json.RawMessage) (any, error) {
	var in struct {
		Action  string          `json:"action"`
		Value   json.RawMessage `json:"value"`
		Message string          `json:"message"`
		Ms      int             `json:"ms"`
	}
	if err := json.Unmarshal(input, &in); err != nil {
		return nil, err
	}
	switch in.Action {
	case "echo":
		return map[string]any{"value": in.Value}, nil
	case "fail":
		return nil, errors.New(in.Message)
	case "panic":
		panic("boom")
	case "sleep":
		time.Sleep(time.Duration(in.Ms) * time.Millisecond)
		return map[string]any{"slept": in.Ms}, nil
	case "whoami":
		return map[string]any{"callId": ctx.CallID, "base": ctx.SDK["FATHOM_SDK_BASE_URL"]}, nil
	case "bad-output":
		return map[string]any{"unexpected": true}, nil
	case "unencodable":
		return map[string]any{"f": func() {}}, nil
	}
	return nil, errors.New("unknown action " + in.Action)
}

func compiled(t *testing.T, document string) *schema.Validator {
	t.Helper()
	validator, _, err := schema.Compile([]byte(document))
	if err != nil {
		t.Fatal(err)
	}
	return validator
}

func newTestWorker(t *testing.T, abandoned *int32) *Worker {
	cfg, err := LoadConfig(func(name string) (string, bool) {
		if name == "PORT" {
			return "0", true
		}
		return "", false
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Input = compiled(t, `{"type":"object","required":["action"]}`)
	cfg.Output = compiled(t, `{"type":"object","not":{"required":["unexpected"]}}`)
	cfg.SDK = map[string]string{"FATHOM_SDK_BASE_URL": "https://base"}
	cfg.MaxBodyBytes = 1024
	return NewWorker(cfg, testHandler, fathom.NewLogger(io.Discard, ""), func() { atomic.AddInt32(abandoned, 1) })
}

type reply struct {
	status int
	header http.Header
	body   map[string]any
}

func do(w *Worker, method, path, body string, headers map[string]string) reply {
	request := httptest.NewRequest(method, path, strings.NewReader(body))
	for name, value := range headers {
		request.Header.Set(name, value)
	}
	recorder := httptest.NewRecorder()
	w.ServeHTTP(recorder, request)
	var decoded map[string]any
	_ = json.Unmarshal(recorder.Body.Bytes(), &decoded)
	return reply{recorder.Code, recorder.Header(), decoded}
}

func errorCode(r reply) string {
	if e, ok := r.body["error"].(map[string]any); ok {
		return e["code"].(string)
	}
	return ""
}

func TestWorker_healthAndReady(t *testing.T) {
	var abandoned int32
	w := newTestWorker(t, &abandoned)
	if r := do(w, "GET", "/_/health", "", nil); r.status != 200 || r.body["status"] != "ok" {
		t.Fatalf("health: %+v", r)
	}
	if r := do(w, "GET", "/_/ready", "", nil); r.status != 200 || r.body["status"] != "ready" {
		t.Fatalf("ready: %+v", r)
	}
	if r := do(w, "GET", "/nope", "", nil); r.status != 404 || errorCode(r) != "not-found" {
		t.Fatalf("unknown path: %+v", r)
	}
	if r := do(w, "GET", "/invoke", "", nil); r.status != 405 {
		t.Fatalf("GET /invoke: %+v", r)
	}
}

func TestWorker_invokeAnswers(t *testing.T) {
	var abandoned int32
	w := newTestWorker(t, &abandoned)
	cases := []struct {
		name, body string
		status     int
		code       string
	}{
		{"echo", `{"action":"echo","value":[1,"a"]}`, 200, ""},
		{"invalid json", `{"action":`, 400, "invalid-json"},
		{"two values", `{} {}`, 400, "invalid-json"},
		{"input schema", `{"value":1}`, 422, "input-schema-violation"},
		{"function error", `{"action":"fail","message":"nope"}`, 500, "function-error"},
		{"panic", `{"action":"panic"}`, 500, "function-error"},
		{"output schema", `{"action":"bad-output"}`, 500, "output-schema-violation"},
		{"unencodable", `{"action":"unencodable"}`, 500, "function-error"},
		{"too large", `{"action":"echo","value":"` + strings.Repeat("x", 2000) + `"}`, 413, "payload-too-large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(w, "POST", "/invoke", c.body, nil)
			if r.status != c.status || errorCode(r) != c.code {
				t.Fatalf("got %d %v, want %d %q", r.status, r.body, c.status, c.code)
			}
		})
	}
	if r := do(w, "POST", "/invoke", `{"action":"fail","message":"nope"}`, nil); r.body["error"].(map[string]any)["message"] != "nope" {
		t.Fatalf("function-error message: %v", r.body)
	}
	if r := do(w, "POST", "/invoke", `{"action":"echo","value":{"k":1.5}}`, nil); !bytes.Contains(mustJSON(r.body), []byte(`{"value":{"k":1.5}}`)) {
		t.Fatalf("echo: %v", r.body)
	}
}

func mustJSON(value any) []byte { b, _ := json.Marshal(value); return b }

func TestWorker_callIdEchoedOrGenerated(t *testing.T) {
	var abandoned int32
	w := newTestWorker(t, &abandoned)
	r := do(w, "POST", "/invoke", `{"action":"whoami"}`, map[string]string{"X-Fathom-Call-Id": "call-1"})
	if r.header.Get("X-Fathom-Call-Id") != "call-1" || r.body["callId"] != "call-1" || r.body["base"] != "https://base" {
		t.Fatalf("explicit id: %+v", r)
	}
	r = do(w, "POST", "/invoke", `{"action":"whoami"}`, nil)
	if generated := r.header.Get("X-Fathom-Call-Id"); len(generated) != 36 || r.body["callId"] != generated {
		t.Fatalf("generated id: %+v", r)
	}
}

func TestWorker_deadlineAnswers504AndAbandonsStuckHandler(t *testing.T) {
	var abandoned int32
	w := newTestWorker(t, &abandoned)
	deadline := strconv.FormatInt(time.Now().Add(100*time.Millisecond).UnixMilli(), 10)
	started := time.Now()
	r := do(w, "POST", "/invoke", `{"action":"sleep","ms":2000}`, map[string]string{"X-Fathom-Deadline-Ms": deadline})
	if r.status != 504 || errorCode(r) != "timeout" || time.Since(started) > time.Second {
		t.Fatalf("got %d %v after %v", r.status, r.body, time.Since(started))
	}
	time.Sleep(AbandonGrace + 200*time.Millisecond)
	if atomic.LoadInt32(&abandoned) != 1 {
		t.Fatal("the stuck handler was not reported as abandoned")
	}
	if r := do(w, "POST", "/invoke", `{"action":"echo","value":1}`, nil); r.status != 200 {
		t.Fatalf("call after a timeout: %+v", r)
	}
}

func TestWorker_pastDeadlineAndBadHeader(t *testing.T) {
	var abandoned int32
	w := newTestWorker(t, &abandoned)
	if r := do(w, "POST", "/invoke", `{"action":"echo"}`, map[string]string{"X-Fathom-Deadline-Ms": "1"}); r.status != 504 {
		t.Fatalf("past deadline: %+v", r)
	}
	if r := do(w, "POST", "/invoke", `{"action":"echo"}`, map[string]string{"X-Fathom-Deadline-Ms": "soon"}); r.status != 400 || errorCode(r) != "invalid-deadline" {
		t.Fatalf("bad deadline header: %+v", r)
	}
}

func TestWorker_drainingRefusesNewCalls(t *testing.T) {
	var abandoned int32
	w := newTestWorker(t, &abandoned)
	w.Drain()
	if r := do(w, "GET", "/_/ready", "", nil); r.status != 503 || r.body["status"] != "draining" {
		t.Fatalf("ready while draining: %+v", r)
	}
	if r := do(w, "POST", "/invoke", `{"action":"echo"}`, nil); r.status != 503 || errorCode(r) != "draining" {
		t.Fatalf("invoke while draining: %+v", r)
	}
	if !w.WaitIdle(time.Second) {
		t.Fatal("no calls should be in flight")
	}
}
