package webhook

import (
	"bytes"
	"context"
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
)

// recorder is a host function that records the events it receives.
type recorder struct {
	mu     sync.Mutex
	events []*Event
	err    error
}

func (r *recorder) fn(_ context.Context, ev *Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	return r.err
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func (r *recorder) last() *Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) == 0 {
		return nil
	}
	return r.events[len(r.events)-1]
}

// spyParse wraps Parse and counts its calls.
type spyParse struct{ calls atomic.Int32 }

func (s *spyParse) parse(body []byte) (*Event, error) {
	s.calls.Add(1)
	return Parse(body)
}

// testHandler is a handler with a recording function and a spy parser.
type testHandler struct {
	*handler
	rec *recorder
	spy *spyParse
}

func newTestHandler(t testing.TB, v *Verifier, opts ...HandlerOption) *testHandler {
	t.Helper()
	rec := &recorder{}
	spy := &spyParse{}
	h := NewHandler(v, rec.fn, opts...).(*handler)
	h.parse = spy.parse
	return &testHandler{handler: h, rec: rec, spy: spy}
}

// post sends body with header h to the handler and returns the response.
func (th *testHandler) post(body []byte, h http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/docusign/connect", bytes.NewReader(body))
	for k, vs := range h {
		req.Header[k] = vs
	}
	w := httptest.NewRecorder()
	th.ServeHTTP(w, req)
	return w
}

// assertRefused checks that the handler answers 401 to body and h without
// parsing the body or calling the host's function.
func assertRefused(t *testing.T, v *Verifier, body []byte, h http.Header) {
	t.Helper()
	th := newTestHandler(t, v)
	var w *httptest.ResponseRecorder
	require.NotPanics(t, func() { w = th.post(body, h) })
	assert.Equal(t, http.StatusUnauthorized, w.Code)
	assert.Zero(t, th.spy.calls.Load(), "nothing is parsed before verification")
	assert.Zero(t, th.rec.count(), "the host's function is not called")
}

// simJSON builds a JSON SIM message.
func simJSON(event, envelopeID, recipientID string, generated time.Time, retry int) []byte {
	rec := ""
	if recipientID != "" {
		rec = fmt.Sprintf(`,"recipientId":%q`, recipientID)
	}
	return fmt.Appendf(nil, `{"event":%q,"apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/`+
		`acc/envelopes/%s","retryCount":%d,"configurationId":10055427,`+
		`"generatedDateTime":%q,"data":{"accountId":"acc","userId":"usr",`+
		`"envelopeId":%q%s}}`, event, envelopeID, retry,
		generated.UTC().Format(time.RFC3339Nano), envelopeID, rec)
}

// paddedBody streams prefix followed by spaces up to size bytes, without
// holding the body, and counts what was read from it.
type paddedBody struct {
	prefix []byte
	size   int64
	off    int64
}

func (p *paddedBody) Read(b []byte) (int, error) {
	if p.off >= p.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(b)), p.size-p.off))
	for i := range n {
		if p.off+int64(i) < int64(len(p.prefix)) {
			b[i] = p.prefix[p.off+int64(i)]
		} else {
			b[i] = ' '
		}
	}
	p.off += int64(n)
	return n, nil
}

// failingBody yields some bytes, then fails as a dropped connection does.
type failingBody struct {
	data []byte
	err  error
}

func (f *failingBody) Read(b []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(b, f.data)
	f.data = f.data[n:]
	return n, nil
}
