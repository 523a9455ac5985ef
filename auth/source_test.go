package auth

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// parallel runs n calls of fn at once and returns their results in order.
func parallel[T any](n int, fn func(i int) T) []T {
	out := make([]T, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func TestE1_ConcurrentCallersAtExpiryShareOneRefresh(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	clock := newFakeClock()
	ts := jwtSource(t, f, withClock(clock.Now))
	api, client := apiClient(t, f, ts)
	_, err := client.Do(t.Context(), http.MethodGet, "/envelopes/env-1", nil, nil)
	require.NoError(t, err)
	first := api.seen()[0]
	clock.Add(time.Hour) // the token has expired

	errs := parallel(100, func(int) error {
		_, err := client.Do(t.Context(), http.MethodGet, "/envelopes/env-1", nil, nil)
		return err
	})

	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 2, f.count("jwt"), "one token request at start, one at expiry")
	seen := api.seen()
	require.Len(t, seen, 101)
	for _, tok := range seen[1:] {
		assert.NotEqual(t, first, tok, "every call after expiry uses the new token")
		assert.Equal(t, seen[1], tok)
	}
}

func TestE2_FailingTokenEndpointUnderConcurrencySharesOneError(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
		w.Header().Set("X-DocuSign-TraceToken", "trace-500")
		http.Error(w, "<html>oops</html>", http.StatusInternalServerError)
		return true
	})
	clock := newFakeClock()
	ts := jwtSource(t, f, withClock(clock.Now), WithFailureBackoff(3*time.Second))

	errs := parallel(100, func(int) error {
		_, err := ts.TokenContext(t.Context())
		return err
	})

	assert.Equal(t, 1, f.count("jwt"), "one request, not one per caller")
	for _, err := range errs {
		require.Error(t, err)
		assert.Same(t, errs[0], err, "every caller gets the same error")
	}
	assert.Contains(t, errs[0].Error(), "500 Internal Server Error")
	assert.Contains(t, errs[0].Error(), "failure on DocuSign's side")
	assert.Contains(t, errs[0].Error(), "trace-500")
	assert.NotContains(t, errs[0].Error(), "oops", "the body is not quoted")
	var e *Error
	assert.False(t, errors.As(errs[0], &e), "a 5xx without an OAuth body is no OAuth error")

	clock.Add(3*time.Second - time.Nanosecond)
	_, err := ts.Token()
	assert.Same(t, errs[0], err, "still in the back-off: the same error, no request")
	assert.Equal(t, 1, f.count("jwt"))

	clock.Add(time.Nanosecond)
	f.setHook(nil)
	tok, err := ts.Token()
	require.NoError(t, err, "after the back-off the next call asks again")
	assert.NotEmpty(t, tok.AccessToken)
	assert.Equal(t, 2, f.count("jwt"))
}

// The token endpoint never answers. Inside a synctest bubble (with an
// in-memory transport, since sockets do not block durably) time moves only
// when every goroutine waits, so the deadlines are checked to the
// nanosecond without a real sleep.
func TestE3_HangingTokenEndpointHonoursEveryCallersDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		f.setHook(func(_ http.ResponseWriter, r *http.Request) bool {
			<-r.Context().Done() // a silent server
			return true
		})
		ts := memorySource(t, f, WithRefreshTimeout(10*time.Second))
		start := time.Now()

		type result struct {
			err     error
			elapsed time.Duration
		}
		deadlines := []time.Duration{time.Second, 2 * time.Second, 5 * time.Second, 0}
		results := parallel(len(deadlines), func(i int) result {
			ctx := t.Context()
			if d := deadlines[i]; d > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, d)
				defer cancel()
			}
			_, err := ts.TokenContext(ctx)
			return result{err, time.Since(start)}
		})

		for i, d := range deadlines[:3] {
			require.ErrorIs(t, results[i].err, context.DeadlineExceeded)
			assert.Equal(t, d, results[i].elapsed, "caller %d stops at its own deadline", i)
		}
		last := results[3]
		require.Error(t, last.err)
		assert.Contains(t, last.err.Error(), "no answer within the refresh timeout (10s)")
		assert.Equal(t, 10*time.Second, last.elapsed, "the refresh has its own bound")
		assert.Equal(t, 1, f.count("jwt"), "one request for every caller")
		synctest.Wait()
	})
}

func TestE4_TokenIsReplacedOnceWithinTheSkewOfItsExpiry(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		skew     time.Duration // 0: the default
		after    time.Duration // time since the token was issued (expires_in 3600)
		requests int
	}{
		{"skew minus 1ns before the window", 0, 55*time.Minute - time.Nanosecond, 1},
		{"exactly at expiry minus skew", 0, 55 * time.Minute, 2},
		{"an hour past expiry", 0, 2 * time.Hour, 2},
		{"a custom skew, just before", 10 * time.Minute, 50*time.Minute - time.Nanosecond, 1},
		{"a custom skew, at its edge", 10 * time.Minute, 50 * time.Minute, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			clock := newFakeClock()
			opts := []SourceOption{withClock(clock.Now)}
			if tc.skew > 0 {
				opts = append(opts, WithRefreshSkew(tc.skew))
			}
			ts := jwtSource(t, f, opts...)
			first, err := ts.Token()
			require.NoError(t, err)
			assert.Equal(t, clock.Now().Add(time.Hour), first.Expiry)

			clock.Add(tc.after)
			tok, err := ts.Token()

			require.NoError(t, err)
			assert.Equal(t, tc.requests, f.count("jwt"))
			if tc.requests == 1 {
				assert.Same(t, first, tok)
				return
			}
			skew := orDefault(tc.skew, DefaultRefreshSkew)
			assert.NotEqual(t, first.AccessToken, tok.AccessToken)
			assert.True(t, tok.Expiry.After(clock.Now().Add(skew)),
				"the token handed out outlives the skew")
		})
	}
}

func orDefault(d, fallback time.Duration) time.Duration {
	if d == 0 {
		return fallback
	}
	return d
}

func TestE6_ExpiresInMissingZeroOrHugeIsNeverValidForever(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		expiresIn any // nil: left out
		lifetime  time.Duration
	}{
		{"missing", nil, 10 * time.Minute},
		{"zero", 0, 10 * time.Minute},
		{"negative", -30, 10 * time.Minute},
		{"above MaxInt32", int64(1) << 40, 24 * time.Hour},
		{"an ordinary hour", 3600, time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
				body := map[string]any{"access_token": f.issue("access"), "token_type": "Bearer"}
				if tc.expiresIn != nil {
					body["expires_in"] = tc.expiresIn
				}
				writeJSON(w, 200, body)
				return true
			})
			clock := newFakeClock()
			ts := jwtSource(t, f, withClock(clock.Now))

			tok, err := ts.Token()

			require.NoError(t, err)
			assert.Equal(t, clock.Now().Add(tc.lifetime), tok.Expiry)
			refreshAt := tc.lifetime - min(DefaultRefreshSkew, tc.lifetime/2)
			clock.Add(refreshAt - time.Nanosecond)
			_, err = ts.Token()
			require.NoError(t, err)
			assert.Equal(t, 1, f.count("jwt"), "kept until its refresh time")
			clock.Add(time.Nanosecond)
			_, err = ts.Token()
			require.NoError(t, err)
			assert.Equal(t, 2, f.count("jwt"), "replaced at its refresh time")
		})
	}
}

func TestSource_AStoredTokenWithoutExpiryIsUsedBrieflyThenRefreshed(t *testing.T) {
	t.Parallel()
	f, conf, stored := connectedFake(t)
	clock := newFakeClock()
	stored.Expiry = time.Time{}
	ts := conf.TokenSource(t.Context(), stored, withClock(clock.Now))

	tok, err := ts.Token()
	require.NoError(t, err)
	assert.Equal(t, stored.AccessToken, tok.AccessToken)
	assert.Equal(t, clock.Now().Add(10*time.Minute), tok.Expiry)
	clock.Add(5 * time.Minute)
	tok, err = ts.Token()

	require.NoError(t, err)
	assert.NotEqual(t, stored.AccessToken, tok.AccessToken)
	assert.Equal(t, 1, f.count("refresh_token"))
}

func TestSource_InvalidateTokenDropsOnlyTheTokenStillCached(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	ts := jwtSource(t, f)
	old, err := ts.Token()
	require.NoError(t, err)

	ts.InvalidateToken(old)
	fresh, err := ts.Token()
	require.NoError(t, err)
	ts.InvalidateToken(old) // a late caller refused with the old token
	ts.InvalidateToken(&oauth2.Token{AccessToken: "unknown"})
	ts.InvalidateToken(nil)
	again, err := ts.Token()

	require.NoError(t, err)
	assert.NotEqual(t, old.AccessToken, fresh.AccessToken)
	assert.Same(t, fresh, again)
	assert.Equal(t, 2, f.count("jwt"))
}

func TestSource_ACallerThatGivesUpDoesNotCancelTheRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		release := make(chan struct{})
		f.setHook(func(_ http.ResponseWriter, _ *http.Request) bool {
			<-release
			return false
		})
		ts := memorySource(t, f)
		ctx, cancel := context.WithCancel(t.Context())
		go func() {
			time.Sleep(time.Second)
			cancel()
		}()
		_, err := ts.TokenContext(ctx)
		require.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "stopped waiting for the JWT grant")

		close(release)
		synctest.Wait()
		tok, err := ts.Token()

		require.NoError(t, err)
		assert.NotEmpty(t, tok.AccessToken)
		assert.Equal(t, 1, f.count("jwt"), "the abandoned refresh served the next caller")
	})
}

func TestSource_ARefreshTokenAloneIsRefreshedOnFirstUse(t *testing.T) {
	t.Parallel()
	f, conf, stored := connectedFake(t)
	ts := conf.TokenSource(t.Context(), &oauth2.Token{RefreshToken: stored.RefreshToken})

	tok, err := ts.Token()

	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
	assert.NotEqual(t, stored.AccessToken, tok.AccessToken)
	assert.Equal(t, 1, f.count("refresh_token"))
}

func TestSource_AZeroSourceSaysHowToBuildOne(t *testing.T) {
	t.Parallel()
	_, err := (&Source{}).Token()
	assert.ErrorContains(t, err, "built by Config.TokenSource or JWTConfig.TokenSource")
}

// A token that lives less than twice the refresh skew would be replaced at
// once; half its lifetime is used as the skew instead, for a token the grant
// returns and for one the host stored with its expires_in.
func TestSource_AShortLivedTokenServesHalfItsLifetime(t *testing.T) {
	t.Parallel()
	const lifetime = 4 * time.Minute // shorter than twice DefaultRefreshSkew
	t.Run("granted", func(t *testing.T) {
		t.Parallel()
		f := newFakeOAuth(t)
		f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
			writeJSON(w, 200, map[string]any{"access_token": f.issue("access"),
				"token_type": "Bearer", "expires_in": lifetime.Seconds()})
			return true
		})
		clock := newFakeClock()
		ts := jwtSource(t, f, withClock(clock.Now))
		first, err := ts.Token()
		require.NoError(t, err)

		clock.Add(lifetime/2 - time.Nanosecond)
		tok, err := ts.Token()
		require.NoError(t, err)
		assert.Same(t, first, tok, "served for half its lifetime")
		clock.Add(time.Nanosecond)
		tok, err = ts.Token()
		require.NoError(t, err)
		assert.NotEqual(t, first.AccessToken, tok.AccessToken, "then replaced")
		assert.Equal(t, 2, f.count("jwt"))
	})
	t.Run("stored", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock()
		stored := connectedToken()
		stored.Expiry, stored.ExpiresIn = clock.Now().Add(lifetime), int64(lifetime.Seconds())
		ts := codeConfig(memoryEnv(http.NotFoundHandler())).TokenSource(t.Context(), stored,
			withClock(clock.Now))

		clock.Add(lifetime/2 - time.Nanosecond)
		tok, err := ts.Token()

		require.NoError(t, err, "no refresh is asked for (the server would refuse it)")
		assert.Equal(t, stored.AccessToken, tok.AccessToken)
	})
}
