package envelope

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

const (
	testAccount = "acct-1"
	apiPrefix   = "/restapi/v2.1/accounts/" + testAccount
)

// fault is what the fake does with one create (POST) or update (PUT).
type fault int

const (
	faultNone       fault = iota
	faultDropAfter        // apply it, then drop the connection without answering
	faultDropBefore       // read it whole, then drop the connection, applying nothing
	fault503After         // apply it, then answer 503
	fault503Before        // answer 503, applying nothing
	fault429Before        // answer 429 with a burst-limit code, applying nothing
	faultHangAfter        // apply it, then never answer
	faultApplyLate        // answer 504 at once, and apply it lateApply later
)

// lateApply is how long after its 504 a faultApplyLate update takes effect,
// less than DefaultReconcileDelay. Only tests in a synctest bubble use it.
const lateApply = 2 * time.Second

// received is one document part as the fake read it.
type received struct {
	disposition, contentType string
	documentID, filename     string
	size                     int64
	head                     []byte // the first bytes, for assertions
}

// fakeDocuSign is a small, strict stand-in for DocuSign's envelope
// endpoints. It reads requests with its own maps rather than the package's
// types, so that a misnamed field fails a test instead of passing twice. It
// counts every create it applies: the number the D cases are about.
type fakeDocuSign struct {
	t testing.TB

	mu          sync.Mutex
	postFaults  []fault // consumed by each POST /envelopes
	putFaults   []fault // consumed by each PUT /envelopes/{id}
	posts       int     // POST /envelopes received
	creates     int     // envelopes created
	puts        int     // PUT /envelopes/{id} received
	resends     int
	envelopes   []map[string]any
	definitions []map[string]any // the JSON part of each POST
	documents   [][]received     // the document parts of each POST
	queries     []url.Values     // the query of each GET /envelopes
	headers     []http.Header    // every request's headers
	lengths     []int64          // the Content-Length of each POST, -1 when chunked
}

func newFake(t testing.TB) *fakeDocuSign { return &fakeDocuSign{t: t} }

func (f *fakeDocuSign) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.headers = append(f.headers, r.Header.Clone())
	f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer test-token" {
		writeError(w, 401, "USER_AUTHENTICATION_FAILED", "Invalid access token")
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, apiPrefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case r.Method == http.MethodPost && path == "/envelopes":
		f.create(w, r)
	case r.Method == http.MethodGet && path == "/envelopes":
		f.list(w, r)
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "envelopes":
		f.get(w, parts[1])
	case r.Method == http.MethodPut && len(parts) == 2 && parts[0] == "envelopes":
		f.update(w, r, parts[1])
	default:
		writeError(w, 404, "INVALID_REQUEST_PARAMETER", "no route "+r.Method+" "+path)
	}
}

func (f *fakeDocuSign) create(w http.ResponseWriter, r *http.Request) {
	def, docs, err := readMultipart(r)
	f.mu.Lock()
	f.posts++
	f.lengths = append(f.lengths, r.ContentLength)
	ft := next(&f.postFaults)
	f.mu.Unlock()
	if err != nil {
		writeError(w, 400, "INVALID_MULTI_PART_REQUEST", err.Error())
		return
	}
	if f.before(w, ft) {
		return
	}
	f.mu.Lock()
	f.creates++
	f.definitions = append(f.definitions, def)
	f.documents = append(f.documents, docs)
	status, _ := def["status"].(string)
	if status == "" {
		status = "created"
	}
	env := map[string]any{
		"envelopeId":            fmt.Sprintf("env-%d", f.creates),
		"status":                status,
		"transactionId":         def["transactionId"],
		"emailSubject":          def["emailSubject"],
		"statusChangedDateTime": "2025-08-31T22:01:23.9770000Z",
	}
	f.envelopes = append(f.envelopes, env)
	f.mu.Unlock()
	if f.after(w, r, ft) {
		return
	}
	writeJSON(w, 201, map[string]any{"envelopeId": env["envelopeId"], "status": status,
		"statusDateTime": "2025-08-31T22:01:23.9770000Z",
		"uri":            "/envelopes/" + env["envelopeId"].(string)})
}

// before applies a fault that leaves the request without effect, and
// reports whether it answered.
func (f *fakeDocuSign) before(w http.ResponseWriter, ft fault) bool {
	switch ft {
	case faultDropBefore:
		drop(w)
	case fault503Before:
		writeError(w, 503, "", "Service Unavailable")
	case fault429Before:
		writeError(w, 429, "BURST_APIINVOCATION_LIMIT_EXCEEDED", "burst limit")
	default:
		return false
	}
	return true
}

// after applies a fault that hides the request's effect, and reports
// whether it answered.
func (f *fakeDocuSign) after(w http.ResponseWriter, r *http.Request, ft fault) bool {
	switch ft {
	case faultDropAfter:
		drop(w)
	case fault503After:
		writeError(w, 503, "", "Service Unavailable")
	case faultHangAfter:
		<-r.Context().Done()
	default:
		return false
	}
	return true
}

func (f *fakeDocuSign) list(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	f.queries = append(f.queries, q)
	ids := strings.Split(q.Get("transaction_ids"), ",")
	var found []map[string]any
	for _, env := range f.envelopes {
		if q.Get("transaction_ids") == "" || containsString(ids, env["transactionId"]) {
			found = append(found, env)
		}
	}
	n := fmt.Sprint(len(found))
	writeJSON(w, 200, map[string]any{"envelopes": found, "resultSetSize": n,
		"totalSetSize": n, "startPosition": "0", "endPosition": fmt.Sprint(len(found) - 1)})
}

func (f *fakeDocuSign) get(w http.ResponseWriter, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if env := f.find(id); env != nil {
		writeJSON(w, 200, env)
		return
	}
	writeError(w, 404, "ENVELOPE_DOES_NOT_EXIST", "The envelope specified either does not "+
		"exist or you have no rights to it.")
}

func (f *fakeDocuSign) update(w http.ResponseWriter, r *http.Request, id string) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, 400, "INVALID_REQUEST_BODY", err.Error())
		return
	}
	f.mu.Lock()
	f.puts++
	ft := next(&f.putFaults)
	env := f.find(id)
	f.mu.Unlock()
	if env == nil {
		writeError(w, 404, "ENVELOPE_DOES_NOT_EXIST", "no envelope "+id)
		return
	}
	if f.before(w, ft) {
		return
	}
	if ft == faultApplyLate {
		go func() {
			time.Sleep(lateApply)
			f.mu.Lock()
			defer f.mu.Unlock()
			f.apply(env, body, r.URL.Query())
		}()
		writeError(w, 504, "", "Gateway Timeout")
		return
	}
	f.mu.Lock()
	errCode := f.apply(env, body, r.URL.Query())
	f.mu.Unlock()
	if errCode != "" {
		writeError(w, 400, errCode, "Only envelopes in the 'Sent' or 'Delivered' states "+
			"may be voided.")
		return
	}
	if f.after(w, r, ft) {
		return
	}
	writeJSON(w, 200, map[string]any{"envelopeId": id})
}

// apply changes an envelope as DocuSign's PUT does, or returns an error code.
func (f *fakeDocuSign) apply(env, body map[string]any, q url.Values) string {
	if q.Get("resend_envelope") == "true" {
		f.resends++
		return ""
	}
	switch status, _ := body["status"].(string); status {
	case "sent":
		if env["status"] == "created" {
			env["status"] = "sent"
		}
	case "voided":
		if env["status"] != "sent" && env["status"] != "delivered" {
			return "ENVELOPE_CANNOT_VOID_INVALID_STATE"
		}
		env["status"], env["voidedReason"] = "voided", body["voidedReason"]
	}
	return ""
}

func (f *fakeDocuSign) find(id string) map[string]any {
	for _, env := range f.envelopes {
		if env["envelopeId"] == id {
			return env
		}
	}
	return nil
}

// counts returns the POSTs received and the envelopes created.
func (f *fakeDocuSign) counts() (posts, creates int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.posts, f.creates
}

// readMultipart reads a create request the way DocuSign documents it: a
// multipart form whose first part is the JSON definition, then one part per
// document with Content-Disposition: file; filename="…"; documentid=N.
func readMultipart(r *http.Request) (map[string]any, []received, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		return nil, nil, fmt.Errorf("want multipart/form-data, got %q", r.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	first, err := mr.NextPart()
	if err != nil {
		return nil, nil, err
	}
	var def map[string]any
	if first.Header.Get("Content-Type") != "application/json" {
		return nil, nil, fmt.Errorf("the first part is %q", first.Header.Get("Content-Type"))
	}
	if err := json.NewDecoder(first).Decode(&def); err != nil {
		return nil, nil, err
	}
	var docs []received
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return def, docs, nil
		}
		if err != nil {
			return nil, nil, err
		}
		doc, err := readDocumentPart(p)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, doc)
	}
}

func readDocumentPart(p *multipart.Part) (received, error) {
	cd := p.Header.Get("Content-Disposition")
	kind, params, err := mime.ParseMediaType(cd)
	if err != nil || kind != "file" || params["documentid"] == "" {
		return received{}, fmt.Errorf("bad Content-Disposition %q", cd)
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(p, head)
	rest, err := io.Copy(io.Discard, p)
	return received{disposition: cd, contentType: p.Header.Get("Content-Type"),
		documentID: params["documentid"], filename: params["filename"],
		size: int64(n) + rest, head: head[:n]}, err
}

func next(faults *[]fault) fault {
	if len(*faults) == 0 {
		return faultNone
	}
	ft := (*faults)[0]
	*faults = (*faults)[1:]
	return ft
}

func containsString(list []string, v any) bool {
	s, _ := v.(string)
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// drop closes the connection without an answer, after the request was read.
func drop(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"errorCode": code, "message": msg})
}

// testPolicy retries quickly, as the tests need no real backoff.
func testPolicy() docusign.RetryPolicy {
	return docusign.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond,
		MaxWait: time.Millisecond, AttemptTimeout: 10 * time.Second}
}

// newTestService returns a service talking to handler over a real local
// server, looking envelopes up at once after an unknown outcome. wrap, when
// given, wraps the client's transport.
func newTestService(t testing.TB, handler http.Handler, wrap ...func(http.RoundTripper) http.RoundTripper) *Service {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	hc := srv.Client()
	for _, w := range wrap {
		hc.Transport = w(hc.Transport)
	}
	return newServiceFor(t, srv.URL, hc, testPolicy(), WithReconcileDelay(0))
}

func newServiceFor(t testing.TB, baseURI string, hc *http.Client, p docusign.RetryPolicy, opts ...Option) *Service {
	t.Helper()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "test-token"})
	c, err := docusign.NewClient(ts, docusign.Account{ID: testAccount, BaseURI: baseURI},
		docusign.WithHTTPClient(hc), docusign.WithRetryPolicy(p))
	require.NoError(t, err)
	return NewService(c, opts...)
}

// memTransport serves a handler in memory, for tests inside a synctest
// bubble (real sockets are not durably blocking there). Like a real
// transport it reads the whole request body before the handler runs,
// reports the write to httptrace, and gives up when the request's context
// ends.
type memTransport struct{ handler http.Handler }

func (m memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		data, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = data
	}
	if trace := httptrace.ContextClientTrace(req.Context()); trace != nil {
		if trace.WroteHeaders != nil {
			trace.WroteHeaders()
		}
		if trace.WroteRequest != nil {
			trace.WroteRequest(httptrace.WroteRequestInfo{})
		}
	}
	in := req.Clone(req.Context())
	in.Body = io.NopCloser(bytes.NewReader(body))
	in.RequestURI = req.URL.RequestURI()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.handler.ServeHTTP(rec, in)
	}()
	select {
	case <-done:
		return rec.Result(), nil
	case <-req.Context().Done():
		<-done
		return nil, context.Cause(req.Context())
	}
}
