package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

var generated = time.Date(2025, 3, 4, 10, 11, 12, 345_678_900, time.UTC)

func TestB1_DuplicateDeliveriesRunTheFunctionOnce(t *testing.T) {
	t.Parallel()
	v := mustVerifier(t, testKey)
	t.Run("identical body twice", func(t *testing.T) {
		th := newTestHandler(t, v)
		body := readSample(t, fullJSON)
		for range 2 {
			assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
		}
		assert.Equal(t, 1, th.rec.count())
	})
	t.Run("retryCount 0 then 3", func(t *testing.T) {
		th := newTestHandler(t, v)
		first := simJSON("recipient-completed", "env-1", "1", generated, 0)
		again := simJSON("recipient-completed", "env-1", "1", generated, 3)
		require.NotEqual(t, string(first), string(again))
		assert.Equal(t, http.StatusOK, th.post(first, signed(Sign(first, testKey))).Code)
		assert.Equal(t, http.StatusOK, th.post(again, signed(Sign(again, testKey))).Code)
		assert.Equal(t, 1, th.rec.count())
	})
	t.Run("distinct events all run", func(t *testing.T) {
		th := newTestHandler(t, v)
		for _, body := range [][]byte{
			simJSON("recipient-completed", "env-1", "1", generated, 0),
			simJSON("recipient-completed", "env-1", "2", generated, 0),
			simJSON("envelope-completed", "env-1", "", generated, 0),
			simJSON("envelope-completed", "env-2", "", generated, 0),
			simJSON("envelope-completed", "env-1", "", generated.Add(time.Millisecond), 0),
		} {
			assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
		}
		assert.Equal(t, 5, th.rec.count())
	})
	t.Run("the key is exposed for the host's own store", func(t *testing.T) {
		a, err := Parse(simJSON("recipient-completed", "env-1", "1", generated, 0))
		require.NoError(t, err)
		b, err := Parse(simJSON("recipient-completed", "env-1", "1", generated, 7))
		require.NoError(t, err)
		assert.Equal(t, a.DedupeKey(), b.DedupeKey())
		assert.Equal(t, "env-1/recipient-completed/1/2025-03-04T10:11:12.3456789Z", a.DedupeKey())
	})
}

func TestB3_ReplayDaysLaterIsCaughtWithinTheRetention(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := newTestHandler(t, mustVerifier(t, testKey), WithDedupe(100, 10*24*time.Hour))
		// A message generated years ago is accepted: Connect redelivers a
		// day apart, so there is no check of generatedDateTime's age.
		body := readSample(t, fullJSON)
		h := signed(Sign(body, testKey))
		assert.Equal(t, http.StatusOK, th.post(body, h).Code)
		require.Equal(t, 1, th.rec.count())

		time.Sleep(9 * 24 * time.Hour)
		assert.Equal(t, http.StatusOK, th.post(body, h).Code, "a replay is acknowledged")
		assert.Equal(t, 1, th.rec.count(), "and caught within the retention")

		// The documented limit: past the retention, a replay reaches the
		// host again, whose own store (DedupeKey) makes it a no-op.
		time.Sleep(2 * 24 * time.Hour)
		assert.Equal(t, http.StatusOK, th.post(body, h).Code)
		assert.Equal(t, 2, th.rec.count())
	})
}

func TestB3_MemoryIsBoundedOldestForgottenFirst(t *testing.T) {
	t.Parallel()
	th := newTestHandler(t, mustVerifier(t, testKey), WithDedupe(3, time.Hour))
	bodies := make([][]byte, 5)
	for i := range bodies {
		bodies[i] = simJSON("envelope-sent", fmt.Sprintf("env-%d", i), "", generated, 0)
		th.post(bodies[i], signed(Sign(bodies[i], testKey)))
	}
	assert.Equal(t, 3, th.seen.len())
	th.post(bodies[4], signed(Sign(bodies[4], testKey)))
	assert.Equal(t, 5, th.rec.count(), "the newest is remembered")
	th.post(bodies[0], signed(Sign(bodies[0], testKey)))
	assert.Equal(t, 6, th.rec.count(), "the oldest was forgotten")
}

func TestB4_HandlerAnswersBeforeASlowDownstreamFinishes(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, work := range []time.Duration{30 * time.Second, 120 * time.Second} {
		t.Run(work.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// The host's function enqueues durably; a worker does the
				// slow part.
				queue := make(chan *Event, 10)
				var processed atomic.Int32
				go func() {
					for range queue {
						time.Sleep(work)
						processed.Add(1)
					}
				}()
				h := NewHandler(mustVerifier(t, testKey), func(ctx context.Context, ev *Event) error {
					select {
					case queue <- ev:
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				})
				body := readSample(t, fullJSON)
				start := time.Now()
				w := serveSigned(h, body)
				assert.Equal(t, http.StatusOK, w.Code)
				assert.Less(t, time.Since(start), 5*time.Second, "within the 5 s budget")
				assert.Zero(t, processed.Load(), "answered before the downstream finished")

				time.Sleep(work)
				synctest.Wait()
				assert.Equal(t, int32(1), processed.Load())
				close(queue)
			})
		})
	}
	t.Run("a function that blocks is cut off at the deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			var sawDeadline atomic.Bool
			h := NewHandler(mustVerifier(t, testKey), func(ctx context.Context, _ *Event) error {
				_, ok := ctx.Deadline()
				sawDeadline.Store(ok)
				<-release // ignores its context, as a careless function might
				return nil
			})
			start := time.Now()
			w := serveSigned(h, readSample(t, fullJSON))
			assert.Equal(t, http.StatusInternalServerError, w.Code)
			assert.Equal(t, DefaultTimeout, time.Since(start), "answered at the deadline")
			assert.Less(t, DefaultTimeout, 100*time.Second, "well under Connect's timeout")
			assert.True(t, sawDeadline.Load(), "the function's context has a deadline")
			close(release)
			synctest.Wait()
		})
	})
	t.Run("the deadline is configurable", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := NewHandler(mustVerifier(t, testKey), func(ctx context.Context, _ *Event) error {
				<-ctx.Done()
				return ctx.Err()
			}, WithTimeout(3*time.Second))
			start := time.Now()
			assert.Equal(t, http.StatusInternalServerError, serveSigned(h, readSample(t, fullJSON)).Code)
			assert.Equal(t, 3*time.Second, time.Since(start))
		})
	})
}

func serveSigned(h http.Handler, body []byte) *httptest.ResponseRecorder {
	th := &testHandler{handler: h.(*handler)}
	return th.post(body, signed(Sign(body, testKey)))
}

func TestB5_FailedEnqueueIs500AndTheRedeliveryRunsAgain(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	th := newTestHandler(t, mustVerifier(t, testKey), WithLogger(logger))
	th.rec.err = errors.New("queue is down")
	body := readSample(t, fullJSON)

	w := th.post(body, signed(Sign(body, testKey)))
	assert.Equal(t, http.StatusInternalServerError, w.Code, "never 200 when nothing was kept")
	assert.Contains(t, logs.String(), "level=ERROR", "an alert for the operator")
	assert.Contains(t, logs.String(), "queue is down")

	th.rec.err = nil
	assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
	assert.Equal(t, 2, th.rec.count(), "a failed delivery is not remembered as seen")
	assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
	assert.Equal(t, 2, th.rec.count(), "a delivered one is")
}

func TestB6_ConcurrentDeliveriesRunEachDistinctEventOnce(t *testing.T) {
	defer goleak.VerifyNone(t)
	t.Run("100 deliveries, duplicates among them", concurrentDeliveries)
	t.Run("a copy waits for the delivery in flight, and runs if it fails", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			var calls atomic.Int32
			h := NewHandler(mustVerifier(t, testKey), func(context.Context, *Event) error {
				if calls.Add(1) == 1 {
					<-release
					return errors.New("queue is down")
				}
				return nil
			})
			body := readSample(t, fullJSON)
			first, second := make(chan int, 1), make(chan int, 1)
			go func() { first <- serveSigned(h, body).Code }()
			synctest.Wait()
			go func() { second <- serveSigned(h, body).Code }()
			synctest.Wait()
			require.Empty(t, second, "the copy is not answered while the first is in flight")
			assert.EqualValues(t, 1, calls.Load(), "nor does it run the function beside it")

			close(release)
			assert.Equal(t, http.StatusInternalServerError, <-first)
			assert.Equal(t, http.StatusOK, <-second, "the copy delivered what the first failed to")
			assert.EqualValues(t, 2, calls.Load())
		})
	})
	t.Run("a copy still waiting at its deadline gets 500", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			var calls atomic.Int32
			h := NewHandler(mustVerifier(t, testKey), func(context.Context, *Event) error {
				calls.Add(1)
				<-release // ignores its context, and stores the event in the end
				return nil
			}, WithTimeout(3*time.Second))
			body := readSample(t, fullJSON)
			first := make(chan int, 1)
			go func() { first <- serveSigned(h, body).Code }()
			time.Sleep(time.Second)
			start := time.Now()
			assert.Equal(t, http.StatusInternalServerError, serveSigned(h, body).Code,
				"not 200: the event may still fail to be kept")
			assert.Equal(t, 3*time.Second, time.Since(start), "answered at its own deadline")
			assert.Equal(t, http.StatusInternalServerError, <-first)

			close(release)
			synctest.Wait()
			assert.Equal(t, http.StatusOK, serveSigned(h, body).Code)
			assert.EqualValues(t, 1, calls.Load(), "kept late, so the next copy is dropped")
		})
	})
}

func concurrentDeliveries(t *testing.T) {
	v := mustVerifier(t, testKey)
	var mu sync.Mutex
	runs := map[string]int{}
	h := NewHandler(v, func(_ context.Context, ev *Event) error {
		time.Sleep(time.Millisecond) // widen the window for a racing copy
		mu.Lock()
		defer mu.Unlock()
		runs[ev.EnvelopeID+"/"+ev.RecipientID]++
		return nil
	})
	srv := httptest.NewServer(h)
	defer srv.Close()

	const distinct = 20
	var wg sync.WaitGroup
	codes := make(chan int, 100)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := i % distinct
			body := simJSON("recipient-completed", fmt.Sprintf("env-%d", n), "1", generated, i/distinct)
			req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
			if !assert.NoError(t, err) {
				return
			}
			req.Header.Set("X-DocuSign-Signature-1", Sign(body, testKey))
			resp, err := srv.Client().Do(req)
			if !assert.NoError(t, err) {
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		assert.Equal(t, http.StatusOK, code)
	}
	require.Len(t, runs, distinct)
	for key, n := range runs {
		assert.Equal(t, 1, n, key)
	}
	srv.Client().CloseIdleConnections()
}
