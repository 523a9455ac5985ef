package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
	var (
		mu    sync.Mutex
		tries []int
	)
	l.mount(newHandler(t, srv, func(ctx context.Context, ev *webhook.Event) error {
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

// A listener slower than Connect's timeout is counted as failed and the
// message delivered again; the function, which did keep the event, does
// not run a second time.
func TestB1_AListenerSlowerThanConnectsTimeoutKeepsTheEventOnce(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t, docusigntest.WithConnectTimeout(200*time.Millisecond))
	var slow atomic.Bool
	l.mount(newHandler(t, srv, func(ctx context.Context, ev *webhook.Event) error {
		if slow.CompareAndSwap(false, true) {
			<-ctx.Done() // Connect gave up waiting and closed the connection
		}
		return l.record(context.WithoutCancel(ctx), ev)
	}))
	def := oneSigner("Slow listener")
	def.EventNotification = webhook.NewEventNotification(l.URL(), webhook.EventEnvelopeSent)
	_, err := newService(t, srv).Create(t.Context(), def)
	require.NoError(t, err)
	waitDeliveries(t, srv)

	assert.Equal(t, []step{{webhook.EventEnvelopeSent, ""}}, stepsOf(l.received()))
	ds := srv.Deliveries()
	assert.Equal(t, []attempt{{"envelope-sent", "", 0, 0}, {"envelope-sent", "", 1, 200}},
		attemptsOf(ds))
	assert.NotEmpty(t, ds[0].Err, "no answer in time")
}

// loseAck lets the handler keep each message lose picks, then answers 502
// as a proxy whose upstream answer was lost would: the event is kept, yet
// Connect delivers it again.
func loseAck(h http.Handler, lose func(body []byte) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !lose(body) {
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

// firstAttemptOf picks the first delivery of an event.
func firstAttemptOf(event webhook.EventType) func(body []byte) bool {
	return func(body []byte) bool {
		return bytes.Contains(body, []byte(`"event":"`+event+`"`)) &&
			bytes.Contains(body, []byte(`"retryCount":0`))
	}
}

// An event the host kept but whose acknowledgement was lost comes again
// with retryCount 1; the handler's dedupe answers 200 without running the
// function a second time.
func TestB1_ARedeliveryOfAKeptEventRunsTheFunctionOnce(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	l.mount(loseAck(newHandler(t, srv, l.record), firstAttemptOf(webhook.EventEnvelopeCompleted)))

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

// Many envelopes' deliveries at once, each envelope's completion
// delivered twice (its first acknowledgement lost): the function runs
// exactly once per distinct event, with no data race.
func TestB6_ConcurrentDeliveriesWithDuplicatesRunOncePerEvent(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	l.mount(loseAck(newHandler(t, srv, l.record), firstAttemptOf(webhook.EventEnvelopeCompleted)))
	svc := newService(t, srv)

	const envelopes = 12
	var wg sync.WaitGroup
	ids := make(chan string, envelopes)
	for i := range envelopes {
		wg.Go(func() {
			def := oneSigner(fmt.Sprint("Concurrent ", i))
			// One URL per envelope: one Connect queue each, delivering in
			// parallel with the others.
			def.EventNotification = webhook.NewEventNotification(
				fmt.Sprintf("%s?contract=%d", l.URL(), i), signingSteps()...)
			sum, err := svc.Create(t.Context(), def)
			if !assert.NoError(t, err) {
				return
			}
			assert.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
			ids <- sum.EnvelopeID
		})
	}
	wg.Wait()
	close(ids)
	waitDeliveries(t, srv)

	want := []step{{webhook.EventEnvelopeSent, ""}, {webhook.EventRecipientDelivered, "1"},
		{webhook.EventRecipientCompleted, "1"}, {webhook.EventEnvelopeCompleted, ""}}
	n := 0
	for id := range ids {
		n++
		assert.Equal(t, want, stepsOf(forEnvelope(l.received(), id)), id)
	}
	assert.Equal(t, envelopes, n)
	redelivered := 0
	for _, d := range srv.Deliveries() {
		assert.Contains(t, []int{http.StatusOK, http.StatusBadGateway}, d.Status)
		if d.RetryCount > 0 {
			redelivered++
		}
	}
	assert.Equal(t, envelopes, redelivered, "each completion came twice")
}
