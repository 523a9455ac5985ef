package e2e

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// step is what a test asserts of an event: its type and its recipient.
type step struct {
	Type        webhook.EventType
	RecipientID string
}

func stepsOf(events []*webhook.Event) []step {
	out := make([]step, 0, len(events))
	for _, ev := range events {
		out = append(out, step{ev.Type, ev.RecipientID})
	}
	return out
}

// signingSteps are the events a host asks for to follow a signature.
func signingSteps() []webhook.EventType {
	return []webhook.EventType{webhook.EventEnvelopeSent, webhook.EventRecipientDelivered,
		webhook.EventRecipientCompleted, webhook.EventEnvelopeCompleted}
}

// wantSigningSteps is what the contract's signing yields: the signer opens
// and signs, then the carbon copy completes, then the envelope.
func wantSigningSteps() []step {
	return []step{{webhook.EventEnvelopeSent, ""}, {webhook.EventRecipientDelivered, "1"},
		{webhook.EventRecipientCompleted, "1"}, {webhook.EventRecipientCompleted, "2"},
		{webhook.EventEnvelopeCompleted, ""}}
}

// sendAndSign creates the contract with an eventNotification to l for
// events, has the signer open and sign it, and waits for Connect.
func sendAndSign(t *testing.T, srv *docusigntest.Server, l *connectListener, events ...webhook.EventType) string {
	t.Helper()
	svc := newService(t, srv)
	def := contractDefinition(t, newContractFiles(t), webhook.NewEventNotification(l.URL(),
		events...))
	sum, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	require.NoError(t, srv.Open(sum.EnvelopeID, "1"))
	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	waitDeliveries(t, srv)
	return sum.EnvelopeID
}

// Connect from the fake reaches webhook.NewHandler in DocuSign's order,
// each message verified against the fake's own HMAC before it is parsed,
// each event carrying the envelope summary the notification asked for.
func TestA1_ConnectDeliversEachSigningStepInOrderVerified(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	key := srv.Credentials().HMACKey
	id := sendAndSign(t, srv, l, signingSteps()...)

	events := l.received()
	require.Equal(t, wantSigningSteps(), stepsOf(events))
	for _, ev := range events {
		assert.Equal(t, id, ev.EnvelopeID)
		assert.Equal(t, srv.Account().ID, ev.AccountID)
		assert.Equal(t, webhook.FormatJSON, ev.Format)
		assert.Equal(t, 0, ev.RetryCount)
		assert.False(t, ev.GeneratedAt.IsZero())
		require.NotNil(t, ev.Envelope, "%s: includeData asked for the summary", ev.Type)
		field, _ := ev.Envelope.CustomFields.Text(contractIDField)
		assert.Equal(t, contractID, field, "%s carries the contract's ID", ev.Type)
	}
	assert.Equal(t, envelope.StatusSent, events[0].Status)
	last := events[len(events)-1]
	assert.Equal(t, envelope.StatusCompleted, last.Status)
	require.NotEmpty(t, last.Recipients)
	assert.Equal(t, envelope.RecipientCompleted, last.Recipients[0].Status)

	v, err := webhook.NewVerifier(key)
	require.NoError(t, err)
	deliveries := srv.Deliveries()
	require.Len(t, deliveries, len(events))
	for _, d := range deliveries {
		assert.Equal(t, http.StatusOK, d.Status, d.Event)
		assert.NoError(t, v.Verify(d.Body, d.Header), d.Event)
		assert.Equal(t, webhook.Sign(d.Body, key), d.Header.Get("X-DocuSign-Signature-1"),
			"the SDK's signing agrees with the fake's")
		assert.ErrorIs(t, v.Verify(append(bytes.Clone(d.Body), '\n'), d.Header),
			webhook.ErrNoValidSignature, "%s: one byte more", d.Event)
		assert.ErrorIs(t, v.Verify(d.Body, http.Header{}), webhook.ErrNotSigned)
	}
	other, err := webhook.NewVerifier("not the account's key")
	require.NoError(t, err)
	assert.ErrorIs(t, other.Verify(deliveries[0].Body, deliveries[0].Header),
		webhook.ErrNoValidSignature)

	// A forged copy of a genuine message is refused and reaches no one.
	forged := bytes.Replace(deliveries[0].Body, []byte(id), []byte(randomGUID()), 1)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, l.URL(),
		bytes.NewReader(forged))
	require.NoError(t, err)
	req.Header = deliveries[0].Header.Clone()
	resp, err := l.srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Len(t, l.received(), len(events))
}

// During a key rotation the account signs with each of its keys; a
// Verifier holding the old and the new key accepts every message, before,
// during and after, while one holding a single key tells the phases apart.
func TestA7_RotatedHMACKeysAreAcceptedByAVerifierHoldingBoth(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	oldKey := srv.Credentials().HMACKey
	newKey := "Rotated+Clé/LooksLikeBase64ButIsUsedVerbatim=" // UTF-8, never decoded
	both, err := webhook.NewVerifier(oldKey, newKey)
	require.NoError(t, err)
	l.mount(webhook.NewHandler(both, l.record))
	svc := newService(t, srv)
	send := func(subject string) []docusigntest.Delivery {
		t.Helper()
		before := len(srv.Deliveries())
		def := oneSigner(subject)
		def.EventNotification = webhook.NewEventNotification(l.URL(), webhook.EventEnvelopeSent)
		_, err := svc.Create(t.Context(), def)
		require.NoError(t, err)
		waitDeliveries(t, srv)
		return srv.Deliveries()[before:]
	}
	onlyOld, err := webhook.NewVerifier(oldKey)
	require.NoError(t, err)
	onlyNew, err := webhook.NewVerifier(newKey)
	require.NoError(t, err)

	for _, phase := range []struct {
		name        string
		keys        []string
		old, new    bool
		headerCount int
	}{
		{"before", []string{oldKey}, true, false, 1},
		{"during", []string{newKey, oldKey}, true, true, 2},
		{"after", []string{newKey}, false, true, 1},
	} {
		require.NoError(t, srv.SetHMACKeys(phase.keys...))
		ds := send("Rotation " + phase.name)
		require.Len(t, ds, 1, phase.name)
		d := ds[0]
		assert.Equal(t, http.StatusOK, d.Status, "%s: the handler accepted it", phase.name)
		assert.NoError(t, both.Verify(d.Body, d.Header), phase.name)
		assert.Equal(t, phase.old, onlyOld.Verify(d.Body, d.Header) == nil, phase.name)
		assert.Equal(t, phase.new, onlyNew.Verify(d.Body, d.Header) == nil, phase.name)
		header := func(n int) string { return fmt.Sprintf("X-DocuSign-Signature-%d", n) }
		assert.NotEmpty(t, d.Header.Get(header(phase.headerCount)), phase.name)
		assert.Empty(t, d.Header.Get(header(phase.headerCount+1)), phase.name)
	}
	assert.Len(t, l.received(), 3)
}
