package envelope

import "time"

// Recipients are an envelope's recipients by kind. In a Definition, give
// each one a RecipientID unique across all kinds ("1", "2", ...); lower
// RoutingOrder values are asked first, equal ones in parallel.
type Recipients struct {
	Signers             []Signer            `json:"signers,omitempty"`
	CarbonCopies        []CarbonCopy        `json:"carbonCopies,omitempty"`
	CertifiedDeliveries []CertifiedDelivery `json:"certifiedDeliveries,omitempty"`
	InPersonSigners     []InPersonSigner    `json:"inPersonSigners,omitempty"`

	// RecipientCount and CurrentRoutingOrder are reported by DocuSign.
	RecipientCount      int          `json:"recipientCount,omitempty"`
	CurrentRoutingOrder int          `json:"currentRoutingOrder,omitempty"`
	ErrorDetails        ErrorDetails `json:"errorDetails,omitempty"`
}

// Signer is a recipient who signs. DocuSign emails a signer an invitation,
// unless ClientUserID is set: the signer is then embedded, receives no
// email, and signs in the host's application through RecipientView.
type Signer struct {
	RecipientID  string `json:"recipientId,omitempty"`
	Name         string `json:"name,omitempty"`
	Email        string `json:"email,omitempty"`
	RoutingOrder int    `json:"routingOrder,omitempty"`
	// Note is a private message to this signer, shown in the email and on
	// the signing page (at most 1000 characters).
	Note string `json:"note,omitempty"`
	// ClientUserID makes the signer embedded; RecipientView must be called
	// with the same value.
	ClientUserID string `json:"clientUserId,omitempty"`
	// RoleName binds the signer to a template's role.
	RoleName string `json:"roleName,omitempty"`
	// AccessCode is a code the signer must enter before signing; DocuSign
	// never shows it in its email, so the host gives it to the signer.
	AccessCode AccessCode `json:"accessCode,omitempty"`
	// DeliveryMethod is "email" (the default), "SMS" or "WhatsApp".
	DeliveryMethod string `json:"deliveryMethod,omitempty"`
	// EmbeddedRecipientStartURL, with ClientUserID, sends the signer's
	// email to the host's own page instead of DocuSign's.
	EmbeddedRecipientStartURL string `json:"embeddedRecipientStartURL,omitempty"`
	Tabs                      Tabs   `json:"tabs,omitempty"`

	RequireIDLookup        bool `json:"requireIdLookup,omitempty"`
	CanSignOffline         bool `json:"canSignOffline,omitempty"`
	IsBulkRecipient        bool `json:"isBulkRecipient,omitempty"`
	RequireUploadSignature bool `json:"requireUploadSignature,omitempty"`
	// CreationReason, reported by DocuSign, is "sender", "template", ...
	CreationReason string `json:"creationReason,omitempty"`

	RecipientState
}

// CarbonCopy is a recipient who receives a copy of the envelope once the
// recipients before it in the routing order have finished. It signs
// nothing.
type CarbonCopy struct {
	RecipientID  string     `json:"recipientId,omitempty"`
	Name         string     `json:"name,omitempty"`
	Email        string     `json:"email,omitempty"`
	RoutingOrder int        `json:"routingOrder,omitempty"`
	Note         string     `json:"note,omitempty"`
	ClientUserID string     `json:"clientUserId,omitempty"`
	RoleName     string     `json:"roleName,omitempty"`
	AccessCode   AccessCode `json:"accessCode,omitempty"`

	RecipientState
}

// CertifiedDelivery is a recipient who must open the envelope before it
// moves on in the routing order, without signing. It has the fields of a
// CarbonCopy.
type CertifiedDelivery CarbonCopy

// InPersonSigner is a signer who signs in person, on a device a host (a
// DocuSign user) hands them. HostName and HostEmail name the host;
// SignerName and SignerEmail the person signing.
type InPersonSigner struct {
	RecipientID  string     `json:"recipientId,omitempty"`
	HostName     string     `json:"hostName,omitempty"`
	HostEmail    string     `json:"hostEmail,omitempty"`
	SignerName   string     `json:"signerName,omitempty"`
	SignerEmail  string     `json:"signerEmail,omitempty"`
	RoutingOrder int        `json:"routingOrder,omitempty"`
	Note         string     `json:"note,omitempty"`
	ClientUserID string     `json:"clientUserId,omitempty"`
	RoleName     string     `json:"roleName,omitempty"`
	AccessCode   AccessCode `json:"accessCode,omitempty"`
	Tabs         Tabs       `json:"tabs,omitempty"`

	RecipientState
}

// RecipientState is what DocuSign reports about a recipient's progress.
// It is embedded in each recipient kind, so signer.Status and
// signer.SignedDateTime read as fields of the recipient. Requests leave it
// empty.
type RecipientState struct {
	Status          RecipientStatus `json:"status,omitempty"`
	RecipientIDGUID string          `json:"recipientIdGuid,omitempty"`
	// RecipientType is "signer", "carboncopy", "certifieddelivery", ...
	RecipientType       string       `json:"recipientType,omitempty"`
	UserID              string       `json:"userId,omitempty"`
	SentDateTime        time.Time    `json:"sentDateTime,omitempty"`
	DeliveredDateTime   time.Time    `json:"deliveredDateTime,omitempty"`
	SignedDateTime      time.Time    `json:"signedDateTime,omitempty"`
	DeclinedDateTime    time.Time    `json:"declinedDateTime,omitempty"`
	DeclinedReason      string       `json:"declinedReason,omitempty"`
	AutoRespondedReason string       `json:"autoRespondedReason,omitempty"`
	CompletedCount      int          `json:"completedCount,omitempty"`
	ErrorDetails        ErrorDetails `json:"errorDetails,omitempty"`
}
