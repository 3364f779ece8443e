// Package function is your Fathom function. Handle is called once per call.
package function

import (
	"encoding/json"
	"fmt"

	fathom "fathom.dev/sdk"
)

// Input is the call's body; func.yaml's schema.input describes the same shape and the runtime
// checks it before Handle is called.
type Input struct {
	Name string `json:"name"`
}

// Output is the call's answer; func.yaml's schema.output describes it.
type Output struct {
	Greeting     string `json:"greeting"`
	MLServiceURL string `json:"mlServiceUrl"`
	CallID       string `json:"callId"`
}

// Handle greets the caller and shows where the platform's ML service lives. Return any value
// that encodes to JSON, or an error: its text becomes the 500 function-error message.
// ctx is cancelled at the call's deadline; pass it to anything that takes a context.Context.
func Handle(ctx *fathom.Context, input json.RawMessage) (any, error) {
	var in Input
	if err := json.Unmarshal(input, &in); err != nil {
		return nil, fmt.Errorf("the input is not {\"name\": string}: %w", err)
	}
	// The FATHOM_SDK_* variables are in ctx.SDK. This is the ML service's OpenAPI address;
	// call it with an "Authorization: Bearer "+ctx.SDK["FATHOM_SDK_AUTHORIZATION"] header.
	mlServiceURL := ctx.SDK["FATHOM_SDK_BASE_URL"] + ctx.SDK["FATHOM_SDK_SERVICE_PATH_ML"] + "/openapi"
	ctx.Logger.Infof("building a greeting; the ML service is at %s", mlServiceURL)
	return Output{
		Greeting:     "Hello, " + in.Name + "!",
		MLServiceURL: mlServiceURL,
		CallID:       ctx.CallID,
	}, nil
}
