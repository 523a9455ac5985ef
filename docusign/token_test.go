package docusign

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// rotatingSource hands out token-1, token-2, ... and records invalidations,
// in the way of a caching source of package auth.
type rotatingSource struct {
	mu          sync.Mutex
	current     int
	invalidated []string
	withContext int
}

func (s *rotatingSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == 0 {
		s.current = 1
	}
	return &oauth2.Token{AccessToken: tokenName(s.current), TokenType: "Bearer"}, nil
}

func (s *rotatingSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	s.withContext++
	s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.Token()
}

func (s *rotatingSource) InvalidateToken(tok *oauth2.Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalidated = append(s.invalidated, tok.AccessToken)
	if tok.AccessToken == tokenName(s.current) {
		s.current++
	}
}

func tokenName(n int) string { return "token-" + string(rune('0'+n)) }

func newRotatingClient(t *testing.T, rt http.RoundTripper) (*Client, *rotatingSource) {
	src := &rotatingSource{}
	c, err := NewClient(src, testAccount, WithHTTPClient(&http.Client{Transport: rt}),
		WithRetryPolicy(fastPolicy(2)))
	require.NoError(t, err)
	return c, src
}

const refusedToken = `{"errorCode":"USER_AUTHENTICATION_FAILED","message":"Invalid access token"}`

func TestDo_401WithACachedTokenRefreshesOnceAndReplaysOnce(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 401, header: jsonHeader(), body: refusedToken}, ok200())
	c, src := newRotatingClient(t, rt)

	_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", map[string]string{"a": "b"}, nil)

	require.NoError(t, err)
	reqs := rt.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "Bearer token-1", reqs[0].header.Get("Authorization"))
	assert.Equal(t, "Bearer token-2", reqs[1].header.Get("Authorization"))
	assert.Equal(t, reqs[0].body, reqs[1].body, "the replay sends the same body")
	assert.Equal(t, []string{"token-1"}, src.invalidated)
	assert.Equal(t, 2, src.withContext, "tokens are asked for with the request's context")
}

func TestDo_Second401IsReturnedWithoutALoop(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 401, header: jsonHeader(), body: refusedToken})
	c, src := newRotatingClient(t, rt)

	_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)

	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 2, rt.attempts())
	assert.Equal(t, []string{"token-1"}, src.invalidated)
}

func TestDo_401WithAPlainTokenSourceIsReturned(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 401, header: jsonHeader(), body: refusedToken}, ok200())
	c := newTestClient(t, rt)

	_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)

	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 1, rt.attempts())
}

func TestDo_TokenFailuresStopBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	rt := script(ok200())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c, _ := newRotatingClient(t, rt)

	_, err := c.Do(ctx, http.MethodGet, "/envelopes", nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "getting an access token")

	empty, err := NewClient(oauth2.StaticTokenSource(&oauth2.Token{}), testAccount,
		WithHTTPClient(&http.Client{Transport: rt}))
	require.NoError(t, err)
	_, err = empty.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
	assert.ErrorContains(t, err, "no access token")

	failing, err := NewClient(failingSource{}, testAccount, WithHTTPClient(&http.Client{Transport: rt}))
	require.NoError(t, err)
	_, err = failing.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
	assert.ErrorIs(t, err, errNoToken)
	assert.Zero(t, rt.attempts())
}

var errNoToken = errors.New("token endpoint down")

type failingSource struct{}

func (failingSource) Token() (*oauth2.Token, error) { return nil, errNoToken }

func TestDo_401ThatCannotBeReplayedStillSaysUnauthorized(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 401, header: jsonHeader(), body: refusedToken}, ok200())
	c, _ := newRotatingClient(t, rt)
	opened := 0
	oneShot := Body{ContentType: "application/pdf", Size: -1,
		Open: func() (io.ReadCloser, error) {
			opened++
			if opened > 1 {
				return nil, errors.New("the document can be read only once")
			}
			return io.NopCloser(strings.NewReader("%PDF-1.4")), nil
		}}

	_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", oneShot, nil)

	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Contains(t, err.Error(), "read only once")
	assert.Contains(t, err.Error(), "could not be replayed")
	assert.Equal(t, 1, rt.attempts())
}

func TestDo_401WhoseNewTokenFailsStillSaysUnauthorized(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 401, header: jsonHeader(), body: refusedToken}, ok200())
	src := &failAfterInvalidate{}
	c, err := NewClient(src, testAccount, WithHTTPClient(&http.Client{Transport: rt}))
	require.NoError(t, err)

	_, err = c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)

	require.ErrorIs(t, err, ErrUnauthorized)
	require.ErrorIs(t, err, errNoToken)
	assert.Equal(t, 1, rt.attempts())
}

// failAfterInvalidate hands out one token, then fails once it is refused.
type failAfterInvalidate struct {
	mu      sync.Mutex
	refused bool
}

func (s *failAfterInvalidate) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused {
		return nil, errNoToken
	}
	return &oauth2.Token{AccessToken: "only-token"}, nil
}

func (s *failAfterInvalidate) InvalidateToken(*oauth2.Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused = true
}
