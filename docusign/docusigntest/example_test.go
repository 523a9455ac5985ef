package docusigntest_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

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

// A listener in a test is an httptest TLS server; the fake trusts it
// through WithConnectRootCAs, and WaitForDeliveries replaces any sleep.
func ExampleServer_AddListener() {
	listener := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter,
		r *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	defer listener.Close()
	pool := x509.NewCertPool()
	pool.AddCert(listener.Certificate())

	srv := docusigntest.NewServer(docusigntest.WithConnectRootCAs(pool))
	defer srv.Close()
	if _, err := srv.AddListener(docusigntest.Listener{URL: listener.URL, HMAC: true,
		Events: []string{"envelope-sent"}}); err != nil {
		fmt.Println(err)
		return
	}
	// ... create and send an envelope with the code under test ...
	sendOne(srv)

	if err := srv.WaitForDeliveries(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	d := srv.Deliveries()[0]
	fmt.Println(d.Event, d.Status,
		docusigntest.CheckSignature(d.Body, d.Header, srv.Credentials().HMACKey))
	// Output: envelope-sent 200 true
}

// A scripted failure: the next create takes effect but its answer is lost,
// the case a client must resolve by transaction ID rather than resend.
func ExampleServer_InjectFault() {
	srv := docusigntest.NewServer()
	defer srv.Close()
	srv.InjectFault(docusigntest.Fault{Method: http.MethodPost, Path: "/envelopes",
		Drop: true, AfterHandling: true})

	err := sendOne(srv)
	fmt.Println("error:", err != nil, "creates:", srv.CreateCount())
	// Output: error: true creates: 1
}

// sendOne creates and sends a one-signer envelope through the SDK's core
// client, standing in for the code under test.
func sendOne(srv *docusigntest.Server) error {
	tok, err := srv.IssueToken()
	if err != nil {
		return err
	}
	client, err := docusign.NewClient(oauth2.StaticTokenSource(tok), srv.Account(),
		docusign.WithHTTPClient(srv.Client()))
	if err != nil {
		return err
	}
	_, err = client.Do(context.Background(), http.MethodPost, "/envelopes", map[string]any{
		"emailSubject": "Please sign", "status": "sent",
		"documents": []map[string]string{{"documentId": "1", "name": "Contract.pdf",
			"documentBase64": "JVBERi0xLjQKJSVFT0YK"}},
		"recipients": map[string]any{"signers": []map[string]string{{"recipientId": "1",
			"name": "Ann Signer", "email": "ann@example.com"}}},
	}, nil)
	return err
}

// Approve plays the user on the consent page of the authorization-code
// grant and returns where the browser would be sent.
func ExampleServer_Approve() {
	srv := docusigntest.NewServer()
	defer srv.Close()
	authURL := srv.URL() + "/oauth/auth?" + url.Values{
		"response_type": {"code"}, "scope": {"signature"},
		"client_id":    {srv.Credentials().ClientID},
		"redirect_uri": {"https://app.example.com/callback"}, "state": {"xyz"},
	}.Encode()
	redirect, err := srv.Approve(authURL)
	if err != nil {
		fmt.Println(err)
		return
	}
	u, _ := url.Parse(redirect)
	fmt.Println(u.Host, u.Path, u.Query().Get("state"), u.Query().Get("code") != "")
	// Output: app.example.com /callback xyz true
}
