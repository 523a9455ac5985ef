package main

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// simSent is a JSON SIM envelope-sent message, as Connect sends it with
// includeData recipients.
const simSent = `{"event":"envelope-sent","apiVersion":"v2.1",` +
	`"uri":"/restapi/v2.1/accounts/11111111-2222-3333-4444-555555555555/envelopes/` +
	`aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","retryCount":0,"configurationId":20000001,` +
	`"generatedDateTime":"2025-05-01T10:00:00.1234567Z","data":{"accountId":` +
	`"11111111-2222-3333-4444-555555555555","envelopeId":` +
	`"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","envelopeSummary":{"status":"sent",` +
	`"statusChangedDateTime":"2025-05-01T10:00:00.1234567Z"}}}`

func TestListenerPassesOnlyMessagesSignedWithTheKey(t *testing.T) {
	t.Parallel()
	l := newConnectListener(nil)
	defer l.close()
	v, err := webhook.NewVerifier("the-account-hmac-key")
	require.NoError(t, err)
	l.mount(v)
	client := l.srv.Client()

	post := func(sign string) int {
		req, err := http.NewRequest(http.MethodPost, l.url, bytes.NewReader([]byte(simSent)))
		require.NoError(t, err)
		if sign != "" {
			req.Header.Set("X-DocuSign-Signature-1", webhook.Sign([]byte(simSent), sign))
		}
		resp, err := client.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusUnauthorized, post(""), "unsigned")
	assert.Equal(t, http.StatusUnauthorized, post("another-key"), "signed with another key")
	assert.Empty(t, l.events, "a refused message must not reach the program")

	assert.Equal(t, http.StatusOK, post("the-account-hmac-key"))
	require.Len(t, l.events, 1)
	ev := <-l.events
	assert.Equal(t, webhook.EventEnvelopeSent, ev.kind)
	assert.Equal(t, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", ev.envelopeID)
	assert.True(t, ev.hasStatus)
	assert.Equal(t, envelope.StatusSent, ev.update.Status)
	assert.Equal(t, int64(1), l.accepted.Load())
	assert.Equal(t, int64(2), l.refused.Load())
}

func TestListenerKeepFailsOnceClosedInsteadOfBlocking(t *testing.T) {
	t.Parallel()
	l := newConnectListener(nil)
	for range cap(l.events) {
		l.events <- connectEvent{}
	}
	l.close()
	// With the channel full and nobody reading, keep must give up (so that
	// the handler answers and the server can close) rather than wait for
	// the handler's deadline.
	err := l.keep(context.Background(), &webhook.Event{Type: webhook.EventEnvelopeSent})
	assert.ErrorIs(t, err, context.Canceled)
}
