package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// poller follows an envelope on DocuSign by asking for its status once
// every interval, which is never shorter than minPoll (checkFlags sees to
// that). A host with a public HTTPS endpoint would use Connect instead,
// as the run against the fake does.
type poller struct {
	p     *printer
	every time.Duration
	wait  waiter
}

// follow shows the status of the send's answer, then checks again at the
// poller's pace until the status is final.
func (pl poller) follow(ctx context.Context, s sent) (envelope.Status, error) {
	b := &board{p: pl.p}
	b.apply(report{source: "DocuSign's answer to the send", hasStatus: true,
		update: envelope.StatusUpdate{Status: s.summary.Status, At: s.summary.StatusDateTime}})
	pl.p.note("DocuSign has emailed %s <%s>; the envelope moves on when they sign.",
		s.signer.Name, s.signer.Email)
	for !b.shown.Status.IsFinal() {
		next := time.Now().Add(pl.every)
		pl.p.note("Next status check at %s (Ctrl-C stops this program, not the envelope).",
			next.Format("15:04"))
		if err := pl.wait(ctx, pl.every); err != nil {
			return b.shown.Status, fmt.Errorf("stopped waiting for the signature: %w", err)
		}
		env, err := lookup(ctx, s.svc, s.summary.EnvelopeID)
		if errors.Is(err, docusign.ErrRateLimited) {
			pl.p.note("DocuSign's API quota is used up for now (%v); trying again later.", err)
			continue
		}
		if err != nil {
			return b.shown.Status, fmt.Errorf("checking the envelope's status: %w", err)
		}
		b.apply(report{source: "Status check at " + time.Now().Format("15:04"),
			update: env.StatusUpdate(), hasStatus: true})
	}
	return b.shown.Status, nil
}

// lookup asks DocuSign for one envelope's status with ListStatusChanges
// (envelope_ids), the listing DocuSign meant for status checks.
func lookup(ctx context.Context, svc *envelope.Service, id string) (envelope.Envelope, error) {
	opts := envelope.ListOptions{EnvelopeIDs: []string{id}}
	for env, err := range svc.ListStatusChanges(ctx, opts) {
		if err != nil {
			return envelope.Envelope{}, err
		}
		if env.EnvelopeID == id {
			return env, nil
		}
	}
	return envelope.Envelope{}, fmt.Errorf("DocuSign lists no envelope %s", id)
}
