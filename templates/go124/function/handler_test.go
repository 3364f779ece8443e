package function

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	fathom "fathom.dev/sdk"
)

func testContext(logs *bytes.Buffer) *fathom.Context {
	sdk := map[string]string{
		"FATHOM_SDK_BASE_URL":        "https://platform.example",
		"FATHOM_SDK_SERVICE_PATH_ML": "/v1/ml",
	}
	return fathom.NewContext(context.Background(), "call-1", fathom.NewLogger(logs, "call-1"), sdk)
}

func TestHandle_greetsAndBuildsTheMLServiceURL(t *testing.T) {
	var logs bytes.Buffer
	result, err := Handle(testContext(&logs), json.RawMessage(`{"name":"Ada"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Output{Greeting: "Hello, Ada!", MLServiceURL: "https://platform.example/v1/ml/openapi", CallID: "call-1"}
	if result != want {
		t.Fatalf("got %+v, want %+v", result, want)
	}
	if !strings.Contains(logs.String(), `"callId":"call-1"`) {
		t.Fatalf("the log line lacks the call id: %s", logs.String())
	}
}

func TestHandle_rejectsInputThatIsNotAnObject(t *testing.T) {
	var logs bytes.Buffer
	if _, err := Handle(testContext(&logs), json.RawMessage(`[1]`)); err == nil {
		t.Fatal("want an error")
	}
}
