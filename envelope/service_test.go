package envelope

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
)

// recorded is a request a handler saw.
type recorded struct {
	method, path string
	query        url.Values
	body         map[string]any
}

// recorder answers every request with answer and records it.
type recorder struct {
	mu     sync.Mutex
	seen   []recorded
	answer func(w http.ResponseWriter, r *http.Request)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if r.Body != nil {
		json.NewDecoder(r.Body).Decode(&body)
	}
	rec.mu.Lock()
	rec.seen = append(rec.seen, recorded{r.Method, strings.TrimPrefix(r.URL.Path, apiPrefix),
		r.URL.Query(), body})
	rec.mu.Unlock()
	rec.answer(w, r)
}

func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.seen...)
}

func answerJSON(status int, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestGetDecodesTheEnvelopeAndAsksForTheParts(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(200,
		string(readTestdata(t, "envelope_get_200.docusign_elixir.json")))}
	svc := newTestService(t, rec)

	env, err := svc.Get(context.Background(), "b24e6c1c", &GetOptions{
		Include: []string{IncludeRecipients, IncludeDocuments, IncludeCustomFields}})
	require.NoError(t, err)
	assert.Equal(t, StatusSent, env.Status)
	assert.Equal(t, "Test Document for Response Capture", env.EmailSubject)
	got := rec.requests()[0]
	assert.Equal(t, "/envelopes/b24e6c1c", got.path)
	assert.Equal(t, "recipients,documents,custom_fields", got.query.Get("include"))

	_, err = svc.Get(context.Background(), "b24e6c1c", nil)
	require.NoError(t, err)
	assert.Empty(t, rec.requests()[1].query)
}

// observedError returns the error body DocuSign was seen sending with code.
func observedError(t *testing.T, code string) string {
	t.Helper()
	var bodies []struct {
		Body json.RawMessage `json:"body"`
	}
	require.NoError(t, json.Unmarshal(readTestdata(t, "error-bodies.observed.json"), &bodies))
	for _, b := range bodies {
		if strings.Contains(string(b.Body), `"errorCode": "`+code+`"`) {
			return string(b.Body)
		}
	}
	t.Fatalf("no observed body with %s", code)
	return ""
}

func TestGetReportsAMissingEnvelope(t *testing.T) {
	t.Parallel()
	svc := newTestService(t, &recorder{answer: answerJSON(400,
		observedError(t, "ENVELOPE_DOES_NOT_EXIST"))})
	_, err := svc.Get(context.Background(), "nope", nil)
	assert.ErrorIs(t, err, docusign.ErrNotFound)
}

func TestVoidRefusedAndNotVoidedReturnsDocuSignsError(t *testing.T) {
	t.Parallel()
	body := observedError(t, "ENVELOPE_CANNOT_VOID_INVALID_STATE")
	rec := &recorder{answer: func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			answerJSON(400, body)(w, r)
			return
		}
		answerJSON(200, `{"envelopeId":"e1","status":"completed"}`)(w, r)
	}}
	svc := newTestService(t, rec)
	err := svc.Void(context.Background(), "e1", "withdrawn")
	assert.ErrorContains(t, err, "Only envelopes in the 'Sent' or 'Delivered' states may be voided.")
	assert.Len(t, rec.requests(), 2, "the envelope was read before giving up")
}

func TestEndpointsGuardTheirArguments(t *testing.T) {
	t.Parallel()
	svc := newTestService(t, &recorder{answer: answerJSON(200, `{}`)})
	ctx := context.Background()
	_, err := svc.Get(ctx, "", nil)
	assert.ErrorContains(t, err, "envelope ID is empty")
	_, err = svc.Document(ctx, "e1", "")
	assert.ErrorContains(t, err, "document ID is empty")
	assert.ErrorContains(t, svc.Void(ctx, "e1", " "), "Void needs a reason")
	_, err = svc.SenderView(ctx, "e1", "")
	assert.ErrorContains(t, err, "return URL")
	var none *Service
	assert.ErrorIs(t, none.Resend(ctx, "e1"), errNoClient)
	assert.ErrorIs(t, NewService(nil).Send(ctx, "e1"), errNoClient)
}

func TestRecipientsAndDocumentsAreListed(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/recipients") {
			answerJSON(200, `{"signers":[{"name":"Ann","email":"ann@example.com",
				"recipientId":"1","status":"delivered","routingOrder":"1"}],
				"recipientCount":"1","currentRoutingOrder":"1"}`)(w, r)
			return
		}
		answerJSON(200, `{"envelopeId":"e1","envelopeDocuments":[
			{"documentId":"1","name":"contract.pdf","type":"content","order":"1"},
			{"documentId":"certificate","name":"Summary","type":"summary","order":"999"}]}`)(w, r)
	}}
	svc := newTestService(t, rec)

	rs, err := svc.Recipients(context.Background(), "e1", &RecipientsOptions{IncludeTabs: true})
	require.NoError(t, err)
	require.Len(t, rs.Signers, 1)
	assert.Equal(t, RecipientDelivered, rs.Signers[0].Status)
	assert.Equal(t, 1, rs.CurrentRoutingOrder)
	assert.Equal(t, "true", rec.requests()[0].query.Get("include_tabs"))

	docs, err := svc.Documents(context.Background(), "e1")
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.Equal(t, 999, docs[1].Order)
	assert.Equal(t, "/envelopes/e1/documents", rec.requests()[1].path)
}

func TestVoidSendsTheReason(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(200, `{"envelopeId":"e1"}`)}
	svc := newTestService(t, rec)
	require.NoError(t, svc.Void(context.Background(), "e1", "Contract withdrawn"))
	got := rec.requests()[0]
	assert.Equal(t, http.MethodPut, got.method)
	assert.Equal(t, map[string]any{"status": "voided", "voidedReason": "Contract withdrawn"},
		got.body)
}

func TestVoidRetriedAfterAnAmbiguousFailureReportsSuccess(t *testing.T) {
	t.Parallel()
	fake := newFake(t)
	svc := newTestService(t, fake)
	sum, err := svc.Create(context.Background(), validDefinition())
	require.NoError(t, err)
	fake.putFaults = []fault{fault503After}

	require.NoError(t, svc.Void(context.Background(), sum.EnvelopeID, "withdrawn"))
	assert.Equal(t, 2, fake.puts, "the void was retried and refused as already voided")
	assert.Equal(t, "voided", fake.envelopes[0]["status"])
}

func TestVoidOfAFinishedEnvelopeFails(t *testing.T) {
	t.Parallel()
	fake := newFake(t)
	svc := newTestService(t, fake)
	sum, err := svc.Create(context.Background(), validDefinition())
	require.NoError(t, err)
	fake.envelopes[0]["status"] = "completed"

	err = svc.Void(context.Background(), sum.EnvelopeID, "too late")
	var apiErr *docusign.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "ENVELOPE_CANNOT_VOID_INVALID_STATE", apiErr.Code)
}

func TestResendIsSentOnceEvenOnServerError(t *testing.T) {
	t.Parallel()
	fake := newFake(t)
	svc := newTestService(t, fake)
	sum, err := svc.Create(context.Background(), validDefinition())
	require.NoError(t, err)

	require.NoError(t, svc.Resend(context.Background(), sum.EnvelopeID))
	assert.Equal(t, 1, fake.resends)

	fake.putFaults = []fault{fault503After}
	err = svc.Resend(context.Background(), sum.EnvelopeID)
	assert.ErrorIs(t, err, docusign.ErrOutcomeUnknown)
	assert.Equal(t, 2, fake.resends, "a resend that may have emailed is not repeated")
	assert.Equal(t, 2, fake.puts)
}

func TestSendSendsADraft(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(200, `{"envelopeId":"e1"}`)}
	svc := newTestService(t, rec)
	require.NoError(t, svc.Send(context.Background(), "e1"))
	assert.Equal(t, map[string]any{"status": "sent"}, rec.requests()[0].body)
}

func TestRecipientViewAsksForTheSigningURL(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(201,
		`{"url":"https://demo.docusign.net/Signing/MTRedeem/v1/abc?slt=x"}`)}
	svc := newTestService(t, rec)

	u, err := svc.RecipientView(context.Background(), "e1", RecipientViewRequest{
		ReturnURL: "https://app.example.com/signed?c=14", ClientUserID: "user-14",
		UserName: "Ann Lee", Email: "ann@example.com", PingFrequency: 600,
	})
	require.NoError(t, err)
	assert.Equal(t, "https://demo.docusign.net/Signing/MTRedeem/v1/abc?slt=x", u)
	got := rec.requests()[0]
	assert.Equal(t, "/envelopes/e1/views/recipient", got.path)
	assert.Equal(t, map[string]any{"returnUrl": "https://app.example.com/signed?c=14",
		"clientUserId": "user-14", "userName": "Ann Lee", "email": "ann@example.com",
		"authenticationMethod": "none", "pingFrequency": "600"}, got.body)
}

func TestRecipientViewNamesEveryMissingField(t *testing.T) {
	t.Parallel()
	svc := newTestService(t, &recorder{answer: answerJSON(201, `{}`)})
	_, err := svc.RecipientView(context.Background(), "e1", RecipientViewRequest{Email: "a@b.example"})
	for _, f := range []string{"ReturnURL", "ClientUserID", "UserName"} {
		assert.ErrorContains(t, err, "RecipientViewRequest."+f+" is empty")
	}
}

func TestSenderViewAsksForTheSendingURL(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(201, `{"url":"https://demo.docusign.net/Member/x"}`)}
	svc := newTestService(t, rec)
	u, err := svc.SenderView(context.Background(), "e1", "https://app.example.com/back")
	require.NoError(t, err)
	assert.Equal(t, "https://demo.docusign.net/Member/x", u)
	assert.Equal(t, "/envelopes/e1/views/sender", rec.requests()[0].path)
	assert.Equal(t, map[string]any{"returnUrl": "https://app.example.com/back"},
		rec.requests()[0].body)
}

func allBytes() []byte {
	b := make([]byte, 0, 512)
	for range 2 {
		for i := range 256 {
			b = append(b, byte(i))
		}
	}
	return b
}

func TestDocumentIsBinarySafe(t *testing.T) {
	t.Parallel()
	pdf := allBytes()
	svc := newTestService(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, apiPrefix+"/envelopes/e1/documents/combined", r.URL.Path)
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	}))
	rc, err := svc.Document(context.Background(), "e1", DocumentCombined)
	require.NoError(t, err)
	defer rc.Close()
	got, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, pdf, got)
}

// When DocuSign answers a download with Content-Transfer-Encoding: base64 is
// not known (DocuSign's Node SDK fixed a bug with such answers in 8.0.1);
// this test and TestDocumentIsBinarySafe show that either form reads back
// the same bytes.
func TestDocumentUndoesBase64TransferEncoding(t *testing.T) {
	t.Parallel()
	pdf := allBytes()
	encoded := base64.StdEncoding.EncodeToString(pdf)
	wrapped := encoded[:100] + "\r\n" + encoded[100:]
	svc := newTestService(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Transfer-Encoding", "BASE64")
		io.WriteString(w, wrapped)
	}))
	rc, err := svc.Document(context.Background(), "e1", DocumentCertificate)
	require.NoError(t, err)
	got, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, pdf, got)
}

func TestDocumentStreamsWithoutBuffering(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	svc := newTestService(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "%PDF")
		w.(http.Flusher).Flush()
		select {
		case <-release: // the client read the start before the rest was written
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, "-rest")
	}))
	rc, err := svc.Document(context.Background(), "e1", "1")
	require.NoError(t, err, "Document returns before the whole body arrived")
	defer rc.Close()
	head := make([]byte, 4)
	_, err = io.ReadFull(rc, head)
	require.NoError(t, err)
	assert.Equal(t, "%PDF", string(head))
	close(release)
	rest, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, "-rest", string(rest))
}

func TestDocumentErrorsAreDocuSigns(t *testing.T) {
	t.Parallel()
	svc := newTestService(t, &recorder{answer: answerJSON(404,
		`{"errorCode":"DOCUMENT_DOES_NOT_EXIST","message":"The document specified was not found."}`)})
	_, err := svc.Document(context.Background(), "e1", "7")
	assert.ErrorIs(t, err, docusign.ErrNotFound)
}

// pagedEnvelopes answers ListStatusChanges with total envelopes in pages of
// the requested count, as DocuSign does: start_position in, startPosition,
// endPosition, resultSetSize and totalSetSize out.
func pagedEnvelopes(total int, withNextURI bool) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		start, _ := strconv.Atoi(q.Get("start_position"))
		count, _ := strconv.Atoi(q.Get("count"))
		end := min(start+count, total)
		var envs []map[string]string
		for i := start; i < end; i++ {
			envs = append(envs, map[string]string{"envelopeId": fmt.Sprintf("e%d", i),
				"status": "completed", "statusChangedDateTime": "2025-09-01T10:00:00.0000000Z"})
		}
		page := map[string]any{"envelopes": envs, "resultSetSize": strconv.Itoa(len(envs)),
			"totalSetSize": strconv.Itoa(total), "startPosition": strconv.Itoa(start),
			"endPosition": strconv.Itoa(end - 1)}
		if withNextURI && end < total {
			q.Set("start_position", strconv.Itoa(end))
			page["nextUri"] = "/envelopes?" + q.Encode()
		}
		writeJSON(w, 200, page)
	}
}

func collect(t *testing.T, svc *Service, opts ListOptions) ([]string, error) {
	t.Helper()
	var ids []string
	for env, err := range svc.ListStatusChanges(context.Background(), opts) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, env.EnvelopeID)
	}
	return ids, nil
}

func TestListStatusChangesWalksEveryPage(t *testing.T) {
	t.Parallel()
	for name, withNext := range map[string]bool{"by positions": false, "by nextUri": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{answer: pagedEnvelopes(5, withNext)}
			svc := newTestService(t, rec)
			since := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)

			ids, err := collect(t, svc, ListOptions{FromDate: since, Count: 2})
			require.NoError(t, err)
			assert.Equal(t, []string{"e0", "e1", "e2", "e3", "e4"}, ids)
			reqs := rec.requests()
			require.Len(t, reqs, 3)
			for i, want := range []string{"", "2", "4"} {
				assert.Equal(t, want, reqs[i].query.Get("start_position"))
				assert.Equal(t, "2025-09-01T00:00:00Z", reqs[i].query.Get("from_date"))
			}
		})
	}
}

func TestListStatusChangesEncodesItsOptions(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(200, `{"envelopes":[],"totalSetSize":"0"}`)}
	svc := newTestService(t, rec)
	_, err := collect(t, svc, ListOptions{
		FromDate: time.Date(2025, 9, 1, 8, 30, 0, 0, time.FixedZone("CEST", 2*3600)),
		Status:   []Status{StatusCompleted, StatusDeclined}, CustomField: "contractId=C-14",
		Include: []string{IncludeRecipients, IncludeCustomFields}, FromToStatus: "changed",
		TransactionIDs: []string{"tx1", "tx2"}, Order: "desc", OrderBy: "status_changed",
	})
	require.NoError(t, err)
	q := rec.requests()[0].query
	assert.Equal(t, url.Values{
		"from_date":       {"2025-09-01T08:30:00+02:00"},
		"status":          {"completed,declined"},
		"custom_field":    {"contractId=C-14"},
		"include":         {"recipients,custom_fields"},
		"from_to_status":  {"changed"},
		"transaction_ids": {"tx1,tx2"},
		"order":           {"desc"},
		"order_by":        {"status_changed"},
	}, q)
}

func TestListStatusChangesStopsWhenTheCallerDoes(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: pagedEnvelopes(10, false)}
	svc := newTestService(t, rec)
	for env, err := range svc.ListStatusChanges(context.Background(),
		ListOptions{FromDate: time.Now(), Count: 3}) {
		require.NoError(t, err)
		if env.EnvelopeID == "e1" {
			break
		}
	}
	assert.Len(t, rec.requests(), 1, "no page is fetched after the caller stopped")
}

func TestListStatusChangesEndsOnAPageThatMakesNoProgress(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: answerJSON(200, `{"envelopes":[{"envelopeId":"e0"}],
		"resultSetSize":"1","totalSetSize":"9","startPosition":"0","endPosition":"0",
		"nextUri":"/envelopes?from_date=x"}`)}
	svc := newTestService(t, rec)
	ids, err := collect(t, svc, ListOptions{EnvelopeIDs: []string{"e0"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"e0", "e0"}, ids, "the repeated nextUri is not followed again")
	assert.Len(t, rec.requests(), 2)
}

func TestListStatusChangesEndsWhenNextURIPointsBack(t *testing.T) {
	t.Parallel()
	var served atomic.Int32
	rec := &recorder{answer: func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) > 10 {
			w.WriteHeader(http.StatusTeapot) // the walk should have ended long ago
			return
		}
		next := "/envelopes?page=b"
		if r.URL.Query().Get("page") == "b" {
			next = "/envelopes?page=a"
		}
		answerJSON(200, `{"envelopes":[{"envelopeId":"e-`+r.URL.Query().Get("page")+
			`"}],"totalSetSize":"9","nextUri":"`+next+`"}`)(w, r)
	}}
	svc := newTestService(t, rec)
	ids, err := collect(t, svc, ListOptions{FromDate: time.Now()})
	require.NoError(t, err)
	assert.Equal(t, []string{"e-", "e-b", "e-a"}, ids)
	assert.Len(t, rec.requests(), 3, "page a's nextUri points back at b: not fetched again")
}

func TestListStatusChangesWithoutEndPositionCountsTheEnvelopesReceived(t *testing.T) {
	t.Parallel()
	three := `[{"envelopeId":"e0"},{"envelopeId":"e1"},{"envelopeId":"e2"}]`
	tests := []struct {
		name   string
		pages  []string // answers in order; a request past the last fails
		starts []string // the start_position of each request
		ids    []string
	}{
		{"one page, no positions at all", []string{
			`{"envelopes":` + three + `,"totalSetSize":"3"}`,
		}, []string{""}, []string{"e0", "e1", "e2"}},
		{"one page, endPosition null", []string{
			`{"envelopes":` + three + `,"totalSetSize":"3","startPosition":"0",` +
				`"endPosition":null}`,
		}, []string{""}, []string{"e0", "e1", "e2"}},
		{"one page, endPosition empty", []string{
			`{"envelopes":` + three + `,"resultSetSize":"3","totalSetSize":"3",` +
				`"endPosition":""}`,
		}, []string{""}, []string{"e0", "e1", "e2"}},
		{"two pages, no endPosition", []string{
			`{"envelopes":` + three + `,"totalSetSize":"5","startPosition":"0"}`,
			`{"envelopes":[{"envelopeId":"e3"},{"envelopeId":"e4"}],"totalSetSize":"5",` +
				`"startPosition":"3"}`,
		}, []string{"", "3"}, []string{"e0", "e1", "e2", "e3", "e4"}},
		{"one envelope at the start, endPosition 0", []string{
			`{"envelopes":[{"envelopeId":"e0"}],"totalSetSize":"2","startPosition":"0",` +
				`"endPosition":"0"}`,
			`{"envelopes":[{"envelopeId":"e1"}],"totalSetSize":"2","startPosition":"1",` +
				`"endPosition":"1"}`,
		}, []string{"", "1"}, []string{"e0", "e1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var served atomic.Int32
			rec := &recorder{answer: func(w http.ResponseWriter, r *http.Request) {
				n := int(served.Add(1)) - 1
				if n >= len(tt.pages) {
					w.WriteHeader(http.StatusTeapot)
					return
				}
				answerJSON(200, tt.pages[n])(w, r)
			}}
			svc := newTestService(t, rec)

			ids, err := collect(t, svc, ListOptions{FromDate: time.Now()})
			require.NoError(t, err)
			assert.Equal(t, tt.ids, ids, "every envelope once")
			var starts []string
			for _, r := range rec.requests() {
				starts = append(starts, r.query.Get("start_position"))
			}
			assert.Equal(t, tt.starts, starts)
		})
	}
}

func TestListStatusChangesReportsErrors(t *testing.T) {
	t.Parallel()
	svc := newTestService(t, &recorder{answer: answerJSON(400,
		`{"errorCode":"INVALID_REQUEST_PARAMETER","message":"bad from_date"}`)})
	_, err := collect(t, svc, ListOptions{FromDate: time.Now()})
	var apiErr *docusign.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "INVALID_REQUEST_PARAMETER", apiErr.Code)

	_, err = collect(t, svc, ListOptions{})
	assert.ErrorContains(t, err, "needs ListOptions.FromDate")
	_, err = collect(t, NewService(nil), ListOptions{FromDate: time.Now()})
	assert.True(t, errors.Is(err, errNoClient))
}
