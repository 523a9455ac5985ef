package docusigntest_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// listener is an httptest TLS Connect listener that records what it got and
// answers with the statuses of fail, in turn, then 200.
type listener struct {
	*httptest.Server
	mu     sync.Mutex
	bodies [][]byte
	heads  []http.Header
	fail   []int
}

func newListener(t *testing.T, fail ...int) *listener {
	t.Helper()
	l := &listener{fail: fail}
	l.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter,
		r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		l.mu.Lock()
		l.bodies = append(l.bodies, body)
		l.heads = append(l.heads, r.Header.Clone())
		status := http.StatusOK
		if len(l.fail) > 0 {
			status, l.fail = l.fail[0], l.fail[1:]
		}
		l.mu.Unlock()
		w.WriteHeader(status)
	}))
	l.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes cut by Close
	l.StartTLS()
	t.Cleanup(l.Close)
	return l
}

func (l *listener) roots() docusigntest.Option {
	return docusigntest.WithConnectRootCAs(certPool(l.Certificate()))
}

func (l *listener) got() ([][]byte, []http.Header) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([][]byte(nil), l.bodies...), append([]http.Header(nil), l.heads...)
}

type simMsg struct {
	Event             string `json:"event"`
	APIVersion        string `json:"apiVersion"`
	URI               string `json:"uri"`
	RetryCount        int    `json:"retryCount"`
	ConfigurationID   int    `json:"configurationId"`
	GeneratedDateTime string `json:"generatedDateTime"`
	Data              struct {
		AccountID       string         `json:"accountId"`
		UserID          string         `json:"userId"`
		EnvelopeID      string         `json:"envelopeId"`
		RecipientID     string         `json:"recipientId"`
		EnvelopeSummary map[string]any `json:"envelopeSummary"`
	} `json:"data"`
}

func simNotification(url string) map[string]any {
	return map[string]any{"url": url, "deliveryMode": "SIM", "includeHMAC": "true",
		"requireAcknowledgment": "true",
		"events": []string{"envelope-sent", "envelope-delivered", "envelope-completed",
			"recipient-sent", "recipient-delivered", "recipient-completed"},
		"eventData": map[string]any{"version": "restv2.1", "format": "json",
			"includeData": []string{"recipients"}}}
}

// connectTime is the form of the envelope's times in DocuSign's Connect
// captures: milliseconds at most, trailing zeros trimmed.
var connectTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,2}[1-9])?Z$`)

func waitDeliveries(t *testing.T, srv *docusigntest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, srv.WaitForDeliveries(ctx))
}

// signedWithListener sends an envelope whose notification goes to a new
// listener, has its first signer sign, and waits for the deliveries.
func signedWithListener(t *testing.T) (*listener, *docusigntest.Server, *docusign.Client,
	string) {
	t.Helper()
	l := newListener(t)
	srv := newServer(t, l.roots())
	c := client(t, srv)
	def := definition("sent")
	def["eventNotification"] = simNotification(l.URL + "/connect")
	id := create(t, c, def).EnvelopeID
	require.NoError(t, srv.Sign(id, "1"))
	waitDeliveries(t, srv)
	return l, srv, c, id
}

func TestConnectSendsJSONSIMInEventOrderSignedWithHMAC(t *testing.T) {
	t.Parallel()
	l, srv, _, id := signedWithListener(t)

	bodies, heads := l.got()
	var events []string
	for i, b := range bodies {
		var m simMsg
		require.NoError(t, json.Unmarshal(b, &m), string(b))
		events = append(events, m.Event+"/"+m.Data.RecipientID)
		assert.Equal(t, "v2.1", m.APIVersion)
		assert.Equal(t, "/restapi/v2.1/accounts/"+srv.Account().ID+"/envelopes/"+id, m.URI)
		assert.Zero(t, m.RetryCount)
		assert.NotZero(t, m.ConfigurationID)
		assert.Regexp(t, restTime, m.GeneratedDateTime)
		assert.Equal(t, srv.Account().ID, m.Data.AccountID)
		assert.Equal(t, srv.Credentials().UserID, m.Data.UserID)
		assert.Equal(t, id, m.Data.EnvelopeID)
		assert.Contains(t, m.Data.EnvelopeSummary, "recipients")
		assert.Regexp(t, connectTime, m.Data.EnvelopeSummary["sentDateTime"],
			"the envelope in a message has Connect's trimmed times, not REST's")
		assert.True(t, docusigntest.CheckSignature(b, heads[i], srv.Credentials().HMACKey))
		assert.Equal(t, "HMACSHA256", heads[i].Get("X-Authorization-Digest"))
		assert.Equal(t, srv.Account().ID, heads[i].Get("X-DocuSign-AccountId"))
	}
	assert.Equal(t, []string{"envelope-sent/", "recipient-sent/1", "recipient-delivered/1",
		"envelope-delivered/", "recipient-completed/1", "recipient-sent/2",
		"recipient-completed/2", "envelope-completed/"}, events)
}

// TestHMACMatchesAHandComputedVector checks the fake's signing against the
// vector of DocuSign's documented algorithm (computed with Python and
// openssl), and its delivery headers against HMAC computed here by hand,
// one header per key.
func TestHMACMatchesAHandComputedVector(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "7XUqpoO0ceDbWa35QPy+EAPdrBoLtO9CUNOGdczMACA=",
		docusigntest.HMACSignature([]byte(`{"event":"envelope-completed"}`),
			"fake-connect-hmac-secret-for-tests"))

	l := newListener(t)
	keys := []string{"4+xxbase64lookingsecretthatendsinequals+uE=", "second-key"}
	srv := newServer(t, l.roots(), docusigntest.WithHMACKeys(keys...))
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL, HMAC: true,
		Events: []string{"envelope-sent"}})
	require.NoError(t, err)
	create(t, client(t, srv), definition("sent"))
	waitDeliveries(t, srv)
	bodies, heads := l.got()
	require.Len(t, bodies, 1)
	for i, k := range keys {
		m := hmac.New(sha256.New, []byte(k))
		m.Write(bodies[0])
		want := base64.StdEncoding.EncodeToString(m.Sum(nil))
		assert.Equal(t, want, heads[0].Get("X-DocuSign-Signature-"+string(rune('1'+i))))
	}
	assert.Empty(t, heads[0].Get("X-DocuSign-Signature-3"))
	assert.False(t, docusigntest.CheckSignature(bodies[0], heads[0], "wrong-key"))
	tampered := append([]byte(nil), bodies[0]...)
	tampered[len(tampered)-2] ^= 1
	assert.False(t, docusigntest.CheckSignature(tampered, heads[0], keys[0]))
}

func TestConnectRedeliversWithRisingRetryCountHoldingLaterMessages(t *testing.T) {
	t.Parallel()
	l := newListener(t, http.StatusInternalServerError, http.StatusServiceUnavailable)
	srv := newServer(t, l.roots(), docusigntest.WithConnectRetrySchedule(time.Millisecond,
		time.Millisecond, time.Millisecond))
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL,
		Events: []string{"envelope-sent", "envelope-completed"}})
	require.NoError(t, err)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	require.NoError(t, srv.Sign(id, "1"))
	waitDeliveries(t, srv)

	bodies, _ := l.got()
	var got []string
	for _, b := range bodies {
		var m simMsg
		require.NoError(t, json.Unmarshal(b, &m))
		got = append(got, m.Event+"#"+string(rune('0'+m.RetryCount)))
	}
	assert.Equal(t, []string{"envelope-sent#0", "envelope-sent#1", "envelope-sent#2",
		"envelope-completed#0"}, got)
}

func TestConnectGivesUpAfterTheScheduleAndMovesOn(t *testing.T) {
	t.Parallel()
	l := newListener(t, 500, 500, 500)
	srv := newServer(t, l.roots(), docusigntest.WithConnectRetrySchedule(time.Millisecond,
		time.Millisecond))
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL,
		Events: []string{"envelope-sent", "envelope-voided"}})
	require.NoError(t, err)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	_, err = c.Do(context.Background(), http.MethodPut, "/envelopes/"+id,
		map[string]string{"status": "voided", "voidedReason": "test"}, nil)
	require.NoError(t, err)
	waitDeliveries(t, srv)
	ds := srv.Deliveries()
	require.Len(t, ds, 4)
	assert.True(t, ds[2].GaveUp)
	assert.Equal(t, "envelope-voided", ds[3].Event)
	assert.True(t, ds[3].Accepted())
}

func TestConnectLegacyXMLWithoutSIMEventData(t *testing.T) {
	t.Parallel()
	l := newListener(t)
	srv := newServer(t, l.roots())
	def := definition("sent")
	def["eventNotification"] = map[string]any{"url": l.URL, "includeHMAC": "true",
		"envelopeEvents": []any{map[string]any{"envelopeEventStatusCode": "Sent"}}}
	id := create(t, client(t, srv), def).EnvelopeID
	waitDeliveries(t, srv)
	bodies, heads := l.got()
	require.Len(t, bodies, 1)
	assert.Contains(t, heads[0].Get("Content-Type"), "text/xml")
	var info struct {
		XMLName        xml.Name `xml:"http://www.docusign.net/API/3.0 DocuSignEnvelopeInformation"`
		EnvelopeStatus struct {
			EnvelopeID        string
			Status            string
			RecipientStatuses []struct {
				Type, Email, Status string
			} `xml:"RecipientStatuses>RecipientStatus"`
		}
	}
	require.NoError(t, xml.Unmarshal(bodies[0], &info), string(bodies[0]))
	assert.Equal(t, id, info.EnvelopeStatus.EnvelopeID)
	assert.Equal(t, "Sent", info.EnvelopeStatus.Status)
	assert.Equal(t, "Signer", info.EnvelopeStatus.RecipientStatuses[0].Type)
	assert.True(t, docusigntest.CheckSignature(bodies[0], heads[0], srv.Credentials().HMACKey))
}
