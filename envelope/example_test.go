package envelope_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// exampleClient returns a client of a stand-in for DocuSign that answers
// the calls the examples make, as DocuSign answers them.
func exampleClient() (*docusign.Client, func()) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimPrefix(r.URL.Path, "/restapi/v2.1/accounts/a4ec37d6/envelopes")
		io.Copy(io.Discard, r.Body)
		switch {
		case r.Method == http.MethodPost && path == "":
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"envelopeId":"b24e6c1c","status":"sent",`+
				`"statusDateTime":"2025-08-31T22:01:23.9770000Z","uri":"/envelopes/b24e6c1c"}`)
		case strings.HasSuffix(path, "/views/recipient"):
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"url":"https://demo.docusign.net/Signing/MTRedeem/v1/4b6c?slt=eyJ0"}`)
		case strings.HasSuffix(path, "/documents/combined"):
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.7 the signed contract")
		case r.Method == http.MethodGet && path == "":
			io.WriteString(w, `{"resultSetSize":"2","totalSetSize":"2","startPosition":"0",
				"endPosition":"1","envelopes":[
				{"envelopeId":"b24e6c1c","status":"completed"},
				{"envelopeId":"7a5f1e05","status":"declined"}]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "token"})
	client, err := docusign.NewClient(ts, docusign.Account{ID: "a4ec37d6", BaseURI: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

// Send a contract to one signer, with a subject and instructions.
func ExampleService_Create() {
	client, done := exampleClient()
	defer done()
	envelopes := envelope.NewService(client)
	pdf := []byte("%PDF-1.7 the contract") // or envelope.NewFileDocument("1", path)

	sum, err := envelopes.Create(context.Background(), &envelope.Definition{
		EmailSubject: "Please sign your contract",
		EmailBlurb:   "Sign where marked on page 3. Call us with any question.",
		Status:       envelope.StatusSent,
		Documents:    []envelope.Document{envelope.NewBytesDocument("1", "Contract C-14.pdf", pdf)},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{{
			RecipientID: "1", Name: "Ann Lee", Email: "ann@example.com",
			Tabs: envelope.Tabs{
				SignHereTabs:   []envelope.SignHere{{Placement: envelope.Position("1", 3, 100, 620)}},
				DateSignedTabs: []envelope.DateSigned{{Placement: envelope.Position("1", 3, 320, 640)}},
			},
		}}},
		CustomFields: envelope.CustomFields{TextCustomFields: []envelope.TextCustomField{
			{Name: "contractId", Value: "C-14"},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sum.EnvelopeID, sum.Status)
	// Output: b24e6c1c sent
}

// Validate reports every problem at once, by field.
func ExampleDefinition_Validate() {
	def := &envelope.Definition{
		EmailSubject: "Please sign",
		Status:       envelope.StatusSent,
		Documents:    []envelope.Document{envelope.NewBytesDocument("1", "terms.odt", []byte("x"))},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{
			{RecipientID: "1", Name: "Ann Lee", Email: "Ann <ann@example.com>"},
		}},
	}
	err := def.Validate(envelope.Rules{AllowedExtensions: []string{".pdf", ".doc", ".docx"}})
	if verr, ok := err.(*envelope.ValidationError); ok {
		for _, p := range verr.Problems {
			fmt.Println(p.Field+":", p.Message)
		}
	}
	// Output:
	// documents[0].fileExtension: "odt" is not allowed; use one of pdf doc docx
	// recipients.signers[0].email: "Ann <ann@example.com>" is not a bare address; give only "ann@example.com", without a name or angle brackets
}

// Embedded signing: the signer was created with a ClientUserID, and signs
// in the host's application, redirected to a one-time URL.
func ExampleService_RecipientView() {
	client, done := exampleClient()
	defer done()
	envelopes := envelope.NewService(client)

	url, err := envelopes.RecipientView(context.Background(), "b24e6c1c",
		envelope.RecipientViewRequest{
			ReturnURL:    "https://contracts.example.com/signed?contract=C-14",
			ClientUserID: "user-2291",
			UserName:     "Ann Lee",
			Email:        "ann@example.com",
		})
	if err != nil {
		log.Fatal(err)
	}
	// In a handler: http.Redirect(w, r, url, http.StatusFound)
	fmt.Println(strings.HasPrefix(url, "https://demo.docusign.net/Signing/"))
	// Output: true
}

// Download the signed PDF of a completed envelope.
func ExampleService_Document() {
	client, done := exampleClient()
	defer done()
	envelopes := envelope.NewService(client)

	pdf, err := envelopes.Document(context.Background(), "b24e6c1c", envelope.DocumentCombined)
	if err != nil {
		log.Fatal(err)
	}
	defer pdf.Close()
	var signed strings.Builder // in a host: an os.File or an object store writer
	if _, err := io.Copy(&signed, pdf); err != nil {
		log.Fatal(err)
	}
	fmt.Println(signed.String())
	// Output: %PDF-1.7 the signed contract
}

// List what changed since yesterday, to reconcile with what Connect
// reported.
func ExampleService_ListStatusChanges() {
	client, done := exampleClient()
	defer done()
	envelopes := envelope.NewService(client)

	since := time.Now().Add(-24 * time.Hour)
	for env, err := range envelopes.ListStatusChanges(context.Background(),
		envelope.ListOptions{FromDate: since, Include: []string{envelope.IncludeCustomFields}}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(env.EnvelopeID, env.Status, env.Status.IsFinal())
	}
	// Output:
	// b24e6c1c completed true
	// 7a5f1e05 declined true
}

// A late delivery never moves a stored status backwards.
func ExampleStatusUpdate_Supersedes() {
	at := func(s string) time.Time { t, _ := envelope.ParseTime(s); return t }
	stored := envelope.StatusUpdate{Status: envelope.StatusCompleted, At: at("2025-09-01T10:05:00Z")}

	late := envelope.StatusUpdate{Status: envelope.ParseStatus("Delivered"),
		At: at("2025-09-01T10:01:00Z")}
	fmt.Println(late.Supersedes(stored))

	voided := envelope.StatusUpdate{Status: envelope.StatusVoided, At: at("2025-09-01T11:00:00Z")}
	fmt.Println(voided.Supersedes(envelope.StatusUpdate{Status: envelope.StatusSent}))
	// Output:
	// false
	// true
}
