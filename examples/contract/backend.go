package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// backend is the DocuSign a run talks to: the in-process fake, or DocuSign
// itself. The steps of the flow are the same for both; what differs is
// where the credentials come from and how the status is followed.
type backend struct {
	env        docusign.Environment
	httpClient *http.Client
	jwt        auth.JWTConfig
	// notify asks for Connect messages; nil when the status is polled.
	notify *envelope.EventNotification
	// watch says how the status will be followed, before the send.
	watch func()
	// follow follows the sent envelope until it is final, and returns the
	// last status shown.
	follow func(ctx context.Context, s sent) (envelope.Status, error)
	// finish runs after the download; close always runs.
	finish func(ctx context.Context) error
	close  func()
}

// sent is an envelope just sent, and the service that sent it.
type sent struct {
	svc     *envelope.Service
	summary envelope.Summary
	signer  envelope.Signer
}

// liveBackend is DocuSign demo or production, from the DOCUSIGN_*
// variables, with the status polled at DocuSign's pace.
func liveBackend(cfg config, p *printer) (*backend, error) {
	key, err := os.ReadFile(cfg.privateKeyFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w; set it to the file holding the integration key's "+
			"RSA private key", envPrivateKeyFile, err)
	}
	p.say("Using DocuSign %s (%s) with integration key %s, acting for user %s.",
		cfg.envName, cfg.environment.AuthServer, cfg.integrationKey, cfg.userID)
	pl := poller{p: p, every: cfg.poll, wait: cfg.wait}
	return &backend{
		env:        cfg.environment,
		httpClient: cfg.httpClient,
		jwt: auth.JWTConfig{IntegrationKey: cfg.integrationKey, UserID: cfg.userID,
			PrivateKey: key, Environment: cfg.environment, HTTPClient: cfg.httpClient,
			ConsentRedirectURL: cfg.consentRedirect},
		watch: func() {
			p.step("DocuSign cannot reach a listener on this machine, so the status "+
				"will be checked every %v.", cfg.poll)
			p.note("That is DocuSign's pace: it asks not to poll an envelope more often " +
				"than once every 15 minutes.")
		},
		follow: pl.follow,
		finish: func(context.Context) error { return nil },
		close:  func() {},
	}, nil
}
