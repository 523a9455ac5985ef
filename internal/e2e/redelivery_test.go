package e2e

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/webhook"
)

// attempt is what a test asserts of one delivery attempt.
type attempt struct {
	Event       string
	RecipientID string
	RetryCount  int
	Status      int
}

func attemptsOf(ds []docusigntest.Delivery) []attempt {
	out := make([]attempt, 0, len(ds))
	for _, d := range ds {
		out = append(out, attempt{d.Event, d.RecipientID, d.RetryCount, d.Status})
	}
	return out
}

// A function that cannot keep an event makes the handler answer 500; the
// fake redelivers the message with a higher retryCount, holding the later
// messages behind it, and the event is kept once, in order.
func TestB1_AFailedFunctionGetsTheEventAgainWithARisingRetryCount(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	v, err := webhook.NewVerifier(srv.Credentials().HMACKey)
	require.NoError(t, err)
	var (
		mu    sync.Mutex
		tries []int
	)
	l.mount(webhook.NewHandler(v, func(ctx context.Context, ev *webhook.Event) error {
		if ev.Type == webhook.EventRecipientCompleted && ev.RecipientID == "1" {
			mu.Lock()
			tries = append(tries, ev.RetryCount)
			first := len(tries) == 1
			mu.Unlock()
			if first {
				return errors.New("the queue is down")
			}
		}
		return l.record(ctx, ev)
	}))

	sendAndSign(t, srv, l, signingSteps()...)

	assert.Equal(t, wantSigningSteps(), stepsOf(l.received()), "kept once each, in order")
	mu.Lock()
	assert.Equal(t, []int{0, 1}, tries)
	mu.Unlock()
	const ok, failure = http.StatusOK, http.StatusInternalServerError
	assert.Equal(t, []attempt{
		{"envelope-sent", "", 0, ok},
		{"recipient-delivered", "1", 0, ok},
		{"recipient-completed", "1", 0, failure},
		{"recipient-completed", "1", 1, ok},
		{"recipient-completed", "2", 0, ok},
		{"envelope-completed", "", 0, ok},
	}, attemptsOf(srv.Deliveries()))
}

// loseFirstAck lets the handler keep the first message for which lose
// says yes, then answers 502 as a proxy whose upstream answer was lost
// would: the event is kept, yet Connect delivers it again.
func loseFirstAck(h http.Handler, lose func(body []byte) bool) http.Handler {
	var lost atomic.Bool
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !lose(body) || !lost.CompareAndSwap(false, true) {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			http.Error(w, "unexpected", rec.Code)
			return
		}
		http.Error(w, "upstream answer lost", http.StatusBadGateway)
	})
}

// An event the host kept but whose acknowledgement was lost comes again
// with retryCount 1; the handler's dedupe answers 200 without running the
// function a second time.
func TestB1_ARedeliveryOfAKeptEventRunsTheFunctionOnce(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	v, err := webhook.NewVerifier(srv.Credentials().HMACKey)
	require.NoError(t, err)
	l.mount(loseFirstAck(webhook.NewHandler(v, l.record), func(body []byte) bool {
		return bytes.Contains(body, []byte(`"event":"envelope-completed"`))
	}))

	sendAndSign(t, srv, l, signingSteps()...)

	events := l.received()
	assert.Equal(t, wantSigningSteps(), stepsOf(events), "the function ran once per event")
	keys := map[string]bool{}
	for _, ev := range events {
		assert.False(t, keys[ev.DedupeKey()], "%s twice", ev.Type)
		keys[ev.DedupeKey()] = true
	}
	ds := srv.Deliveries()
	assert.Equal(t, []attempt{
		{"envelope-completed", "", 0, http.StatusBadGateway},
		{"envelope-completed", "", 1, http.StatusOK},
	}, attemptsOf(ds[len(ds)-2:]))
}
