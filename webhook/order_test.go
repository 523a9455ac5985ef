package webhook

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/envelope"
)

// contracts is a host's store: each envelope's status, moved only forwards.
type contracts struct {
	mu      sync.Mutex
	status  map[string]envelope.StatusUpdate
	ignored int
}

func (c *contracts) apply(_ context.Context, ev *Event) error {
	next, ok := ev.StatusUpdate()
	if !ok {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !next.Supersedes(c.status[ev.EnvelopeID]) {
		c.ignored++
		return nil
	}
	c.status[ev.EnvelopeID] = next
	return nil
}

func TestB2_OutOfOrderEventsNeverMoveAStatusBackwards(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	store := &contracts{status: map[string]envelope.StatusUpdate{}}
	h := NewHandler(mustVerifier(t, testKey), store.apply)
	deliver := func(event string, at time.Time) {
		t.Helper()
		body := simJSON(event, "env-1", "", at, 0)
		assert.Equal(t, http.StatusOK, serveSigned(h, body).Code, "a late event is acknowledged")
	}

	deliver("envelope-completed", t0.Add(3*time.Minute))
	deliver("envelope-sent", t0) // arrives late
	deliver("envelope-delivered", t0.Add(2*time.Minute))
	deliver("recipient-completed", t0.Add(170*time.Second)) // says nothing of the envelope
	require.Equal(t, envelope.StatusCompleted, store.status["env-1"].Status)
	assert.Equal(t, 2, store.ignored)

	t.Run("an older generatedDateTime after a newer one", func(t *testing.T) {
		newer := simJSON("envelope-sent", "env-2", "", t0.Add(10*time.Minute), 0)
		older := simJSON("envelope-resent", "env-2", "", t0.Add(5*time.Minute), 0)
		serveSigned(h, newer)
		serveSigned(h, older)
		store.mu.Lock()
		defer store.mu.Unlock()
		assert.Equal(t, envelope.StatusUpdate{Status: envelope.StatusSent,
			At: t0.Add(10 * time.Minute)}, store.status["env-2"])
	})
}
