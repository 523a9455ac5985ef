package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// sender sends one envelope with a size-byte document to the sink at base.
type sender func(ctx context.Context, base string, size int64) error

// methodNames are the ways of sending the benchmark compares, in the order
// of its report: the SDK, the usual request, and the floor.
var methodNames = []string{"sdk", "json", "raw"}

// method returns the sender called name.
func method(name string) (sender, bool) {
	switch name {
	case "sdk":
		return sendSDK, true
	case "json":
		return sendJSON, true
	case "raw":
		return sendRaw, true
	}
	return nil, false
}

const benchAccount = "bench-account"

// sendSDK sends through envelope.Service.Create: a multipart form streamed
// from the document's reader.
func sendSDK(ctx context.Context, base string, size int64) error {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "bench"})
	client, err := docusign.NewClient(ts, docusign.Account{ID: benchAccount, BaseURI: base},
		docusign.WithRetryPolicy(docusign.RetryPolicy{}))
	if err != nil {
		return err
	}
	doc := envelope.NewDocumentFunc("1", "contract.pdf", size, func() (io.ReadCloser, error) {
		return newPattern(size), nil
	})
	_, err = envelope.NewService(client).Create(ctx, benchDefinition(doc))
	return err
}

func benchDefinition(doc envelope.Document) *envelope.Definition {
	return &envelope.Definition{
		EmailSubject: "Please sign the contract",
		Status:       envelope.StatusSent,
		Documents:    []envelope.Document{doc},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{{
			RecipientID: "1", Name: "Ann Lee", Email: "ann@example.com",
			Tabs: envelope.Tabs{SignHereTabs: []envelope.SignHere{
				{Placement: envelope.Anchor("/sn1/", 0, 0)}}},
		}}},
	}
}

// sendJSON is the usual request: the document read into memory and sent
// base64-encoded inside the JSON definition.
func sendJSON(ctx context.Context, base string, size int64) error {
	data, err := io.ReadAll(newPattern(size))
	if err != nil {
		return err
	}
	type document struct {
		DocumentBase64 []byte `json:"documentBase64"` // encoding/json writes base64
		DocumentID     string `json:"documentId"`
		Name           string `json:"name"`
		FileExtension  string `json:"fileExtension"`
	}
	body, err := json.Marshal(map[string]any{
		"emailSubject": "Please sign the contract",
		"status":       "sent",
		"documents": []document{{DocumentBase64: data, DocumentID: "1",
			Name: "contract.pdf", FileExtension: "pdf"}},
		"recipients": map[string]any{"signers": []map[string]string{{
			"recipientId": "1", "name": "Ann Lee", "email": "ann@example.com"}}},
	})
	if err != nil {
		return err
	}
	return post(ctx, base, "application/json", bytes.NewReader(body), int64(len(body)))
}

// sendRaw is the floor: the document's bytes alone, streamed in one POST.
func sendRaw(ctx context.Context, base string, size int64) error {
	return post(ctx, base, "application/pdf", newPattern(size), size)
}

func post(ctx context.Context, base, contentType string, body io.Reader, size int64) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		base+"/restapi/v2.1/accounts/"+benchAccount+"/envelopes", body)
	if err != nil {
		return err
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer bench")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("the sink answered %s", resp.Status)
	}
	return nil
}
