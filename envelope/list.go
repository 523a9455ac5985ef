package envelope

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"time"

	"github.com/google/go-querystring/query"
)

// ListOptions selects the envelopes ListStatusChanges returns. FromDate is
// required unless EnvelopeIDs or TransactionIDs is given.
type ListOptions struct {
	// FromDate and ToDate bound when the envelopes changed (or, with
	// FromToStatus, reached that status). ToDate defaults to now.
	FromDate time.Time `url:"from_date,omitempty"`
	ToDate   time.Time `url:"to_date,omitempty"`
	// FromToStatus is the status the dates refer to: "changed" (DocuSign's
	// default), "created", "sent", "completed", ...
	FromToStatus string `url:"from_to_status,omitempty"`
	// Status keeps the envelopes whose current status is one of these.
	Status         []Status `url:"status,omitempty,comma"`
	EnvelopeIDs    []string `url:"envelope_ids,omitempty,comma"`
	TransactionIDs []string `url:"transaction_ids,omitempty,comma"`
	// CustomField keeps the envelopes with a custom field of this value,
	// written name=value, such as "contractId=C-2025-14".
	CustomField string `url:"custom_field,omitempty"`
	// Include adds parts of each envelope: "recipients", "custom_fields",
	// "documents", ...
	Include    []string `url:"include,omitempty,comma"`
	SearchText string   `url:"search_text,omitempty"`
	// Order is "asc" or "desc"; OrderBy is "last_modified", "created",
	// "status_changed", ...
	Order   string `url:"order,omitempty"`
	OrderBy string `url:"order_by,omitempty"`
	// Count is the page size; DocuSign's default applies when zero.
	Count int `url:"count,omitempty"`
	// StartPosition skips the first envelopes of the result.
	StartPosition int `url:"start_position,omitempty"`
}

// ListStatusChanges returns every envelope matching opts, page after page,
// as an iterator; a failed page ends it with the error. DocuSign asks
// hosts not to poll an envelope more than once every 15 minutes; Connect
// (package webhook) reports changes as they happen.
//
//	since := time.Now().Add(-24 * time.Hour)
//	for env, err := range envelopes.ListStatusChanges(ctx, envelope.ListOptions{FromDate: since}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(env.EnvelopeID, env.Status)
//	}
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopes/liststatuschanges/
func (s *Service) ListStatusChanges(ctx context.Context, opts ListOptions) iter.Seq2[Envelope, error] {
	return func(yield func(Envelope, error) bool) {
		path, err := s.listPath(opts)
		if err != nil {
			yield(Envelope{}, err)
			return
		}
		// fetched holds every page asked for, so that an answer pointing
		// back at an earlier page ends the walk instead of looping.
		fetched := map[string]bool{}
		for path != "" && !fetched[path] {
			fetched[path] = true
			page := envelopesInformation{EndPosition: noPosition}
			if _, err := s.client.Do(ctx, http.MethodGet, path, nil, &page); err != nil {
				yield(Envelope{}, err)
				return
			}
			for _, env := range page.Envelopes {
				if !yield(env, nil) {
					return
				}
			}
			path = page.next(opts)
		}
	}
}

func (s *Service) listPath(opts ListOptions) (string, error) {
	if s == nil || s.client == nil {
		return "", errNoClient
	}
	if opts.FromDate.IsZero() && len(opts.EnvelopeIDs) == 0 && len(opts.TransactionIDs) == 0 {
		return "", errors.New("envelope: ListStatusChanges needs ListOptions.FromDate, " +
			"EnvelopeIDs or TransactionIDs")
	}
	q, err := query.Values(opts)
	if err != nil {
		return "", err
	}
	return "/envelopes?" + q.Encode(), nil
}

// envelopesInformation is one page of ListStatusChanges. Positions count
// from 0 and endPosition is the position of the page's last envelope.
type envelopesInformation struct {
	Envelopes     []Envelope `json:"envelopes,omitempty"`
	ResultSetSize int        `json:"resultSetSize,omitempty"`
	TotalSetSize  int        `json:"totalSetSize,omitempty"`
	StartPosition int        `json:"startPosition,omitempty"`
	EndPosition   int        `json:"endPosition,omitempty"`
	NextURI       string     `json:"nextUri,omitempty"`
}

// noPosition marks an endPosition the page did not give. A page is decoded
// over one whose EndPosition is noPosition; the codec leaves a number that
// is absent, null or "" as it was, so absent and 0 (one envelope at the
// start) stay apart.
const noPosition = -1

// next returns the path of the page after this one, or "" when this is the
// last. DocuSign's nextUri is followed when it gives one; otherwise the
// next page starts after the last envelope of this one (after endPosition,
// or after startPosition plus the envelopes received when endPosition is
// missing or before startPosition) while totalSetSize says there are more.
// An empty page ends the walk, and so does a page already fetched (see
// ListStatusChanges), so a confused answer cannot loop forever.
func (p *envelopesInformation) next(opts ListOptions) string {
	following := p.EndPosition + 1
	if p.EndPosition < p.StartPosition {
		following = p.StartPosition + len(p.Envelopes)
	}
	switch {
	case len(p.Envelopes) == 0:
		return ""
	case p.NextURI != "":
		return relative(p.NextURI)
	case following < p.TotalSetSize:
		opts.StartPosition = following
		q, _ := query.Values(opts) // listPath encoded opts without error
		return "/envelopes?" + q.Encode()
	}
	return ""
}

// relative turns an absolute nextUri into its path and query, which Do
// takes.
func relative(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return uri
	}
	return u.RequestURI()
}
