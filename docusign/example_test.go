package docusign_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// A settings page can check what a user pasted before storing it.
func ExampleNormalizeBaseURI() {
	for _, pasted := range []string{
		"https://na3.docusign.net/restapi",
		"na3.docusign.net",
	} {
		uri, err := docusign.NormalizeBaseURI(pasted)
		if err != nil {
			fmt.Println("refused:", err)
			continue
		}
		fmt.Println("stored:", uri)
	}
	// Output:
	// stored: https://na3.docusign.net
	// refused: docusign: Account.BaseURI "na3.docusign.net" has no scheme; write it as "https://na3.docusign.net"
}

// Do calls an endpoint that no service package wraps, here the envelope
// audit events, and decodes the answer.
func ExampleClient_Do() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"auditEvents":[{"eventFields":[{"name":"Action","value":"Sent"}]}]}`)
	}))
	defer api.Close()

	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "token"})
	client, err := docusign.NewClient(ts, docusign.Account{ID: "123", BaseURI: api.URL})
	if err != nil {
		log.Fatal(err)
	}
	var audit struct {
		AuditEvents []struct {
			EventFields []struct{ Name, Value string } `json:"eventFields"`
		} `json:"auditEvents"`
	}
	_, err = client.Do(context.Background(), http.MethodGet,
		"/envelopes/e1/audit_events", nil, &audit)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(audit.AuditEvents[0].EventFields[0].Value)
	// Output: Sent
}

// DocuSign reports a missing envelope with HTTP 400 and a code; the sentinel
// matches it all the same, and the *APIError carries the details.
func ExampleAPIError() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-DocuSign-TraceToken", "5c2b")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"errorCode":"ENVELOPE_DOES_NOT_EXIST",`+
			`"message":"The envelope specified either does not exist or you have no rights to it."}`)
	}))
	defer api.Close()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "token"})
	client, _ := docusign.NewClient(ts, docusign.Account{ID: "123", BaseURI: api.URL})

	_, err := client.Do(context.Background(), http.MethodGet, "/envelopes/nope", nil, nil)

	var apiErr *docusign.APIError
	if errors.Is(err, docusign.ErrNotFound) && errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, apiErr.TraceToken)
	}
	// Output: 400 ENVELOPE_DOES_NOT_EXIST 5c2b
}

// A client can be tuned for a batch job that prefers to wait longer.
func ExampleWithRetryPolicy() {
	policy := docusign.DefaultRetryPolicy()
	policy.MaxRetries = 6
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "token"})
	_, err := docusign.NewClient(ts,
		docusign.Account{ID: "123", BaseURI: "https://na3.docusign.net"},
		docusign.WithRetryPolicy(policy),
		docusign.WithUserAgent("acme-contracts/2.3"))
	fmt.Println(err)
	// Output: <nil>
}
