package envelope

import (
	"context"
	"net/http"

	"github.com/google/go-querystring/query"
)

// The parts of an envelope that GetOptions.Include and ListOptions.Include
// can add.
const (
	IncludeRecipients   = "recipients"
	IncludeDocuments    = "documents"
	IncludeCustomFields = "custom_fields"
	IncludeTabs         = "tabs"
	IncludeAttachments  = "attachments"
	IncludeExtensions   = "extensions"
	IncludeFolders      = "folders"
	IncludePowerForm    = "powerform"
	IncludePaymentTabs  = "payment_tabs"
	IncludeWorkflow     = "workflow"
)

// GetOptions adds parts to the envelope Get returns.
type GetOptions struct {
	// Include lists parts such as IncludeRecipients, IncludeDocuments and
	// IncludeCustomFields.
	Include []string `url:"include,omitempty,comma"`
	// IncludeAnchorTabLocations reports where anchor tabs were placed.
	IncludeAnchorTabLocations bool `url:"include_anchor_tab_locations,omitempty"`
}

// Get returns an envelope's status and details; opts may be nil. DocuSign
// limits how often one envelope may be polled (about once every 15
// minutes); Connect (package webhook) reports changes as they happen.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopes/get/
func (s *Service) Get(ctx context.Context, id string, opts *GetOptions) (*Envelope, error) {
	if err := s.check(id); err != nil {
		return nil, err
	}
	path, err := withQuery(envelopePath(id), opts)
	if err != nil {
		return nil, err
	}

	var env Envelope
	if _, err := s.client.Do(ctx, http.MethodGet, path, nil, &env); err != nil {
		return nil, err
	}
	return &env, nil
}

// RecipientsOptions adds details to the recipients Recipients returns.
type RecipientsOptions struct {
	// IncludeTabs adds each recipient's tabs, with the values entered.
	IncludeTabs     bool `url:"include_tabs,omitempty"`
	IncludeExtended bool `url:"include_extended,omitempty"`
}

// Recipients returns an envelope's recipients with their statuses; opts
// may be nil.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/enveloperecipients/list/
func (s *Service) Recipients(ctx context.Context, id string, opts *RecipientsOptions) (*Recipients, error) {
	if err := s.check(id); err != nil {
		return nil, err
	}
	path, err := withQuery(envelopePath(id, "recipients"), opts)
	if err != nil {
		return nil, err
	}

	var rs Recipients
	if _, err := s.client.Do(ctx, http.MethodGet, path, nil, &rs); err != nil {
		return nil, err
	}
	return &rs, nil
}

// Documents lists an envelope's documents, the certificate of completion
// included (DocumentID "certificate").
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopedocuments/list/
func (s *Service) Documents(ctx context.Context, id string) ([]EnvelopeDocument, error) {
	if err := s.check(id); err != nil {
		return nil, err
	}
	path := envelopePath(id, "documents")

	var res envelopeDocuments
	if _, err := s.client.Do(ctx, http.MethodGet, path, nil, &res); err != nil {
		return nil, err
	}
	return res.EnvelopeDocuments, nil
}

// envelopeDocuments is the answer of Documents.
type envelopeDocuments struct {
	EnvelopeID        string             `json:"envelopeId,omitempty"`
	EnvelopeDocuments []EnvelopeDocument `json:"envelopeDocuments,omitempty"`
}

// withQuery appends opts, encoded with go-querystring, to path; a nil opts
// adds nothing.
func withQuery(path string, opts any) (string, error) {
	q, err := query.Values(opts)
	if err != nil || len(q) == 0 {
		return path, err
	}
	return path + "?" + q.Encode(), nil
}
