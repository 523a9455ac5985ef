package webhook

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// MaxRepublishBatch is how many envelope IDs Republish sends in one
// request. DocuSign documents no limit; this keeps each request small.
const MaxRepublishBatch = 100

// Reconciler finds the status changes Connect did not deliver and has
// Connect deliver them again. Connect gives up on a message after 10 daily
// retries, and does not retry at all when acknowledgement is off, so a host
// runs a Reconciler now and then (hourly, say; DocuSign asks that an
// envelope's status is not polled more than once every 15 minutes) over the
// window it may have missed.
type Reconciler struct {
	client    *docusign.Client
	envelopes *envelope.Service
}

// NewReconciler returns a Reconciler that calls DocuSign through client.
// The republishing calls need an account administrator's token.
func NewReconciler(client *docusign.Client) (*Reconciler, error) {
	if client == nil {
		return nil, errors.New("webhook: NewReconciler needs a docusign.Client")
	}
	return &Reconciler{client: client, envelopes: envelope.NewService(client)}, nil
}

// Changes returns the envelopes whose status changed since since, with
// their recipients, page after page (envelope.Service.ListStatusChanges). A
// host compares each with what it stored, through the envelope's
// StatusUpdate and Supersedes, and either applies it directly or collects
// its ID for Republish.
func (r *Reconciler) Changes(ctx context.Context, since time.Time) iter.Seq2[envelope.Envelope, error] {
	return r.envelopes.ListStatusChanges(ctx, envelope.ListOptions{
		FromDate: since, FromToStatus: "changed", Include: []string{"recipients"},
	})
}

// RepublishResult is DocuSign's answer for one envelope given to Republish.
type RepublishResult struct {
	EnvelopeID string `json:"envelopeId"`
	// Status and Message are DocuSign's report of the republish request,
	// such as a status meaning it was queued, or an error.
	Status  string `json:"status"`
	Message string `json:"statusMessage"`
}

// Republish asks Connect to send again the latest message of each envelope
// (PUT /connect/envelopes/retry_queue), through the account's Connect
// configurations; the Handler then receives them as usual and drops those
// already delivered. IDs are sent in batches of MaxRepublishBatch. It needs
// an account administrator's token.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/connect/connectevents/retryforenvelopes/
func (r *Reconciler) Republish(ctx context.Context, envelopeIDs ...string) ([]RepublishResult, error) {
	var out []RepublishResult
	for start := 0; start < len(envelopeIDs); start += MaxRepublishBatch {
		batch := envelopeIDs[start:min(start+MaxRepublishBatch, len(envelopeIDs))]
		req := struct {
			EnvelopeIDs []string `json:"envelopeIds"`
		}{batch}
		var resp struct {
			RetryQueue []RepublishResult `json:"retryQueue"`
		}
		if _, err := r.client.Do(ctx, http.MethodPut, "/connect/envelopes/retry_queue",
			req, &resp); err != nil {
			return out, fmt.Errorf("webhook: republishing %d envelopes: %w", len(batch), err)
		}
		out = append(out, resp.RetryQueue...)
	}
	return out, nil
}

// Stale reports whether the host has not caught up with env: typically
// whether env's status supersedes the one the host stored.
//
//	func(env envelope.Envelope) bool {
//		return env.StatusUpdate().Supersedes(stored(env.EnvelopeID))
//	}
type Stale func(env envelope.Envelope) bool

// Reconcile lists the envelopes changed since since and republishes those
// that are stale, returning DocuSign's answer for each.
func (r *Reconciler) Reconcile(ctx context.Context, since time.Time, stale Stale) ([]RepublishResult, error) {
	var ids []string
	for env, err := range r.Changes(ctx, since) {
		if err != nil {
			return nil, fmt.Errorf("webhook: listing the status changes since %s: %w",
				since.Format(time.RFC3339), err)
		}
		if stale(env) {
			ids = append(ids, env.EnvelopeID)
		}
	}
	return r.Republish(ctx, ids...)
}
