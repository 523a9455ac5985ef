package docusigntest_test

import (
	"context"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// Downstream code builds its DocuSign client from the fake's values exactly
// as it would from real ones; here a token is taken from the fake for
// brevity, where real code would run its JWT or authorization-code flow
// against srv.Environment() with srv.Credentials().
func Example() {
	srv := docusigntest.NewServer()
	defer srv.Close()

	tok, err := srv.IssueToken()
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := docusign.NewClient(oauth2.StaticTokenSource(tok), srv.Account(),
		docusign.WithHTTPClient(srv.Client()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var created struct{ EnvelopeID, Status string }
	_, err = client.Do(context.Background(), http.MethodPost, "/envelopes", map[string]any{
		"emailSubject": "Please sign",
		"status":       "sent",
		"documents": []map[string]string{{"documentId": "1", "name": "Contract.pdf",
			"documentBase64": "JVBERi0xLjQKJSVFT0YK"}},
		"recipients": map[string]any{"signers": []map[string]string{{"recipientId": "1",
			"name": "Ann Signer", "email": "ann@example.com"}}},
	}, &created)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created:", created.Status)

	if err := srv.Sign(created.EnvelopeID, "1"); err != nil {
		fmt.Println(err)
		return
	}
	env, _ := srv.Envelope(created.EnvelopeID)
	fmt.Println("after signing:", env.Status)
	// Output:
	// created: sent
	// after signing: completed
}
