package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

func TestRemedySaysWhatToDoForEachKindOfFailure(t *testing.T) {
	t.Parallel()
	reset := time.Date(2025, 5, 1, 15, 0, 0, 0, time.Local)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"consent", &auth.Error{Code: "consent_required",
			ConsentURL: "https://account-d.docusign.com/oauth/auth?x"},
			"click Accept, then run this program again:\n\n    https://account-d.docusign.com"},
		{"clock", fmt.Errorf("token: %w", auth.ErrClockSkew), "set this machine's clock"},
		{"key", fmt.Errorf("jwt: %w", auth.ErrEncryptedKey), envPrivateKeyFile},
		{"account", fmt.Errorf("x: %w", auth.ErrAccountNotFound), "set " + envAccountID},
		{"validation", &envelope.ValidationError{}, "Nothing was sent"},
		{"outcome unknown", &envelope.OutcomeUnknownError{TransactionID: "tx-1"},
			"look for transaction ID tx-1"},
		{"quota with reset", &docusign.APIError{StatusCode: 400,
			Code: "HOURLY_APIINVOCATION_LIMIT_EXCEEDED", RetryAt: reset},
			"try again after 3:00PM"},
		{"quota", docusign.ErrRateLimited, "try again within the hour"},
		{"token refused", docusign.ErrUnauthorized, envUserID},
		{"connect", fmt.Errorf("%w within 30s", errNoConnectMessage), "-v"},
		{"other API error", &docusign.APIError{StatusCode: 400, Code: "SOMETHING",
			TraceToken: "trace-1"}, "quote trace token trace-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Contains(t, remedy(tt.err), tt.want)
		})
	}
	assert.Empty(t, remedy(errors.New("something else")), "no invented remedy")
}

func TestPrintErrorWritesTheErrorThenTheRemedy(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	printError(&out, &envelope.ValidationError{Problems: []envelope.Problem{
		{Field: "emailSubject", Message: "is required"}}})
	assert.Regexp(t, `^contract: .*emailSubject.*\nWhat to do: .*Nothing was sent\.\n$`,
		out.String())
}
