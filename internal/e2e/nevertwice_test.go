package e2e

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
)

// The fake's fault injection plays every way a create can fail; whatever
// happens, one Create call makes at most one envelope, and the signer gets
// one invitation.

// lookups are the reconciliation requests: listStatusChanges by
// transaction ID.
func lookups(srv *docusigntest.Server, txID string) int {
	n := 0
	for _, r := range requestsTo(srv, http.MethodGet, "/envelopes") {
		if strings.Contains(r.Query, "transaction_ids="+txID) {
			n++
		}
	}
	return n
}

func creates(srv *docusigntest.Server) int {
	return len(requestsTo(srv, http.MethodPost, "/envelopes"))
}

// A create whose answer is lost after the envelope was made (the
// connection dropped, or DocuSign answered 5xx) is settled by looking the
// envelope up by transaction ID, never by sending again, even when the
// document could be read again.
func TestD2_D3_CreateWhoseAnswerIsLostReturnsTheEnvelopeMade(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault docusigntest.Fault
	}{
		{"dropped", docusigntest.Fault{Drop: true}},
		{"500", docusigntest.Fault{Status: http.StatusInternalServerError}},
		{"502", docusigntest.Fault{Status: http.StatusBadGateway}},
		{"503", docusigntest.Fault{Status: http.StatusServiceUnavailable}},
		{"504", docusigntest.Fault{Status: http.StatusGatewayTimeout}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startFake(t)
			svc := newService(t, srv)
			tc.fault.Method, tc.fault.Path, tc.fault.AfterHandling = http.MethodPost,
				"/envelopes", true
			srv.InjectFault(tc.fault)
			def := oneSigner("Answer lost: " + tc.name)

			sum, err := svc.Create(t.Context(), def)
			require.NoError(t, err)
			require.Equal(t, 1, srv.CreateCount())
			made := srv.Envelopes()[0]
			assert.Equal(t, made.ID, sum.EnvelopeID)
			assert.Equal(t, envelope.StatusSent, sum.Status)
			assert.Equal(t, def.TransactionID, made.TransactionID)
			assert.Equal(t, 1, creates(srv), "never sent twice")
			assert.Equal(t, 1, lookups(srv, def.TransactionID))
			for _, r := range requestsTo(srv, http.MethodPost, "/envelopes") {
				assert.Empty(t, r.Header.Get("Idempotency-Key"), "net/http would replay it")
				assert.Empty(t, r.Header.Get("X-Idempotency-Key"))
			}
		})
	}
}

// A create that times out after the envelope was made is settled the same
// way: the attempt timeout is the client's, the slowness the fake's.
func TestD3_CreateThatTimesOutAfterTheEnvelopeWasMadeReturnsIt(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	srv.SlowCreates(time.Minute) // ended early by the client giving up
	policy := fastRetries()
	policy.AttemptTimeout = time.Second
	svc := newServiceFor(newClient(t, srv, jwtSource(t, srv), srv.Account(),
		docusign.WithRetryPolicy(policy)))

	def := oneSigner("Slow create")
	sum, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	require.Equal(t, 1, srv.CreateCount())
	assert.Equal(t, srv.Envelopes()[0].ID, sum.EnvelopeID)
	assert.Equal(t, 1, creates(srv))
	assert.Equal(t, 1, lookups(srv, def.TransactionID))
}

// A caller whose deadline ends while a create is unanswered gets the
// transaction ID, and the lookup it is told to make finds the envelope:
// the path to follow instead of sending again.
func TestD3_CallerDeadlineDuringACreateLeavesTheTransactionIDToLookUp(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	_, err := svc.Create(t.Context(), oneSigner("Warm-up")) // the token, outside the deadline
	require.NoError(t, err)
	srv.SlowCreates(time.Minute) // ended early by the caller giving up

	def := oneSigner("Deadline")
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	_, err = svc.Create(ctx, def)
	require.ErrorIs(t, err, docusign.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var oe *envelope.OutcomeUnknownError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, def.TransactionID, oe.TransactionID)
	assert.Equal(t, 2, srv.CreateCount())

	srv.ClearFaults()
	found := list(t, svc, envelope.ListOptions{TransactionIDs: []string{oe.TransactionID}})
	assert.Equal(t, []string{srv.Envelopes()[1].ID}, found)
	assert.Equal(t, 2, creates(srv), "nothing was sent again")
}

// A create the fake refused before it took effect (the connection dropped
// or a 503 before handling) is looked up, found absent, and sent once
// more: exactly one envelope. When the second attempt fails the same way,
// Create stops with the transaction ID instead of trying a third time.
func TestD4_CreateRefusedBeforeHandlingIsSentOnceMore(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault docusigntest.Fault
	}{
		{"dropped", docusigntest.Fault{Drop: true}},
		{"503", docusigntest.Fault{Status: http.StatusServiceUnavailable}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startFake(t)
			svc := newService(t, srv)
			tc.fault.Method, tc.fault.Path = http.MethodPost, "/envelopes"
			srv.InjectFault(tc.fault)
			def := oneSigner("Refused once: " + tc.name)

			sum, err := svc.Create(t.Context(), def)
			require.NoError(t, err)
			require.Equal(t, 1, srv.CreateCount())
			assert.Equal(t, srv.Envelopes()[0].ID, sum.EnvelopeID)
			assert.Equal(t, 2, creates(srv))
			assert.Equal(t, 1, lookups(srv, def.TransactionID))

			tc.fault.Times = 2
			srv.InjectFault(tc.fault)
			def = oneSigner("Refused twice: " + tc.name)
			_, err = svc.Create(t.Context(), def)
			require.ErrorIs(t, err, docusign.ErrOutcomeUnknown)
			var oe *envelope.OutcomeUnknownError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, def.TransactionID, oe.TransactionID)
			assert.True(t, oe.Resent)
			assert.Equal(t, 1, srv.CreateCount())
			assert.Equal(t, 4, creates(srv), "two attempts for the second contract, no third")
			assert.Equal(t, 2, lookups(srv, def.TransactionID), "looked up after each")
		})
	}
}

// A document that can be read only once cannot be sent again: Create
// returns the transaction ID, and the documented path (look up, then
// create again with the same transaction ID) makes one envelope.
func TestD4_UnreadableAgainDocumentStopsWithTheTransactionID(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	srv.InjectFault(docusigntest.Fault{Method: http.MethodPost, Path: "/envelopes", Drop: true})
	def := oneSigner("Streamed once")
	def.Documents = []envelope.Document{envelope.NewReaderDocument("1", "Contract.pdf",
		onlyReader{bytes.NewReader(samplePDF("Streamed"))})}

	_, err := svc.Create(t.Context(), def)
	var oe *envelope.OutcomeUnknownError
	require.ErrorAs(t, err, &oe)
	require.NotEmpty(t, oe.TransactionID)
	assert.False(t, oe.Resent)
	assert.Contains(t, err.Error(), oe.TransactionID, "the message says what to look up")
	assert.Equal(t, 0, srv.CreateCount())
	assert.Equal(t, 1, creates(srv))

	assert.Empty(t, list(t, svc, envelope.ListOptions{TransactionIDs: []string{oe.TransactionID}}))
	retry := oneSigner("Streamed once")
	retry.TransactionID = oe.TransactionID
	sum, err := svc.Create(t.Context(), retry)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.CreateCount())
	assert.Equal(t, []string{sum.EnvelopeID},
		list(t, svc, envelope.ListOptions{TransactionIDs: []string{oe.TransactionID}}))
}

// onlyReader hides every method but Read, so the document cannot be
// rewound.
type onlyReader struct{ r *bytes.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// failFirstDial fails the first request as a refused connection does,
// before anything is written, then passes requests through.
type failFirstDial struct {
	next   http.RoundTripper
	failed atomic.Bool
}

func (f *failFirstDial) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && f.failed.CompareAndSwap(false, true) {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	}
	return f.next.RoundTrip(r)
}

// A create that never left (connection refused) is retried at once, with
// no lookup: the fake sees one request and makes one envelope.
func TestD1_CreateRefusedAtConnectIsRetriedSafely(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	hc := srv.Client()
	dial := &failFirstDial{next: hc.Transport}
	hc.Transport = dial
	svc := newServiceFor(newClient(t, srv, jwtSource(t, srv), srv.Account(),
		docusign.WithHTTPClient(hc)))

	def := oneSigner("Refused at connect")
	_, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	assert.True(t, dial.failed.Load())
	assert.Equal(t, 1, srv.CreateCount())
	assert.Equal(t, 1, creates(srv))
	assert.Equal(t, 0, lookups(srv, def.TransactionID))
}

// A create refused for a burst quota (429) was not processed: it is
// retried, with no lookup, and makes one envelope.
func TestD5_CreateRefusedWith429IsRetried(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	srv.InjectFault(docusigntest.Fault{Method: http.MethodPost, Path: "/envelopes",
		Status: http.StatusTooManyRequests, Body: `{"errorCode":` +
			`"BURST_APIINVOCATION_LIMIT_EXCEEDED","message":"The maximum number of burst ` +
			`API invocations has been exceeded."}`})

	def := oneSigner("Burst")
	_, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.CreateCount())
	assert.Equal(t, 2, creates(srv))
	assert.Equal(t, 0, lookups(srv, def.TransactionID))
}

// Sending a draft whose answer is lost reads the envelope before anything
// else: sent means done, a draft is sent once more. The send happens once.
func TestD6_DraftSendWhoseAnswerIsLostIsNotSentTwice(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		afterHandling bool
		puts          int
	}{
		{"lost after the send", true, 1},
		{"lost before the send", false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startFake(t)
			svc := newService(t, srv)
			def := oneSigner("Draft: " + tc.name)
			def.Status = envelope.StatusCreated
			sum, err := svc.Create(t.Context(), def)
			require.NoError(t, err)
			path := "/envelopes/" + sum.EnvelopeID
			srv.InjectFault(docusigntest.Fault{Method: http.MethodPut, Path: path, Drop: true,
				AfterHandling: tc.afterHandling})

			require.NoError(t, svc.Send(t.Context(), sum.EnvelopeID))
			assertStatus(t, srv, sum.EnvelopeID, "sent")
			assert.Len(t, requestsTo(srv, http.MethodPut, path), tc.puts)
			assert.Len(t, requestsTo(srv, http.MethodGet, path), 1, "read before resending")
		})
	}
}

// Resending emails the recipients, so a resend whose outcome is unknown
// is reported, never repeated.
func TestResendWhoseAnswerIsLostIsNotRepeated(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	sum, err := svc.Create(t.Context(), oneSigner("Resend lost"))
	require.NoError(t, err)
	path := "/envelopes/" + sum.EnvelopeID
	srv.InjectFault(docusigntest.Fault{Method: http.MethodPut, Path: path,
		Status: http.StatusServiceUnavailable, AfterHandling: true})

	err = svc.Resend(t.Context(), sum.EnvelopeID)
	require.Error(t, err)
	assert.True(t, errors.Is(err, docusign.ErrOutcomeUnknown), "%v", err)
	assert.Len(t, requestsTo(srv, http.MethodPut, path), 1)
}

// A void whose answer is lost is retried (voiding twice voids once);
// DocuSign refuses the second one as already voided, and Void reads the
// envelope and reports the success that happened.
func TestVoidWhoseAnswerIsLostSucceedsOnTheRetry(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	sum, err := svc.Create(t.Context(), oneSigner("Void lost"))
	require.NoError(t, err)
	path := "/envelopes/" + sum.EnvelopeID
	srv.InjectFault(docusigntest.Fault{Method: http.MethodPut, Path: path, Drop: true,
		AfterHandling: true})

	require.NoError(t, svc.Void(t.Context(), sum.EnvelopeID, "Withdrawn"))
	assertStatus(t, srv, sum.EnvelopeID, "voided")
	puts := requestsTo(srv, http.MethodPut, path)
	require.Len(t, puts, 2)
	assert.Equal(t, http.StatusBadRequest, puts[1].Status, "the retry found it voided")
}
