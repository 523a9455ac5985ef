package docusigntest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStrictnessRefusesUnknownPropertiesAtAnyDepth(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	signer := func(d map[string]any) map[string]any {
		return d["recipients"].(map[string]any)["signers"].([]any)[0].(map[string]any)
	}
	tests := []struct {
		name   string
		mutate func(map[string]any)
		want   string
	}{
		{"signer property", func(d map[string]any) { signer(d)["emial"] = "x@example.com" },
			"The property 'emial' is not a property of signer (at recipients.signers[0].emial)"},
		{"tab property", func(d map[string]any) {
			signer(d)["tabs"] = map[string]any{"signHereTabs": []any{
				map[string]any{"documentId": "1", "xPos": "1"}}}
		}, "The property 'xPos' is not a property of signHere " +
			"(at recipients.signers[0].tabs.signHereTabs[0].xPos)"},
		{"document property", func(d map[string]any) {
			d["documents"].([]any)[0].(map[string]any)["base64"] = "AA=="
		}, "The property 'base64' is not a property of document (at documents[0].base64)"},
		{"eventNotification property", func(d map[string]any) {
			d["eventNotification"] = map[string]any{"url": "https://x.example",
				"requiresAcknowledgement": "true"}
		}, "'requiresAcknowledgement' is not a property of eventNotification"},
		{"object where an array belongs", func(d map[string]any) {
			d["documents"] = map[string]any{"documentId": "1"}
		}, "The property 'documents' must be an array of document."},
		{"array where an object belongs", func(d map[string]any) { d["recipients"] = []any{} },
			"The property 'recipients' must be an object (EnvelopeRecipients)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := definition("sent")
			tt.mutate(d)
			_, err := c.Do(context.Background(), http.MethodPost, "/envelopes", d, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "INVALID_REQUEST_BODY")
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestStrictnessAcceptsNewerSDKPropertiesAndLenientScalars(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	d := definition("sent")
	// eventNotification.events and deliveryMode are only in the SDK models,
	// which are newer than the 2021 spec; both sources count.
	d["eventNotification"] = map[string]any{"url": "https://listener.example/x",
		"deliveryMode": "SIM", "events": []string{"envelope-completed"},
		"includeHMAC": true, "requireAcknowledgment": "true"}
	d["documents"].([]any)[0].(map[string]any)["order"] = 1
	d["envelopeCustomMetadata"] = nil
	s := create(t, c, d)
	assert.Equal(t, "sent", s.Status)
}

func TestStrictnessAppliesToViewsAndUpdates(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	_, err := c.Do(context.Background(), http.MethodPost, "/envelopes/"+id+"/views/recipient",
		map[string]string{"returnUrl": "https://app.example/done", "authenticationMethod": "none",
			"email": "ann@example.com", "userName": "Ann Signer", "clientUserID": "1000"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "'clientUserID' is not a property of recipientViewRequest")

	_, err = c.Do(context.Background(), http.MethodPut, "/envelopes/"+id,
		map[string]string{"status": "voided", "voidReason": "x"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "'voidReason' is not a property of envelope")
}

func TestStrictnessRefusesMalformedJSON(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	status, _, body := raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes",
		"application/json", jsonReader(`{"emailSubject": `))
	assert.Equal(t, http.StatusBadRequest, status)
	code, msg := apiErr(t, body)
	assert.Equal(t, "INVALID_REQUEST_BODY", code)
	assert.Contains(t, msg, "The request body is missing or improperly formatted.")
}
