package main

import (
	"context"
	"crypto/x509"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"

	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// connectPath is where the listener takes Connect messages.
const connectPath = "/docusign/connect"

// connectEvent is what the program keeps of one verified Connect message:
// copied out of the webhook.Event, so that nothing refers to the request
// once the handler has answered.
type connectEvent struct {
	kind       webhook.EventType
	envelopeID string
	// recipient names the recipient of a recipient event.
	recipient string
	// update is the envelope status the message reports, if hasStatus.
	update    envelope.StatusUpdate
	hasStatus bool
	retry     int
}

// connectListener is a local HTTPS endpoint for Connect: an httptest TLS
// server whose certificate the fake DocuSign is told to trust, serving
// webhook.NewHandler. Verified events come out of events.
type connectListener struct {
	url    string
	events chan connectEvent
	srv    *httptest.Server
	mux    *http.ServeMux
	// done ends the wait of a handler whose event nobody takes any more.
	done      chan struct{}
	closeOnce sync.Once
	// accepted and refused count the answers: 2xx, and the rest (an
	// unsigned or wrongly signed message gets 401).
	accepted, refused atomic.Int64
}

// newConnectListener starts the listener on a free loopback port. Its
// route is mounted later, by mount, once the HMAC key is known.
func newConnectListener(logger *slog.Logger) *connectListener {
	l := &connectListener{events: make(chan connectEvent, 64), mux: http.NewServeMux(),
		done: make(chan struct{})}
	l.srv = httptest.NewUnstartedServer(l.mux)
	l.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if logger != nil {
		l.srv.Config.ErrorLog = slog.NewLogLogger(logger.Handler(), slog.LevelWarn)
	}
	l.srv.StartTLS()
	l.url = l.srv.URL + connectPath
	return l
}

// certPool holds the listener's certificate, for the fake's Connect client.
func (l *connectListener) certPool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(l.srv.Certificate())
	return pool
}

// mount serves the Connect messages that v verifies, through
// webhook.NewHandler with opts.
func (l *connectListener) mount(v *webhook.Verifier, opts ...webhook.HandlerOption) {
	h := webhook.NewHandler(v, l.keep, opts...)
	l.mux.Handle(connectPath, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.status >= 200 && rec.status <= 299 {
			l.accepted.Add(1)
		} else {
			l.refused.Add(1)
		}
	}))
}

// keep hands a verified event to the program. It only enqueues, as
// Connect wants a quick answer; when the program has stopped reading, it
// fails, and the handler answers 500 so that Connect would redeliver.
func (l *connectListener) keep(ctx context.Context, ev *webhook.Event) error {
	ce := connectEvent{kind: ev.Type, envelopeID: ev.EnvelopeID, retry: ev.RetryCount}
	ce.update, ce.hasStatus = ev.StatusUpdate()
	for _, r := range ev.Recipients {
		if ev.Type.IsRecipient() && r.ID == ev.RecipientID {
			ce.recipient = r.Name
		}
	}
	select {
	case l.events <- ce:
		return nil
	case <-l.done:
		return context.Canceled
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close stops the listener; handlers still waiting give up at once.
func (l *connectListener) close() {
	l.closeOnce.Do(func() {
		close(l.done)
		l.srv.Close()
	})
}

// statusRecorder notes the status a handler answers.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}
