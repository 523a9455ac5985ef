package docusigntest_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestConnectTimeoutCountsAsFailureAndIsRetried(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var calls atomic.Int32
	hang := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(func() { close(release); hang.Close() })
	// The first attempt hangs and must time out; the retries answer at once,
	// and several are allowed so that a slow machine still gets one through.
	srv := newServer(t, docusigntest.WithConnectRootCAs(certPool(hang.Certificate())),
		docusigntest.WithConnectTimeout(100*time.Millisecond),
		docusigntest.WithConnectRetrySchedule(time.Millisecond, time.Millisecond,
			time.Millisecond, time.Millisecond, time.Millisecond))
	_, err := srv.AddListener(docusigntest.Listener{URL: hang.URL,
		Events: []string{"envelope-sent"}})
	require.NoError(t, err)
	create(t, client(t, srv), definition("sent"))
	waitDeliveries(t, srv)
	ds := srv.Deliveries()
	require.GreaterOrEqual(t, len(ds), 2)
	assert.Zero(t, ds[0].Status)
	assert.Equal(t, "no answer within the Connect timeout", ds[0].Err)
	last := ds[len(ds)-1]
	assert.True(t, last.Accepted(), "a retry got through")
	assert.Equal(t, len(ds)-1, last.RetryCount)
}

func TestConnectIncludeDocumentsCarriesPDFBytes(t *testing.T) {
	t.Parallel()
	l := newListener(t)
	srv := newServer(t, l.roots())
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL, Events: []string{"envelope-sent"},
		IncludeData: []string{"documents", "custom_fields"}})
	require.NoError(t, err)
	create(t, client(t, srv), definition("sent"))
	waitDeliveries(t, srv)
	bodies, heads := l.got()
	require.Len(t, bodies, 1)
	assert.Empty(t, heads[0].Get("X-DocuSign-Signature-1"), "HMAC off: no signature")
	var m simMsg
	require.NoError(t, json.Unmarshal(bodies[0], &m))
	docs := m.Data.EnvelopeSummary["envelopeDocuments"].([]any)
	pdf, err := base64.StdEncoding.DecodeString(docs[0].(map[string]any)["PDFBytes"].(string))
	require.NoError(t, err)
	assert.Equal(t, samplePDF, pdf)
	assert.Contains(t, m.Data.EnvelopeSummary, "customFields")
	assert.NotContains(t, m.Data.EnvelopeSummary, "recipients")
}

func TestConnectSignsWithRotatedKeys(t *testing.T) {
	t.Parallel()
	l := newListener(t)
	srv := newServer(t, l.roots(), docusigntest.WithHMACKeys("old"))
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL, HMAC: true,
		Events: []string{"envelope-sent"}})
	require.NoError(t, err)
	c := client(t, srv)
	create(t, c, definition("sent"))
	waitDeliveries(t, srv)
	require.NoError(t, srv.SetHMACKeys("old", "new"))
	create(t, c, definition("sent"))
	waitDeliveries(t, srv)
	require.NoError(t, srv.SetHMACKeys("new"))
	create(t, c, definition("sent"))
	waitDeliveries(t, srv)
	assert.Error(t, srv.SetHMACKeys())

	bodies, heads := l.got()
	require.Len(t, bodies, 3)
	verifies := func(i int, key string) bool {
		return docusigntest.CheckSignature(bodies[i], heads[i], key)
	}
	assert.Equal(t, []bool{true, false}, []bool{verifies(0, "old"), verifies(0, "new")})
	assert.Equal(t, []bool{true, true}, []bool{verifies(1, "old"), verifies(1, "new")})
	assert.Equal(t, []bool{false, true}, []bool{verifies(2, "old"), verifies(2, "new")})
	assert.NotEmpty(t, heads[1].Get("X-DocuSign-Signature-2"))
}

func TestConnectXMLAccountListenerWithDocuments(t *testing.T) {
	t.Parallel()
	l := newListener(t)
	srv := newServer(t, l.roots())
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL, Format: docusigntest.FormatXML,
		Events: []string{"envelope-completed"}, IncludeDocuments: true})
	require.NoError(t, err)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	require.NoError(t, srv.Sign(id, "1"))
	waitDeliveries(t, srv)
	bodies, _ := l.got()
	require.Len(t, bodies, 1)
	body := string(bodies[0])
	assert.Contains(t, body, "<Status>Completed</Status>")
	assert.Contains(t, body, "<DocumentType>CONTENT</DocumentType>")
	assert.Contains(t, body, "<DocumentType>SUMMARY</DocumentType>")
	assert.Contains(t, body, base64.StdEncoding.EncodeToString(samplePDF))
}

func TestAddListenerRefusesPlainHTTP(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, err := srv.AddListener(docusigntest.Listener{URL: "http://127.0.0.1:1/x"})
	assert.ErrorContains(t, err, "not https")
	_, err = srv.AddListener(docusigntest.Listener{URL: "https://x.example", Format: "yaml"})
	assert.ErrorContains(t, err, "unknown format")
}

// TestCloseStopsPendingRedeliveries: a listener that never accepts keeps a
// message queued on a long schedule; Close ends the worker at once and
// goleak (TestMain) finds no goroutine left.
func TestCloseStopsPendingRedeliveries(t *testing.T) {
	t.Parallel()
	l := newListener(t, 500, 500, 500, 500)
	srv := docusigntest.NewServer(l.roots(), docusigntest.WithConnectRetrySchedule(time.Hour))
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL})
	require.NoError(t, err)
	create(t, client(t, srv), definition("sent"))
	srv.Close()
	srv.Close()
	assert.NoError(t, srv.WaitForDeliveries(t.Context()), "nothing is pending after Close")
}

func TestConnectWithoutAcknowledgmentDoesNotRetry(t *testing.T) {
	t.Parallel()
	l := newListener(t, http.StatusInternalServerError)
	srv := newServer(t, l.roots())
	def := definition("sent")
	n := simNotification(l.URL)
	n["requireAcknowledgment"] = "false"
	n["events"] = []string{"envelope-sent", "recipient-sent"}
	def["eventNotification"] = n
	create(t, client(t, srv), def)
	waitDeliveries(t, srv)
	ds := srv.Deliveries()
	require.Len(t, ds, 2)
	assert.Equal(t, []string{"envelope-sent", "recipient-sent"}, []string{ds[0].Event, ds[1].Event})
	assert.True(t, ds[0].GaveUp)
	assert.True(t, ds[1].Accepted())
}
