package docusigntest

import (
	"encoding/json"
	"strconv"
	"time"
)

// The JSON shapes of DocuSign's answers: every scalar a string, uri values
// relative to the account, timestamps with seven fractional digits.

type envelopeOut struct {
	EnvelopeID            string           `json:"envelopeId"`
	Status                string           `json:"status"`
	EmailSubject          string           `json:"emailSubject"`
	EmailBlurb            string           `json:"emailBlurb,omitempty"`
	TransactionID         string           `json:"transactionId,omitempty"`
	CreatedDateTime       string           `json:"createdDateTime"`
	LastModifiedDateTime  string           `json:"lastModifiedDateTime"`
	InitialSentDateTime   string           `json:"initialSentDateTime,omitempty"`
	SentDateTime          string           `json:"sentDateTime,omitempty"`
	DeliveredDateTime     string           `json:"deliveredDateTime,omitempty"`
	CompletedDateTime     string           `json:"completedDateTime,omitempty"`
	DeclinedDateTime      string           `json:"declinedDateTime,omitempty"`
	VoidedDateTime        string           `json:"voidedDateTime,omitempty"`
	VoidedReason          string           `json:"voidedReason,omitempty"`
	StatusChangedDateTime string           `json:"statusChangedDateTime"`
	ExpireEnabled         string           `json:"expireEnabled"`
	ExpireAfter           string           `json:"expireAfter"`
	ExpireDateTime        string           `json:"expireDateTime,omitempty"`
	DocumentsURI          string           `json:"documentsUri"`
	RecipientsURI         string           `json:"recipientsUri"`
	AttachmentsURI        string           `json:"attachmentsUri"`
	EnvelopeURI           string           `json:"envelopeUri"`
	CustomFieldsURI       string           `json:"customFieldsUri"`
	NotificationURI       string           `json:"notificationUri"`
	DocumentsCombinedURI  string           `json:"documentsCombinedUri"`
	CertificateURI        string           `json:"certificateUri"`
	TemplatesURI          string           `json:"templatesUri"`
	PurgeState            string           `json:"purgeState"`
	SigningLocation       string           `json:"signingLocation"`
	EnvelopeLocation      string           `json:"envelopeLocation"`
	AnySigner             json.RawMessage  `json:"anySigner"`
	AllowMarkup           string           `json:"allowMarkup"`
	AllowReassign         string           `json:"allowReassign"`
	EnableWetSign         string           `json:"enableWetSign"`
	Is21CFRPart11         string           `json:"is21CFRPart11"`
	IsSignatureProvider   string           `json:"isSignatureProviderEnvelope"`
	Sender                senderOut        `json:"sender"`
	Recipients            *recipientsOut   `json:"recipients,omitempty"`
	EnvelopeDocuments     []documentOut    `json:"envelopeDocuments,omitempty"`
	CustomFields          *customFieldsOut `json:"customFields,omitempty"`
}

type senderOut struct {
	UserName  string `json:"userName"`
	UserID    string `json:"userId"`
	AccountID string `json:"accountId"`
	Email     string `json:"email"`
}

type recipientsOut struct {
	Signers             []recipientOut `json:"signers"`
	Agents              []recipientOut `json:"agents"`
	Editors             []recipientOut `json:"editors"`
	Intermediaries      []recipientOut `json:"intermediaries"`
	CarbonCopies        []recipientOut `json:"carbonCopies"`
	CertifiedDeliveries []recipientOut `json:"certifiedDeliveries"`
	InPersonSigners     []recipientOut `json:"inPersonSigners"`
	Seals               []recipientOut `json:"seals"`
	Witnesses           []recipientOut `json:"witnesses"`
	Notaries            []recipientOut `json:"notaries"`
	RecipientCount      string         `json:"recipientCount"`
	CurrentRoutingOrder string         `json:"currentRoutingOrder"`
}

type recipientOut struct {
	CreationReason    string          `json:"creationReason,omitempty"`
	IsBulkRecipient   string          `json:"isBulkRecipient,omitempty"`
	Name              string          `json:"name"`
	Email             string          `json:"email"`
	RecipientID       string          `json:"recipientId"`
	RecipientIDGuid   string          `json:"recipientIdGuid"`
	RequireIDLookup   string          `json:"requireIdLookup"`
	ClientUserID      string          `json:"clientUserId,omitempty"`
	RoutingOrder      string          `json:"routingOrder"`
	Note              string          `json:"note"`
	Status            string          `json:"status"`
	CompletedCount    string          `json:"completedCount"`
	SentDateTime      string          `json:"sentDateTime,omitempty"`
	DeliveredDateTime string          `json:"deliveredDateTime,omitempty"`
	SignedDateTime    string          `json:"signedDateTime,omitempty"`
	DeclinedDateTime  string          `json:"declinedDateTime,omitempty"`
	DeclinedReason    string          `json:"declinedReason,omitempty"`
	DeliveryMethod    string          `json:"deliveryMethod"`
	RecipientType     string          `json:"recipientType"`
	Tabs              json.RawMessage `json:"tabs,omitempty"`
}

type documentOut struct {
	DocumentID            string    `json:"documentId"`
	DocumentIDGuid        string    `json:"documentIdGuid"`
	Name                  string    `json:"name"`
	Type                  string    `json:"type"`
	URI                   string    `json:"uri"`
	Order                 string    `json:"order"`
	Pages                 []pageOut `json:"pages,omitempty"`
	Display               string    `json:"display"`
	IncludeInDownload     string    `json:"includeInDownload"`
	SignerMustAcknowledge string    `json:"signerMustAcknowledge"`
	TemplateRequired      string    `json:"templateRequired"`
	AuthoritativeCopy     string    `json:"authoritativeCopy"`
	SizeBytes             string    `json:"sizeBytes,omitempty"`
	PDFBytes              string    `json:"PDFBytes,omitempty"`
}

type pageOut struct {
	PageID   string `json:"pageId"`
	Sequence string `json:"sequence"`
	Height   string `json:"height"`
	Width    string `json:"width"`
	DPI      string `json:"dpi"`
}

type customFieldsOut struct {
	TextCustomFields []customFieldOut `json:"textCustomFields"`
	ListCustomFields []customFieldOut `json:"listCustomFields"`
}

type customFieldOut struct {
	FieldID   string   `json:"fieldId"`
	Name      string   `json:"name"`
	Show      string   `json:"show"`
	Required  string   `json:"required"`
	Value     string   `json:"value"`
	ListItems []string `json:"listItems,omitempty"`
}

// includes names the optional parts of an envelope's JSON (?include=).
type includes struct{ recipients, documents, customFields bool }

const expireAfterDays = 120

// renderEnvelope renders e with the optional parts inc asks for, its times
// written by ft: formatTime for REST answers, connectTime in Connect.
func (s *Server) renderEnvelope(e *envelope, inc includes, ft timeFormat) envelopeOut {
	uri := "/envelopes/" + e.id
	out := envelopeOut{
		EnvelopeID: e.id, Status: e.status, EmailSubject: e.subject, EmailBlurb: e.blurb,
		TransactionID: e.transactionID, CreatedDateTime: ft(e.created),
		LastModifiedDateTime: ft(e.lastModified), SentDateTime: ft(e.sent),
		InitialSentDateTime: ft(e.sent), DeliveredDateTime: ft(e.delivered),
		CompletedDateTime: ft(e.completed), DeclinedDateTime: ft(e.declined),
		VoidedDateTime: ft(e.voided), VoidedReason: e.voidedReason,
		StatusChangedDateTime: ft(e.statusChanged), ExpireEnabled: "true",
		ExpireAfter: strconv.Itoa(expireAfterDays), DocumentsURI: uri + "/documents",
		RecipientsURI: uri + "/recipients", AttachmentsURI: uri + "/attachments",
		EnvelopeURI: uri, CustomFieldsURI: uri + "/custom_fields",
		NotificationURI: uri + "/notification", TemplatesURI: uri + "/templates",
		DocumentsCombinedURI: uri + "/documents/combined",
		CertificateURI:       uri + "/documents/certificate", PurgeState: "unpurged",
		SigningLocation: "online", EnvelopeLocation: "current_site",
		AnySigner: json.RawMessage("null"), AllowMarkup: "false", AllowReassign: "true",
		EnableWetSign: "true", Is21CFRPart11: "false", IsSignatureProvider: "false",
		Sender: senderOut{UserName: s.cfg.userName, UserID: s.userID, AccountID: e.accountID,
			Email: s.cfg.userEmail},
	}
	if !e.sent.IsZero() {
		out.ExpireDateTime = ft(e.sent.Add(expireAfterDays * 24 * time.Hour))
	}
	if inc.recipients {
		rc := renderRecipients(e, ft)
		out.Recipients = &rc
	}
	if inc.documents {
		out.EnvelopeDocuments = renderDocuments(e, false)
	}
	if inc.customFields {
		out.CustomFields = renderCustomFields(e)
	}
	return out
}

func renderRecipients(e *envelope, ft timeFormat) recipientsOut {
	out := recipientsOut{Signers: []recipientOut{}, Agents: []recipientOut{},
		Editors: []recipientOut{}, Intermediaries: []recipientOut{},
		CarbonCopies: []recipientOut{}, CertifiedDeliveries: []recipientOut{},
		InPersonSigners: []recipientOut{}, Seals: []recipientOut{},
		Witnesses: []recipientOut{}, Notaries: []recipientOut{},
		RecipientCount:      strconv.Itoa(len(e.recipients)),
		CurrentRoutingOrder: strconv.Itoa(max(e.currentOrder(), 1))}
	for _, r := range e.recipients {
		ro := recipientOut{Name: r.name,
			Email: r.email, RecipientID: r.id, RecipientIDGuid: r.guid,
			RequireIDLookup: "false", ClientUserID: r.clientUserID,
			RoutingOrder: strconv.Itoa(r.routingOrder), Note: r.note, Status: r.status,
			CompletedCount: "0", SentDateTime: ft(r.sent),
			DeliveredDateTime: ft(r.delivered), SignedDateTime: ft(r.signed),
			DeclinedDateTime: ft(r.declined), DeclinedReason: r.declineReason,
			DeliveryMethod: "email", RecipientType: r.kind, Tabs: r.tabs}
		if r.status == statusCompleted {
			ro.CompletedCount = "1"
		}
		if r.kind == "signer" {
			// Properties of signers only, not of carbon copies.
			ro.CreationReason, ro.IsBulkRecipient = "sender", "false"
			out.Signers = append(out.Signers, ro)
		} else {
			out.CarbonCopies = append(out.CarbonCopies, ro)
		}
	}
	return out
}

// renderDocuments lists the envelope's documents and its certificate, as
// the documents endpoint and envelopeDocuments do.
func renderDocuments(e *envelope, sizes bool) []documentOut {
	uri := "/envelopes/" + e.id + "/documents/"
	out := []documentOut{}
	for _, d := range e.documents {
		do := documentOut{DocumentID: d.id, DocumentIDGuid: d.guid, Name: d.name,
			Type: "content", URI: uri + d.id, Order: strconv.Itoa(d.order),
			Pages: []pageOut{{PageID: d.guid, Sequence: "1", Height: "792", Width: "612",
				DPI: "72"}},
			Display: "inline", IncludeInDownload: "true",
			SignerMustAcknowledge: "no_interaction", TemplateRequired: "false",
			AuthoritativeCopy: "false"}
		if sizes {
			do.SizeBytes = strconv.FormatInt(d.size, 10)
		}
		out = append(out, do)
	}
	out = append(out, documentOut{DocumentID: "certificate", DocumentIDGuid: e.id,
		Name: "Summary", Type: "summary", URI: uri + "certificate", Order: "999",
		Display: "inline", IncludeInDownload: "true", SignerMustAcknowledge: "no_interaction",
		TemplateRequired: "false", AuthoritativeCopy: "false"})
	return out
}

func renderCustomFields(e *envelope) *customFieldsOut {
	out := &customFieldsOut{TextCustomFields: []customFieldOut{},
		ListCustomFields: []customFieldOut{}}
	conv := func(i int, f customFieldIn) customFieldOut {
		show, req := string(f.Show), string(f.Required)
		if show == "" {
			show = "false"
		}
		if req == "" {
			req = "false"
		}
		return customFieldOut{FieldID: strconv.Itoa(i + 1), Name: string(f.Name), Show: show,
			Required: req, Value: string(f.Value), ListItems: f.ListItems}
	}
	for i, f := range e.textFields {
		out.TextCustomFields = append(out.TextCustomFields, conv(i, f))
	}
	for i, f := range e.listFields {
		out.ListCustomFields = append(out.ListCustomFields, conv(len(e.textFields)+i, f))
	}
	return out
}
