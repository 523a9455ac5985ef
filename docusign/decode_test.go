package docusign

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// observedError is one entry of testdata/error-bodies.observed.json.
type observedError struct {
	Status json.RawMessage `json:"status"`
	OAuth  bool            `json:"oauth"`
	Body   json.RawMessage `json:"body"`
}

func TestDecodeErrorBody_EveryObservedShape(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/error-bodies.observed.json")
	require.NoError(t, err)
	var observed []observedError
	require.NoError(t, json.Unmarshal(data, &observed))
	require.NotEmpty(t, observed)

	for _, o := range observed {
		wantCode, wantMsg := expectedCodeAndMessage(t, o.Body)
		t.Run(wantCode, func(t *testing.T) {
			t.Parallel()
			code, msg := decodeErrorBody(o.Body)
			assert.Equal(t, wantCode, code)
			assert.Equal(t, wantMsg, msg)
			assert.NotEmpty(t, code, "every observed body carries a code")
		})
	}
}

// expectedCodeAndMessage reads a sample body the slow, obvious way, as a map,
// to give the code and message decodeErrorBody must find.
func expectedCodeAndMessage(t *testing.T, body json.RawMessage) (string, string) {
	var m map[string]any
	require.NoError(t, json.Unmarshal(body, &m))
	if nested, ok := m["error"].(map[string]any); ok {
		return nested["errorCode"].(string), nested["message"].(string)
	}
	if code, ok := m["error"].(string); ok {
		if d, ok := m["error_description"].(string); ok {
			return code, d
		}
		if ref, ok := m["reference_id"].(string); ok {
			return code, "reference " + ref
		}
		return code, ""
	}
	return m["errorCode"].(string), m["message"].(string)
}

func TestDecodeErrorBody_BodiesThatAreNotDocuSignJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, code, msg string
	}{
		{"empty", "", "", ""},
		{"whitespace", " \r\n", "", ""},
		{"plain text", "Service Unavailable\n", "", "Service Unavailable"},
		{"html page", "<html>\n<body>\n<h1>502</h1>\n</body>\n</html>", "", ""},
		{"broken json", `{"errorCode":"X"`, "", `{"errorCode":"X"`},
		{"json array", `[1,2]`, "", "[1,2]"},
		{"json without a code", `{"foo":"bar"}`, "", ""},
		{"error details", `{"errorDetails":{"errorCode":"E","message":"M"}}`, "E", "M"},
		{"not utf-8", "\xff\xfe", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, msg := decodeErrorBody([]byte(tt.body))
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.msg, msg)
		})
	}
}

func TestAPIError_MatchesSentinelsByStatusAndCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		code   string
		want   []error
	}{
		{"404", 404, "", []error{ErrNotFound}},
		{"envelope missing sent with 400", 400, "ENVELOPE_DOES_NOT_EXIST", []error{ErrNotFound}},
		{"template missing", 400, "TEMPLATE_NOT_FOUND", []error{ErrNotFound}},
		{"401", 401, "", []error{ErrUnauthorized}},
		{"bad token", 401, "USER_AUTHENTICATION_FAILED", []error{ErrUnauthorized}},
		{"bad integration key sent with 400", 400, "PARTNER_AUTHENTICATION_FAILED",
			[]error{ErrUnauthorized}},
		{"429", 429, "", []error{ErrRateLimited}},
		{"hourly quota sent with 400", 400, "HOURLY_APIINVOCATION_LIMIT_EXCEEDED",
			[]error{ErrRateLimited}},
		{"mixed-case envelope quota", 400, "Burst_Envelope_Polling_Limit_Exceeded",
			[]error{ErrRateLimited}},
		{"bad email", 400, "INVALID_EMAIL_ADDRESS_FOR_RECIPIENT", nil},
		{"recipient limit of the account", 400, "RECIPIENT_LIMIT_EXCEEDED", nil},
		{"recipient limit sent with 429", 429, "RECIPIENT_LIMIT_EXCEEDED", nil},
		{"document limit of the envelope", 400, "DOCUMENT_LIMIT_EXCEEDED", nil},
		{"send limit", 400, "ENVELOPE_SEND_LIMIT_EXCEEDED", nil},
		{"server error", 500, "", nil},
	}
	all := []error{ErrNotFound, ErrUnauthorized, ErrRateLimited, ErrOutcomeUnknown}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := error(&APIError{StatusCode: tt.status, Code: tt.code})
			for _, sentinel := range all {
				want := false
				for _, w := range tt.want {
					want = want || w == sentinel
				}
				assert.Equal(t, want, errors.Is(err, sentinel), "errors.Is(%v)", sentinel)
			}
		})
	}
}

func TestAPIError_MessageCarriesCodeTraceTokenAndRemedy(t *testing.T) {
	t.Parallel()
	err := &APIError{StatusCode: 401, Code: "USER_AUTHENTICATION_FAILED",
		Message:    "One or both of Username and Password are invalid.",
		TraceToken: "7f3c", Method: "GET", Path: "/envelopes/abc"}
	msg := err.Error()
	for _, s := range []string{"GET /envelopes/abc", "401", "USER_AUTHENTICATION_FAILED",
		"Username and Password", "base_uri", "trace token 7f3c"} {
		assert.Contains(t, msg, s)
	}
}
