package docusigntest

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Format is the body format of Connect messages.
type Format string

// The Connect formats: JSON SIM (one message per event, DocuSign's default
// for new configurations) and legacy XML (DocuSignEnvelopeInformation).
const (
	FormatJSON Format = "json"
	FormatXML  Format = "xml"
)

// Listener is an account-level Connect configuration.
type Listener struct {
	// URL receives the messages; https.
	URL string
	// Events are the SIM event names to send, such as "envelope-completed"
	// and "recipient-completed"; none means all.
	Events []string
	// HMAC signs messages with the account's HMAC keys.
	HMAC bool
	// Format is FormatJSON (the default) or FormatXML.
	Format Format
	// IncludeData lists the parts of the envelope JSON SIM messages carry
	// in envelopeSummary: "recipients", "documents" (with PDFBytes),
	// "custom_fields". None means IDs only.
	IncludeData []string
	// IncludeDocuments puts the documents' bytes into legacy XML messages.
	IncludeDocuments bool
	// NoRetry gives a failed message up at once instead of redelivering it,
	// as DocuSign does when a configuration does not require
	// acknowledgement.
	NoRetry bool
}

// sink is where and how messages go: an account listener or an envelope's
// eventNotification.
type sink struct {
	key         string
	configID    int
	url         string
	events      []string
	hmac        bool
	xml         bool
	includeData includes
	includeDocs bool
	// retry redelivers failed messages (requireAcknowledgment); without
	// it a failed message is given up at once, as with DocuSign.
	retry bool
}

type connectState struct {
	listeners  []*sink
	envConfigs map[string]int
	nextID     int
	queues     map[string]*queue
	deliveries []Delivery
	pending    int
	idle       chan struct{}
	closed     bool
}

// queue holds one sink's undelivered messages in order. A failed message
// holds the ones behind it until it is delivered or given up, as Connect
// does while a configuration is down.
type queue struct {
	items   []*message
	running bool
}

// message is one Connect message; body renders it for a retry count.
type message struct {
	sink        *sink
	event       string
	envelopeID  string
	recipientID string
	accountID   string
	retries     int
	body        func(retryCount int) []byte
}

// Delivery is one attempt to deliver a Connect message.
type Delivery struct {
	// ConfigurationID is the message's configurationId: an account
	// listener's, or one the fake gave the envelope's notification URL.
	ConfigurationID int
	// URL is the listener's URL.
	URL string
	// Event is the SIM event name, such as "envelope-completed".
	Event string
	// EnvelopeID and RecipientID say what the event is about; RecipientID
	// is empty for envelope events.
	EnvelopeID, RecipientID string
	// RetryCount is how many attempts came before this one.
	RetryCount int
	// Body and Header are exactly what was posted.
	Body   []byte
	Header http.Header
	// Status is the listener's HTTP status, 0 when there was no answer.
	Status int
	// Err describes a failure to get an answer.
	Err string
	// GaveUp marks the last attempt of a message that was never accepted.
	GaveUp bool
	Time   time.Time
}

// Accepted reports whether the listener answered 2xx.
func (d Delivery) Accepted() bool { return d.Status >= 200 && d.Status <= 299 }

// AddListener adds an account-level Connect configuration and returns its
// configurationId.
func (s *Server) AddListener(l Listener) (int, error) {
	u, err := url.Parse(l.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return 0, fmt.Errorf("docusigntest: AddListener: the URL %q is not https; Connect "+
			"delivers to https listeners (httptest.NewTLSServer with WithConnectRootCAs)", l.URL)
	}
	if l.Format != "" && l.Format != FormatJSON && l.Format != FormatXML {
		return 0, fmt.Errorf("docusigntest: AddListener: unknown format %q", l.Format)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.connect.nextID++
	id := 10000000 + s.connect.nextID
	s.connect.listeners = append(s.connect.listeners, &sink{key: fmt.Sprint("config-", id),
		configID: id, url: l.URL, events: lower(l.Events), hmac: l.HMAC,
		xml: l.Format == FormatXML, includeData: includesFrom(l.IncludeData),
		includeDocs: l.IncludeDocuments, retry: !l.NoRetry})
	return id, nil
}

// RemoveListener deletes an account-level configuration; messages already
// queued for it are still delivered.
func (s *Server) RemoveListener(configurationID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.connect.listeners = slices.DeleteFunc(s.connect.listeners, func(k *sink) bool {
		return k.configID == configurationID
	})
}

func lower(list []string) []string {
	var out []string
	for _, v := range list {
		out = append(out, strings.ToLower(strings.TrimSpace(v)))
	}
	return out
}

func includesFrom(list []string) includes {
	return parseIncludes(strings.Join(list, ","))
}

var legacyEnvelopeEvents = map[string]string{"draft": "envelope-created",
	"sent": "envelope-sent", "delivered": "envelope-delivered",
	"completed": "envelope-completed", "declined": "envelope-declined",
	"voided": "envelope-voided"}

var legacyRecipientEvents = map[string]string{"sent": "recipient-sent",
	"delivered": "recipient-delivered", "completed": "recipient-completed",
	"declined": "recipient-declined", "authenticationfailed": "recipient-authenticationfailed",
	"autoresponded": "recipient-autoresponded"}

// envelopeSink turns an eventNotification into a sink. Its messages are
// JSON SIM when eventData.version is "restv2.1" (and format is not xml),
// legacy XML otherwise, as with DocuSign: a notification without eventData
// gets XML. Failed messages are redelivered only with
// requireAcknowledgment "true". The caller holds s.mu.
func (s *Server) envelopeSink(n *eventNotificationIn) *sink {
	k := &sink{url: string(n.URL), hmac: n.IncludeHMAC.bool(), xml: true,
		includeDocs: n.IncludeDocuments.bool(), events: lower(n.Events),
		retry: n.RequireAcknowledgment.bool()}
	if ed := n.EventData; ed != nil {
		k.xml = !strings.EqualFold(string(ed.Version), "restv2.1") ||
			strings.EqualFold(string(ed.Format), "xml")
		k.includeData = includesFrom(ed.IncludeData)
	}
	for _, ev := range n.EnvelopeEvents {
		code := strings.ToLower(string(ev.EnvelopeEventStatusCode))
		if name, ok := legacyEnvelopeEvents[code]; ok {
			k.events = append(k.events, name)
		}
		k.includeDocs = k.includeDocs || ev.IncludeDocuments.bool()
	}
	for _, ev := range n.RecipientEvents {
		code := strings.ToLower(string(ev.RecipientEventStatusCode))
		if name, ok := legacyRecipientEvents[code]; ok {
			k.events = append(k.events, name)
		}
		k.includeDocs = k.includeDocs || ev.IncludeDocuments.bool()
	}
	if s.connect.envConfigs == nil {
		s.connect.envConfigs = map[string]int{}
	}
	id, ok := s.connect.envConfigs[k.url]
	if !ok {
		s.connect.nextID++
		id = 20000000 + s.connect.nextID
		s.connect.envConfigs[k.url] = id
	}
	k.configID, k.key = id, "envelope-"+k.url
	return k
}

func (k *sink) wants(event string) bool {
	return len(k.events) == 0 || slices.Contains(k.events, event)
}

// emit queues event (r is the recipient of a recipient event) for every
// sink that wants it. The caller holds s.mu.
func (s *Server) emit(e *envelope, event string, r *recipient) {
	sinks := slices.Clone(s.connect.listeners)
	for _, n := range e.notifications {
		sinks = append(sinks, s.envelopeSink(n))
	}
	for _, k := range sinks {
		if k.wants(event) {
			s.enqueue(s.newMessage(k, e, event, r))
		}
	}
}

// enqueue adds m to its sink's queue and starts the queue's worker if it
// is idle. The caller holds s.mu.
func (s *Server) enqueue(m *message) {
	if s.connect.closed {
		return
	}
	q := s.connect.queues[m.sink.key]
	if q == nil {
		q = &queue{}
		s.connect.queues[m.sink.key] = q
	}
	q.items = append(q.items, m)
	if s.connect.pending == 0 {
		s.connect.idle = make(chan struct{})
	}
	s.connect.pending++
	if !q.running {
		q.running = true
		s.wg.Add(1)
		go s.work(q)
	}
}

// done counts a message as delivered or given up. The caller holds s.mu.
func (s *Server) done(n int) {
	s.connect.pending -= n
	if s.connect.pending == 0 && s.connect.idle != nil {
		close(s.connect.idle)
		s.connect.idle = nil
	}
}

// work delivers a queue's messages in order, retrying the head on the
// retry schedule, and ends when the queue is empty or the server closes.
func (s *Server) work(q *queue) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if s.connect.closed || len(q.items) == 0 {
			s.done(len(q.items))
			q.items, q.running = nil, false
			s.mu.Unlock()
			return
		}
		m := q.items[0]
		keys := slices.Clone(s.hmacKeys)
		s.mu.Unlock()
		ok := s.deliver(m, keys)
		s.mu.Lock()
		var wait time.Duration
		if ok || !m.sink.retry || m.retries >= len(s.cfg.retrySchedule) {
			q.items = q.items[1:]
			s.done(1)
		} else {
			wait = s.cfg.retrySchedule[m.retries]
			m.retries++
		}
		s.mu.Unlock()
		if !ok && wait > 0 {
			s.pause(wait)
		}
	}
}

// pause waits d, or until the server closes; it reports whether d passed.
func (s *Server) pause(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.life.Done():
		return false
	}
}

// deliver posts one message and records the attempt.
func (s *Server) deliver(m *message, keys []string) bool {
	body := m.body(m.retries)
	h := http.Header{}
	if m.sink.xml {
		h.Set("Content-Type", "text/xml; charset=utf-8")
	} else {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	h.Set("X-DocuSign-AccountId", m.accountID)
	if m.sink.hmac {
		signatureHeaders(h, body, keys)
	}
	d := Delivery{ConfigurationID: m.sink.configID, URL: m.sink.url, Event: m.event,
		EnvelopeID: m.envelopeID, RecipientID: m.recipientID, RetryCount: m.retries,
		Body: body, Header: h.Clone(), Time: s.now()}
	d.Status, d.Err = s.post(m.sink.url, h, body)
	s.mu.Lock()
	d.GaveUp = !d.Accepted() && (!m.sink.retry || m.retries >= len(s.cfg.retrySchedule))
	if len(s.connect.deliveries) >= maxLog {
		s.connect.deliveries = slices.Clone(s.connect.deliveries[maxLog/2:])
	}
	s.connect.deliveries = append(s.connect.deliveries, d)
	s.mu.Unlock()
	if s.cfg.logger != nil {
		s.cfg.logger.Debug("docusigntest connect delivery", "event", m.event,
			"envelope", m.envelopeID, "retry", m.retries, "status", d.Status, "error", d.Err)
	}
	return d.Accepted()
}

func (s *Server) post(u string, h http.Header, body []byte) (int, string) {
	ctx, cancel := context.WithTimeout(s.life, s.cfg.connectTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header = h
	resp, err := s.connectClient().Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return 0, "no answer within the Connect timeout"
		}
		return 0, err.Error()
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, ""
}

func (s *Server) connectClient() *http.Client {
	if s.cfg.connectClient != nil {
		return s.cfg.connectClient
	}
	return s.deliveryClient
}

// newDeliveryClient posts without following redirects: Connect counts any
// answer outside 2xx, a redirect included, as a failure.
func newDeliveryClient(cfg config) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			TLSClientConfig:     &tls.Config{RootCAs: cfg.connectRoots},
			MaxIdleConnsPerHost: 4,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// Deliveries returns every Connect delivery attempt so far, in order.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Delivery, len(s.connect.deliveries))
	for i, d := range s.connect.deliveries {
		d.Header = d.Header.Clone()
		out[i] = d
	}
	return out
}

// WaitForDeliveries blocks until every queued Connect message has been
// delivered or given up, or ctx ends. Tests call it instead of sleeping.
func (s *Server) WaitForDeliveries(ctx context.Context) error {
	s.mu.Lock()
	idle := s.connect.idle
	pending := s.connect.pending
	s.mu.Unlock()
	if pending == 0 || idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("docusigntest: %d Connect message(s) still pending: %w", pending,
			ctx.Err())
	}
}
