package e2e

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

func statusesOf(events []*webhook.Event) []envelope.Status {
	var out []envelope.Status
	for _, ev := range events {
		out = append(out, ev.Status)
	}
	return out
}

// An account listener that asks for legacy XML gets DocuSignEnvelopeInformation
// messages, which the handler (and Parse on the raw bodies) reads into the
// statuses a JSON listener of the same envelope sees.
func TestLegacyXMLListenerReadsAsTheSameStatusesAsJSON(t *testing.T) {
	t.Parallel()
	srv, ls := startListeners(t, 2)
	jsonL, xmlL := ls[0], ls[1]
	v, err := webhook.NewVerifier(srv.Credentials().HMACKey)
	require.NoError(t, err)
	steps := []string{"envelope-sent", "envelope-delivered", "envelope-completed"}
	_, err = srv.AddListener(docusigntest.Listener{URL: xmlL.URL(), HMAC: true,
		Format: docusigntest.FormatXML, Events: steps})
	require.NoError(t, err)

	id := sendAndSign(t, srv, jsonL, webhook.EventEnvelopeSent,
		webhook.EventEnvelopeDelivered, webhook.EventEnvelopeCompleted)

	want := []envelope.Status{envelope.StatusSent, envelope.StatusDelivered,
		envelope.StatusCompleted}
	assert.Equal(t, want, statusesOf(jsonL.received()))
	xmlEvents := xmlL.received()
	assert.Equal(t, want, statusesOf(xmlEvents))
	for i, ev := range xmlEvents {
		assert.Equal(t, webhook.FormatXML, ev.Format)
		assert.Equal(t, webhook.EventType(steps[i]), ev.Type)
		assert.Equal(t, id, ev.EnvelopeID)
		require.NotNil(t, ev.Envelope)
		field, _ := ev.Envelope.CustomFields.Text(contractIDField)
		assert.Equal(t, contractID, field)
	}
	signer := xmlEvents[2].Recipients[0]
	assert.Equal(t, signerEmail, signer.Email)
	assert.Equal(t, envelope.RecipientCompleted, signer.Status)
	assert.False(t, signer.SignedAt.IsZero())

	var parsed []*webhook.Event
	for _, d := range srv.Deliveries() {
		if d.URL != xmlL.URL() {
			continue
		}
		assert.Contains(t, d.Header.Get("Content-Type"), "xml")
		require.NoError(t, v.Verify(d.Body, d.Header))
		ev, err := webhook.Parse(d.Body)
		require.NoError(t, err)
		parsed = append(parsed, ev)
	}
	assert.Equal(t, want, statusesOf(parsed))
}

// The classic mistake: an eventNotification asking for format json but no
// version gets legacy XML. CheckEventNotification names the missing
// settings, and the handler reads the XML all the same.
func TestFormatJSONAloneGetsXMLWhichTheHandlerStillReads(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	notify := &envelope.EventNotification{URL: l.URL(), IncludeHMAC: true,
		RequireAcknowledgment: true, EventData: envelope.ConnectEventData{Format: "json"},
		EnvelopeEvents: []envelope.EnvelopeEvent{{EnvelopeEventStatusCode: "Sent"},
			{EnvelopeEventStatusCode: "Completed"}}}
	err := webhook.CheckEventNotification(notify)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "eventData.version")
	assert.Contains(t, err.Error(), "deliveryMode")

	def := oneSigner("Asked for JSON")
	def.EventNotification = notify
	sum, err := newService(t, srv).Create(t.Context(), def)
	require.NoError(t, err)
	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	waitDeliveries(t, srv)

	events := l.received()
	require.Len(t, events, 2)
	for _, ev := range events {
		assert.Equal(t, webhook.FormatXML, ev.Format)
		assert.Equal(t, sum.EnvelopeID, ev.EnvelopeID)
	}
	assert.Equal(t, []envelope.Status{envelope.StatusSent, envelope.StatusCompleted},
		statusesOf(events))
	assert.NoError(t, webhook.CheckEventNotification(webhook.NewEventNotification(l.URL())))
}

// A declined envelope and a voided one reach the host with their final
// statuses, the decline's reason and the void's.
func TestDeclinedAndVoidedEnvelopesReachTheirFinalStatus(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	svc := newService(t, srv)
	send := func(subject string) string {
		def := oneSigner(subject)
		def.EventNotification = webhook.NewEventNotification(l.URL())
		sum, err := svc.Create(t.Context(), def)
		require.NoError(t, err)
		return sum.EnvelopeID
	}
	declined, voided := send("To decline"), send("To void")
	require.NoError(t, srv.DeclineWithReason(declined, "1", "The amount is wrong"))
	require.NoError(t, svc.Void(t.Context(), voided, "Sent by mistake"))
	waitDeliveries(t, srv)

	for _, tc := range []struct {
		id    string
		final webhook.EventType
		want  envelope.Status
	}{
		{declined, webhook.EventEnvelopeDeclined, envelope.StatusDeclined},
		{voided, webhook.EventEnvelopeVoided, envelope.StatusVoided},
	} {
		events := forEnvelope(l.received(), tc.id)
		require.NotEmpty(t, events)
		last := events[len(events)-1]
		assert.Equal(t, tc.final, last.Type)
		assert.Equal(t, tc.want, last.Status)
		assert.Equal(t, tc.want, storedAfter(events).Status)
		env, err := svc.Get(t.Context(), tc.id, nil)
		require.NoError(t, err)
		assert.Equal(t, tc.want, env.Status, "Connect and REST agree")
	}

	events := forEnvelope(l.received(), declined)
	i := slices.IndexFunc(events, func(ev *webhook.Event) bool {
		return ev.Type == webhook.EventRecipientDeclined
	})
	require.GreaterOrEqual(t, i, 0, "recipient-declined was delivered")
	assert.Equal(t, "The amount is wrong", events[i].Recipients[0].DeclineReason)
	assert.Equal(t, envelope.RecipientDeclined, events[i].Recipients[0].Status)
	last := forEnvelope(l.received(), voided)
	require.NotNil(t, last[len(last)-1].Envelope)
	assert.Equal(t, "Sent by mistake", last[len(last)-1].Envelope.VoidedReason)
}

// forEnvelope keeps the events of one envelope.
func forEnvelope(events []*webhook.Event, id string) []*webhook.Event {
	var out []*webhook.Event
	for _, ev := range events {
		if ev.EnvelopeID == id {
			out = append(out, ev)
		}
	}
	return out
}

// storedAfter applies events in order as a host does, keeping an update
// only when it supersedes the stored one.
func storedAfter(events []*webhook.Event) envelope.StatusUpdate {
	var stored envelope.StatusUpdate
	for _, ev := range events {
		if next, ok := ev.StatusUpdate(); ok && next.Supersedes(stored) {
			stored = next
		}
	}
	return stored
}

// progress orders the statuses a signed contract passes through.
func progress(s envelope.Status) int {
	return slices.Index([]envelope.Status{envelope.StatusSent, envelope.StatusDelivered,
		envelope.StatusCompleted}, s)
}

// However Connect's messages and a poll interleave, a contract's stored
// status only moves forward and ends completed: in delivery order, in
// reverse, in every rotation, with duplicates and a stale poll.
func TestB2_StoredStatusNeverMovesBackwardsOverTheDeliverySequence(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	id := sendAndSign(t, srv, l, webhook.EventEnvelopeSent, webhook.EventRecipientSent,
		webhook.EventRecipientDelivered, webhook.EventEnvelopeDelivered,
		webhook.EventRecipientCompleted, webhook.EventEnvelopeCompleted)
	events := l.received()
	require.Len(t, events, 8)
	assert.Equal(t, envelope.StatusCompleted, storedAfter(events).Status)

	// A poll answered while the envelope was sent, applied last.
	poll := *events[0].Envelope
	require.Equal(t, envelope.StatusSent, poll.Status)
	require.Equal(t, id, poll.EnvelopeID)

	orders := [][]*webhook.Event{slices.Clone(events), slices.Clone(events)}
	slices.Reverse(orders[1])
	for i := 1; i < len(events); i++ {
		orders = append(orders, append(slices.Clone(events[i:]), events[:i]...))
	}
	for n, order := range orders {
		order = append(order, order...) // every message delivered twice
		var stored envelope.StatusUpdate
		for _, ev := range order {
			next, ok := ev.StatusUpdate()
			if !ok || !next.Supersedes(stored) {
				continue
			}
			require.GreaterOrEqual(t, progress(next.Status), progress(stored.Status),
				"order %d: %s replaced %s", n, next.Status, stored.Status)
			stored = next
		}
		assert.False(t, poll.StatusUpdate().Supersedes(stored), "order %d: stale poll", n)
		assert.Equal(t, envelope.StatusCompleted, stored.Status, "order %d", n)
	}
}
