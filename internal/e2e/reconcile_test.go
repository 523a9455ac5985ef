package e2e

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// With acknowledgement off, a message the listener failed is given up at
// once. The Reconciler's listing of changes finds the envelope, with its
// recipients, and its status supersedes what the host stored, so the host
// catches up.
func TestB7_AMessageConnectGaveUpOnIsFoundByTheReconciler(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	l.mount(newHandler(t, srv, func(ctx context.Context, ev *webhook.Event) error {
		if ev.Type == webhook.EventEnvelopeCompleted {
			return errors.New("the database is down")
		}
		return l.record(ctx, ev)
	}))
	client := newClient(t, srv, jwtSource(t, srv), srv.Account())
	since := time.Now().Add(-time.Minute)
	def := oneSigner("Missed completion")
	def.EventNotification = webhook.NewEventNotification(l.URL())
	def.EventNotification.RequireAcknowledgment = false
	sum, err := newServiceFor(client).Create(t.Context(), def)
	require.NoError(t, err)
	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	waitDeliveries(t, srv)

	stored := storedAfter(l.received())
	require.NotEqual(t, envelope.StatusCompleted, stored.Status)
	ds := srv.Deliveries()
	lost := ds[len(ds)-1]
	assert.Equal(t, "envelope-completed", lost.Event)
	assert.Equal(t, http.StatusInternalServerError, lost.Status)
	assert.True(t, lost.GaveUp, "no acknowledgement required, no retry")
	assert.Equal(t, 0, lost.RetryCount)

	rec, err := webhook.NewReconciler(client)
	require.NoError(t, err)
	found := 0
	for env, err := range rec.Changes(t.Context(), since) {
		require.NoError(t, err)
		if env.EnvelopeID != sum.EnvelopeID {
			continue
		}
		found++
		require.Len(t, env.Recipients.Signers, 1, "changes come with their recipients")
		assert.Equal(t, envelope.RecipientCompleted, env.Recipients.Signers[0].Status)
		next := env.StatusUpdate()
		require.True(t, next.Supersedes(stored), "%s over %s", next.Status, stored.Status)
		stored = next
	}
	assert.Equal(t, 1, found)
	assert.Equal(t, envelope.StatusCompleted, stored.Status)
}

// The same lost completion, republished through Connect's retry queue:
// the fake sends the envelope's current message again and the handler,
// whose database is back, stores it.
func TestB7_RepublishDeliversTheLostCompletionAgain(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	var down atomic.Bool
	down.Store(true)
	l.mount(newHandler(t, srv, func(ctx context.Context, ev *webhook.Event) error {
		if ev.Type == webhook.EventEnvelopeCompleted && down.Load() {
			return errors.New("the database is down")
		}
		return l.record(ctx, ev)
	}))
	client := newClient(t, srv, jwtSource(t, srv), srv.Account())
	def := oneSigner("Republished completion")
	def.EventNotification = webhook.NewEventNotification(l.URL())
	def.EventNotification.RequireAcknowledgment = false
	sum, err := newServiceFor(client).Create(t.Context(), def)
	require.NoError(t, err)
	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	waitDeliveries(t, srv)
	require.NotEqual(t, envelope.StatusCompleted, storedAfter(l.received()).Status)

	down.Store(false)
	rec, err := webhook.NewReconciler(client)
	require.NoError(t, err)
	results, err := rec.Republish(t.Context(), sum.EnvelopeID)
	require.NoError(t, err)
	waitDeliveries(t, srv)

	require.Len(t, results, 1)
	assert.Equal(t, sum.EnvelopeID, results[0].EnvelopeID)
	assert.Equal(t, envelope.StatusCompleted, storedAfter(l.received()).Status)
}
