package docusign

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

const testToken = "test-access-token-b5d1"

// step is one scripted answer of a scriptedTransport.
type step struct {
	status int
	header http.Header
	body   string
	stream io.Reader // a body read lazily, instead of body
	err    error     // a transport error instead of a response
	wrote  bool      // with err: the request was written before the failure
	block  bool      // wait for the attempt's context to end, as a silent server does
}

// seen is a request as the scripted transport received it.
type seen struct {
	method, url   string
	header        http.Header
	body          []byte
	contentLength int64
	at            time.Time
}

// scriptedTransport answers each attempt with the next step (the last step
// repeats) and records what it saw. Like a real transport it reads the body
// only when it "writes" the request, fires the httptrace write hooks then,
// and always closes the request body.
type scriptedTransport struct {
	mu     sync.Mutex
	steps  []step
	reqs   []seen
	handed int // response bodies handed out
	closed int // response bodies closed
}

func script(steps ...step) *scriptedTransport { return &scriptedTransport{steps: steps} }

func (s *scriptedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	st := s.steps[min(len(s.reqs), len(s.steps)-1)]
	rec := seen{method: req.Method, url: req.URL.String(), header: req.Header.Clone(),
		contentLength: req.ContentLength, at: time.Now()}
	idx := len(s.reqs)
	s.reqs = append(s.reqs, rec)
	s.mu.Unlock()

	if st.err != nil && !st.wrote {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, st.err
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	if trace := httptrace.ContextClientTrace(req.Context()); trace != nil {
		if trace.WroteHeaders != nil {
			trace.WroteHeaders()
		}
		if trace.WroteRequest != nil {
			trace.WroteRequest(httptrace.WroteRequestInfo{})
		}
	}
	s.mu.Lock()
	s.reqs[idx].body = body
	s.mu.Unlock()
	if st.err != nil {
		return nil, st.err
	}
	if st.block {
		<-req.Context().Done()
		return nil, req.Context().Err()
	}
	var rb io.Reader = bytes.NewReader([]byte(st.body))
	if st.stream != nil {
		rb = st.stream
	}
	h := st.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	s.mu.Lock()
	s.handed++
	s.mu.Unlock()
	return &http.Response{
		StatusCode: st.status,
		Status:     http.StatusText(st.status),
		Header:     h,
		Body:       &countedBody{r: rb, onClose: s.bodyClosed},
		Request:    req,
	}, nil
}

func (s *scriptedTransport) bodyClosed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed++
}

func (s *scriptedTransport) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

func (s *scriptedTransport) attempts() int { return len(s.requests()) }

// bodies returns how many response bodies were handed out and closed.
func (s *scriptedTransport) bodies() (handed, closed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handed, s.closed
}

// countedBody counts its Close calls once and how many bytes were read.
type countedBody struct {
	r       io.Reader
	read    int64
	once    sync.Once
	onClose func()
}

func (b *countedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

func (b *countedBody) Close() error {
	b.once.Do(b.onClose)
	return nil
}

// fastPolicy retries n times with waits of one millisecond.
func fastPolicy(n int) RetryPolicy {
	return RetryPolicy{MaxRetries: n, MinWait: time.Millisecond, MaxWait: time.Millisecond}
}

var testAccount = Account{ID: "acct-1", BaseURI: "https://na3.docusign.net"}

// newTestClient returns a client sending through rt.
func newTestClient(t *testing.T, rt http.RoundTripper, opts ...Option) *Client {
	t.Helper()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testToken, TokenType: "Bearer"})
	opts = append([]Option{WithHTTPClient(&http.Client{Transport: rt})}, opts...)
	c, err := NewClient(ts, testAccount, opts...)
	require.NoError(t, err)
	return c
}

func jsonHeader(kv ...string) http.Header {
	h := http.Header{"Content-Type": {"application/json"}}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// errorAs returns err as an *APIError, failing the test when it is not one.
func errorAs(t *testing.T, err error) *APIError {
	t.Helper()
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr), "want an *APIError in %v", err)
	return apiErr
}
