package auth

import (
	"errors"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// memoryCodeConfig is the confidential client on f served in memory.
func memoryCodeConfig(f *fakeOAuth) Config { return codeConfig(memoryEnv(f)) }

// store is an OnRefresh that records tokens and can be held or made to fail.
type store struct {
	mu      sync.Mutex
	tokens  []*oauth2.Token
	fail    error
	entered chan struct{} // receives when OnRefresh is called, if set
	release chan struct{} // OnRefresh waits for it, if set
}

func (s *store) save(tok *oauth2.Token) error {
	if s.entered != nil {
		s.entered <- struct{}{}
	}
	if s.release != nil {
		<-s.release
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = append(s.tokens, tok)
	return s.fail
}

func (s *store) calls() []*oauth2.Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tokens)
}

func TestE10_RotationUnder50CallersExchangesOnceAndStoresBeforeUse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOAuth(t)
		conf := memoryCodeConfig(f)
		initial := connected(t, f, conf)
		st := &store{entered: make(chan struct{}, 1), release: make(chan struct{})}
		ts := conf.TokenSource(t.Context(), initial, OnRefresh(st.save))
		time.Sleep(8 * time.Hour) // the access token has expired

		var returned atomic.Int32
		var wg sync.WaitGroup
		got := make([]*oauth2.Token, 51)
		errs := make([]error, 51)
		call := func(i int) {
			wg.Go(func() {
				got[i], errs[i] = ts.Token()
				returned.Add(1)
			})
		}
		for i := range 50 {
			call(i)
		}
		<-st.entered
		call(50)        // a caller arriving while OnRefresh runs
		synctest.Wait() // every caller now waits for the refresh

		assert.Zero(t, returned.Load(), "no caller has the new token before it is stored")
		assert.Equal(t, 1, f.count("refresh_token"))
		close(st.release)
		wg.Wait()

		stored := st.calls()
		require.Len(t, stored, 1, "OnRefresh once")
		for i := range 51 {
			require.NoError(t, errs[i])
			assert.Same(t, stored[0], got[i], "every caller gets the stored token")
		}
		assert.NotEqual(t, initial.RefreshToken, stored[0].RefreshToken, "rotated")

		st.entered, st.release = nil, nil
		time.Sleep(8 * time.Hour)
		_, err := ts.Token()
		require.NoError(t, err)
		f.mu.Lock()
		sent := slices.Clone(f.sent)
		f.mu.Unlock()
		assert.Equal(t, []string{initial.RefreshToken, stored[0].RefreshToken}, sent,
			"each refresh token is sent once, the stale one never again")
	})
}

func TestE10_AFailingOnRefreshWithholdsTheTokenAndOffersItAgain(t *testing.T) {
	t.Parallel()
	f, conf, initial := connectedFake(t)
	clock := newFakeClock()
	initial.Expiry = clock.Now().Add(-time.Minute)
	errStore := errors.New("database is down")
	st := &store{fail: errStore}
	ts := conf.TokenSource(t.Context(), initial, OnRefresh(st.save), withClock(clock.Now))

	_, err := ts.Token()

	require.ErrorIs(t, err, errStore)
	assert.Contains(t, err.Error(), "OnRefresh failed to store the new token")
	_, err = ts.Token()
	require.ErrorIs(t, err, errStore, "within the back-off: the same error")
	require.Len(t, st.calls(), 1)

	st.mu.Lock()
	st.fail = nil
	st.mu.Unlock()
	clock.Add(DefaultFailureBackoff)
	tok, err := ts.Token()

	require.NoError(t, err)
	calls := st.calls()
	require.Len(t, calls, 2)
	assert.Same(t, calls[0], calls[1], "the same token is offered again")
	assert.Same(t, calls[1], tok)
	assert.Equal(t, 1, f.count("refresh_token"), "DocuSign was asked once")
}

func TestE10_ARevokedRefreshTokenSaysToConnectAgain(t *testing.T) {
	t.Parallel()
	f, conf, initial := connectedFake(t)
	initial.Expiry = time.Now().Add(-time.Minute)
	f.mu.Lock()
	f.refresh[initial.RefreshToken] = false
	f.mu.Unlock()
	ts := conf.TokenSource(t.Context(), initial)

	_, err := ts.Token()

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "invalid_grant", e.Code)
	assert.Contains(t, err.Error(), "token refresh refused")
	assert.Contains(t, err.Error(), "connect the account again")
}

func TestE10_AStoredTokenWithoutRefreshTokenSaysToConnectAgain(t *testing.T) {
	t.Parallel()
	tok := connectedToken()
	tok.RefreshToken, tok.Expiry = "", time.Now().Add(-time.Minute)
	_, hc := memoryEnv(http.NotFoundHandler())
	ts := codeConfig(docusign.Demo, hc).TokenSource(t.Context(), tok)

	_, err := ts.Token()

	require.Error(t, err)
	assert.Contains(t, err.Error(), "no refresh token")
}

// A token OnRefresh refused holds the only refresh token DocuSign still
// accepts. When it has aged past its own refresh time before OnRefresh
// works again, the next refresh sends its refresh token, not the stale one.
func TestE10_AWithheldTokenThatAgedIsRefreshedWithItsOwnRefreshToken(t *testing.T) {
	t.Parallel()
	f, conf, initial := connectedFake(t)
	clock := newFakeClock()
	initial.Expiry = clock.Now().Add(-time.Minute)
	st := &store{fail: errors.New("database is down")}
	ts := conf.TokenSource(t.Context(), initial, OnRefresh(st.save), withClock(clock.Now))
	_, err := ts.Token()
	require.Error(t, err)
	withheld := st.calls()[0]

	st.mu.Lock()
	st.fail = nil
	st.mu.Unlock()
	clock.Add(8 * time.Hour) // past the withheld token's refresh time
	tok, err := ts.Token()

	require.NoError(t, err)
	assert.NotEqual(t, withheld.AccessToken, tok.AccessToken)
	f.mu.Lock()
	sent := slices.Clone(f.sent)
	f.mu.Unlock()
	assert.Equal(t, []string{initial.RefreshToken, withheld.RefreshToken}, sent,
		"the stale refresh token is never sent again")
}
