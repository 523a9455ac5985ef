package auth

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestE11_BackgroundRefresherReplacesTheTokenBeforeCallersWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		ts := memorySource(t, f, WithBackgroundRefresh())
		synctest.Wait()
		assert.Zero(t, f.count("jwt"), "building the source sends nothing")

		first, err := ts.Token()
		require.NoError(t, err)
		time.Sleep(50*time.Minute - time.Nanosecond) // earlyAt: expiry - 2 × skew
		synctest.Wait()
		assert.Equal(t, 1, f.count("jwt"))
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		assert.Equal(t, 2, f.count("jwt"), "refreshed in the background")

		tok, err := ts.Token()
		require.NoError(t, err)
		assert.NotEqual(t, first.AccessToken, tok.AccessToken)
		assert.Equal(t, 2, f.count("jwt"), "the caller did not wait for a request")

		require.NoError(t, ts.Close())
		require.NoError(t, ts.Close(), "Close twice is fine")
		time.Sleep(3 * time.Hour)
		synctest.Wait()
		assert.Equal(t, 2, f.count("jwt"), "stopped: no more background requests")
		_, err = ts.Token()
		require.NoError(t, err, "the source still works on demand after Close")
		assert.Equal(t, 3, f.count("jwt"))
	})
}

func TestE11_ABackgroundFailureKeepsServingTheCachedToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		var failing atomic.Bool
		f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
			if failing.Load() {
				http.Error(w, "unavailable", http.StatusServiceUnavailable)
				return true
			}
			return false
		})
		ts := memorySource(t, f, WithBackgroundRefresh())
		defer ts.Close()
		first, err := ts.Token()
		require.NoError(t, err)

		failing.Store(true)
		time.Sleep(50 * time.Minute)
		synctest.Wait()
		assert.Equal(t, 2, f.count("jwt"), "the background refresh failed")
		tok, err := ts.Token()
		require.NoError(t, err, "callers keep the still-valid token")
		assert.Same(t, first, tok)

		time.Sleep(2 * time.Second)
		synctest.Wait()
		assert.Equal(t, 3, f.count("jwt"), "retried after the back-off")
		failing.Store(false)
		time.Sleep(4*time.Second - time.Nanosecond)
		synctest.Wait()
		assert.Equal(t, 3, f.count("jwt"), "the delay doubles")
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		assert.Equal(t, 4, f.count("jwt"))

		tok, err = ts.Token()
		require.NoError(t, err)
		assert.NotEqual(t, first.AccessToken, tok.AccessToken)
	})
}

// x/oauth2's JWT grant sends its request without a context; the source
// binds it to the refresh's, so Close ends a hanging background refresh at
// once instead of waiting for the refresh timeout.
func TestE11_CloseCancelsABackgroundRefreshThatHangs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		ts := memorySource(t, f, WithBackgroundRefresh())
		_, err := ts.Token()
		require.NoError(t, err)
		f.setHook(func(_ http.ResponseWriter, r *http.Request) bool {
			<-r.Context().Done() // a silent token endpoint
			return true
		})
		time.Sleep(50 * time.Minute)
		synctest.Wait()
		require.Equal(t, 2, f.count("jwt"), "the background refresh is under way")
		start := time.Now()

		require.NoError(t, ts.Close())

		assert.Zero(t, time.Since(start), "Close does not wait for the refresh timeout")
		f.setHook(nil)
		time.Sleep(5 * time.Minute) // past the refresh skew: callers need a new token
		_, err = ts.Token()
		require.NoError(t, err, "a refresh cut short by Close is no failure")
		assert.Equal(t, 3, f.count("jwt"))
	})
}

// A caller that joined the background refresh when Close cut it short is
// not handed the cancellation: it asks again, on demand.
func TestE11_ACallerWaitingWhenCloseCutsTheRefreshGetsAToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		ts := memorySource(t, f, WithBackgroundRefresh(), WithRefreshTimeout(10*time.Minute))
		_, err := ts.Token()
		require.NoError(t, err)
		var hang atomic.Bool
		hang.Store(true)
		f.setHook(func(_ http.ResponseWriter, r *http.Request) bool {
			if hang.Swap(false) {
				<-r.Context().Done() // only the background refresh hangs
				return true
			}
			return false
		})
		time.Sleep(55 * time.Minute) // the background refresh hangs since 50 min; the token is due
		var tok *oauth2.Token
		done := make(chan struct{})
		go func() {
			defer close(done)
			tok, err = ts.Token()
		}()
		synctest.Wait() // the caller waits for the background refresh

		require.NoError(t, ts.Close())
		<-done

		require.NoError(t, err)
		assert.NotEmpty(t, tok.AccessToken)
		assert.Equal(t, 3, f.count("jwt"), "the first, the cut one, the caller's own")
	})
}

func TestE11_EndingTheContextStopsTheRefresher(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		ctx, cancel := context.WithCancel(t.Context())
		env, hc := memoryEnv(f)
		src, err := jwtConfig(t, env, hc).TokenSource(ctx, WithBackgroundRefresh())
		require.NoError(t, err)
		ts := src.(*Source)
		_, err = ts.Token()
		require.NoError(t, err)

		cancel()
		synctest.Wait()

		select {
		case <-ts.stopped:
		default:
			t.Fatal("the refresher is still running")
		}
		time.Sleep(2 * time.Hour)
		synctest.Wait()
		assert.Equal(t, 1, f.count("jwt"))
		require.NoError(t, ts.Close())
	})
}

func TestE11_WithoutTheOptionThereIsNoGoroutineAndCloseIsANoOp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		ts := memorySource(t, f)
		_, err := ts.Token()
		require.NoError(t, err)
		time.Sleep(2 * time.Hour)
		synctest.Wait()
		assert.Equal(t, 1, f.count("jwt"), "nothing happens without a caller")
		assert.NoError(t, ts.Close())
	})
}
