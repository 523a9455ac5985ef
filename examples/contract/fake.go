package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// errNoConnectMessage reports a wait for Connect that timed out.
var errNoConnectMessage = errors.New("no Connect message arrived")

// fakeRun is the fake DocuSign started in-process, the Connect listener it
// delivers to, and the signer it plays.
type fakeRun struct {
	p        *printer
	srv      *docusigntest.Server
	listener *connectListener
	timeout  time.Duration
}

// fakeBackend starts the fake and the listener. The fake trusts the
// listener's certificate; the listener verifies with the fake's HMAC keys.
func fakeBackend(cfg config, p *printer) (*backend, error) {
	l := newConnectListener(cfg.logger)
	opts := []docusigntest.Option{docusigntest.WithConnectRootCAs(l.certPool())}
	if cfg.logger != nil {
		opts = append(opts, docusigntest.WithLogger(cfg.logger))
	}
	srv, err := docusigntest.Start(append(opts, cfg.fakeOptions...)...)
	if err != nil {
		l.close()
		return nil, fmt.Errorf("starting the fake DocuSign: %w", err)
	}
	creds := srv.Credentials()
	v, err := webhook.NewVerifier(creds.HMACKeys...)
	if err != nil {
		srv.Close()
		l.close()
		return nil, fmt.Errorf("the fake's HMAC keys: %w", err)
	}
	hopts := []webhook.HandlerOption{webhook.WithQuarantine(
		func(_ context.Context, _ []byte, err error) {
			p.note("Connect sent a signed message that cannot be read (%v); set aside.", err)
		})}
	if cfg.logger != nil {
		hopts = append(hopts, webhook.WithLogger(cfg.logger))
	}
	l.mount(v, hopts...)
	if cfg.onFake != nil {
		cfg.onFake(srv)
	}
	p.say("No DOCUSIGN_* variables are set: this runs against a fake DocuSign started in "+
		"this process, at %s.", srv.URL())
	p.say("Nothing leaves this machine. To use DocuSign instead: go doc ./examples/contract")

	f := &fakeRun{p: p, srv: srv, listener: l, timeout: cfg.stepTimeout}
	return &backend{
		env:        srv.Environment(),
		httpClient: srv.Client(),
		jwt: auth.JWTConfig{IntegrationKey: creds.IntegrationKey, UserID: creds.UserID,
			PrivateKey: creds.PrivateKeyPEM, Environment: srv.Environment(),
			HTTPClient: srv.Client()},
		notify: envelope.NewEventNotification(l.url),
		watch: func() {
			p.step("Listening for Connect at %s; each message's HMAC signature is "+
				"verified before it is read.", l.url)
		},
		follow: f.follow,
		finish: f.finish,
		close: func() {
			srv.Close()
			l.close()
		},
	}, nil
}

// follow plays the signer, who opens the envelope then signs it, and shows
// each status change as Connect reports it.
func (f *fakeRun) follow(ctx context.Context, s sent) (envelope.Status, error) {
	b := &board{p: f.p}
	id, who := s.summary.EnvelopeID, s.signer
	steps := []struct {
		say  string
		act  func(envelopeID, recipientID string) error
		want envelope.Status
	}{
		{"", nil, envelope.StatusSent},
		{who.Name + " opens the envelope (the fake plays the signer, who would " +
			"click the link in DocuSign's email).", f.srv.Open, envelope.StatusDelivered},
		{who.Name + " signs.", f.srv.Sign, envelope.StatusCompleted},
	}
	for _, st := range steps {
		if st.act != nil {
			f.p.step("%s", st.say)
			if err := st.act(id, who.RecipientID); err != nil {
				return b.shown.Status, fmt.Errorf("playing the signer: %w", err)
			}
		}
		if err := f.await(ctx, b, id, st.want); err != nil {
			return b.shown.Status, err
		}
		if b.shown.Status.IsFinal() {
			break
		}
	}
	return b.shown.Status, nil
}

// await shows the Connect messages about envelope id until one says it is
// in status want (or in a final status), or the step's timeout passes.
func (f *fakeRun) await(ctx context.Context, b *board, id string, want envelope.Status) error {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	for b.shown.Status != want && !b.shown.Status.IsFinal() {
		select {
		case ev := <-f.listener.events:
			if ev.envelopeID == id {
				b.apply(connectReport(ev))
			}
		case <-ctx.Done():
			return fmt.Errorf("%w within %v saying the envelope is %s: %w",
				errNoConnectMessage, f.timeout, want, ctx.Err())
		}
	}
	return nil
}

// connectReport turns a Connect event into a line for the board.
func connectReport(ev connectEvent) report {
	r := report{source: "Connect " + string(ev.kind) + " (HMAC verified)",
		update: ev.update, hasStatus: ev.hasStatus}
	if ev.retry > 0 {
		r.source += fmt.Sprintf(", redelivery %d", ev.retry)
	}
	switch ev.kind {
	case webhook.EventRecipientCompleted:
		r.detail = orDefault(ev.recipient, "a recipient") + " signed"
	case webhook.EventRecipientDeclined:
		r.detail = orDefault(ev.recipient, "a recipient") + " declined"
	}
	return r
}

// finish waits until the fake has delivered every Connect message, and
// says how the listener answered them.
func (f *fakeRun) finish(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	if err := f.srv.WaitForDeliveries(ctx); err != nil {
		return fmt.Errorf("%w: %w", errNoConnectMessage, err)
	}
	ok, refused := f.listener.accepted.Load(), f.listener.refused.Load()
	if refused > 0 {
		return fmt.Errorf("the listener refused %d of %d Connect messages: their HMAC "+
			"signature did not verify", refused, ok+refused)
	}
	f.p.step("Connect delivered %d messages; each one's HMAC signature was verified "+
		"before it was read.", ok)
	return nil
}
