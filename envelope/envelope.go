package envelope

import "time"

// Envelope is an envelope as DocuSign reports it: the answer to Get, an
// entry of ListStatusChanges, and the envelopeSummary of a Connect message.
// Recipients, EnvelopeDocuments and CustomFields are filled only when the
// request asked for them (GetOptions.Include, or the Connect
// configuration's includeData).
type Envelope struct {
	EnvelopeID    string `json:"envelopeId,omitempty"`
	Status        Status `json:"status,omitempty"`
	EmailSubject  string `json:"emailSubject,omitempty"`
	EmailBlurb    string `json:"emailBlurb,omitempty"`
	TransactionID string `json:"transactionId,omitempty"`
	BrandID       string `json:"brandId,omitempty"`

	CreatedDateTime       time.Time `json:"createdDateTime,omitempty"`
	InitialSentDateTime   time.Time `json:"initialSentDateTime,omitempty"`
	SentDateTime          time.Time `json:"sentDateTime,omitempty"`
	DeliveredDateTime     time.Time `json:"deliveredDateTime,omitempty"`
	CompletedDateTime     time.Time `json:"completedDateTime,omitempty"`
	DeclinedDateTime      time.Time `json:"declinedDateTime,omitempty"`
	VoidedDateTime        time.Time `json:"voidedDateTime,omitempty"`
	DeletedDateTime       time.Time `json:"deletedDateTime,omitempty"`
	StatusChangedDateTime time.Time `json:"statusChangedDateTime,omitempty"`
	LastModifiedDateTime  time.Time `json:"lastModifiedDateTime,omitempty"`
	ExpireDateTime        time.Time `json:"expireDateTime,omitempty"`
	// VoidedReason is the sender's reason, set when Status is voided.
	VoidedReason string `json:"voidedReason,omitempty"`
	// ExpireEnabled and ExpireAfter (days after sending) say when an
	// unfinished envelope times out.
	ExpireEnabled bool `json:"expireEnabled,omitempty"`
	ExpireAfter   int  `json:"expireAfter,omitempty"`
	// PurgeState says whether the documents were purged: "unpurged",
	// "documents_queued", "documents_purged", and so on.
	PurgeState string `json:"purgeState,omitempty"`

	Sender            Sender             `json:"sender,omitempty"`
	Recipients        Recipients         `json:"recipients,omitempty"`
	EnvelopeDocuments []EnvelopeDocument `json:"envelopeDocuments,omitempty"`
	CustomFields      CustomFields       `json:"customFields,omitempty"`
	EnvelopeMetadata  EnvelopeMetadata   `json:"envelopeMetadata,omitempty"`

	// SigningLocation is "online" or "in_person".
	SigningLocation             string `json:"signingLocation,omitempty"`
	EnvelopeLocation            string `json:"envelopeLocation,omitempty"`
	AllowMarkup                 bool   `json:"allowMarkup,omitempty"`
	AllowReassign               bool   `json:"allowReassign,omitempty"`
	AllowComments               bool   `json:"allowComments,omitempty"`
	AllowViewHistory            bool   `json:"allowViewHistory,omitempty"`
	EnableWetSign               bool   `json:"enableWetSign,omitempty"`
	AutoNavigation              bool   `json:"autoNavigation,omitempty"`
	EnvelopeIDStamping          bool   `json:"envelopeIdStamping,omitempty"`
	HasComments                 bool   `json:"hasComments,omitempty"`
	HasFormDataChanged          bool   `json:"hasFormDataChanged,omitempty"`
	Is21CFRPart11               bool   `json:"is21CFRPart11,omitempty"`
	IsSignatureProviderEnvelope bool   `json:"isSignatureProviderEnvelope,omitempty"`
	IsDynamicEnvelope           bool   `json:"isDynamicEnvelope,omitempty"`
	SignerCanSignOnMobile       bool   `json:"signerCanSignOnMobile,omitempty"`
	BurnDefaultTabData          bool   `json:"burnDefaultTabData,omitempty"`
	DisableResponsiveDocument   bool   `json:"disableResponsiveDocument,omitempty"`
	// AnySigner is DocuSign's anySigner, often null.
	AnySigner string `json:"anySigner,omitempty"`

	// The URIs are relative to the account ("/envelopes/{id}/documents"); a
	// docusign.Client's Do takes them as they are.
	EnvelopeURI          string `json:"envelopeUri,omitempty"`
	DocumentsURI         string `json:"documentsUri,omitempty"`
	DocumentsCombinedURI string `json:"documentsCombinedUri,omitempty"`
	CertificateURI       string `json:"certificateUri,omitempty"`
	RecipientsURI        string `json:"recipientsUri,omitempty"`
	CustomFieldsURI      string `json:"customFieldsUri,omitempty"`
	NotificationURI      string `json:"notificationUri,omitempty"`
	AttachmentsURI       string `json:"attachmentsUri,omitempty"`
	TemplatesURI         string `json:"templatesUri,omitempty"`
}

// StatusUpdate returns the envelope's status and statusChangedDateTime, the
// pair a host compares with StatusUpdate.Supersedes before storing it.
func (e Envelope) StatusUpdate() StatusUpdate {
	return StatusUpdate{Status: e.Status, At: e.StatusChangedDateTime}
}

// Summary is DocuSign's answer to creating an envelope.
type Summary struct {
	EnvelopeID string `json:"envelopeId,omitempty"`
	// Status is StatusSent or StatusCreated (a draft).
	Status         Status    `json:"status,omitempty"`
	StatusDateTime time.Time `json:"statusDateTime,omitempty"`
	// URI is the envelope's path relative to the account.
	URI string `json:"uri,omitempty"`
}

// Sender is the DocuSign user who sent an envelope.
type Sender struct {
	UserName  string `json:"userName,omitempty"`
	UserID    string `json:"userId,omitempty"`
	AccountID string `json:"accountId,omitempty"`
	Email     string `json:"email,omitempty"`
	IPAddress string `json:"ipAddress,omitempty"`
}

// EnvelopeMetadata says which corrections the sender may still make.
type EnvelopeMetadata struct {
	AllowAdvancedCorrect bool `json:"allowAdvancedCorrect,omitempty"`
	AllowCorrect         bool `json:"allowCorrect,omitempty"`
	EnableSignWithNotary bool `json:"enableSignWithNotary,omitempty"`
}

// EnvelopeDocument is a document as DocuSign lists it in an envelope. The
// certificate of completion appears with DocumentID "certificate" and Type
// "summary".
type EnvelopeDocument struct {
	DocumentID     string `json:"documentId,omitempty"`
	DocumentIDGUID string `json:"documentIdGuid,omitempty"`
	Name           string `json:"name,omitempty"`
	// Type is "content" for the sender's documents, "summary" for the
	// certificate.
	Type string `json:"type,omitempty"`
	URI  string `json:"uri,omitempty"`
	// Order is the document's position in the envelope.
	Order int    `json:"order,omitempty"`
	Pages []Page `json:"pages,omitempty"`
	// Display is "inline", "modal" or "collapsed".
	Display               string `json:"display,omitempty"`
	IncludeInDownload     bool   `json:"includeInDownload,omitempty"`
	SignerMustAcknowledge string `json:"signerMustAcknowledge,omitempty"`
	TemplateRequired      bool   `json:"templateRequired,omitempty"`
	AuthoritativeCopy     bool   `json:"authoritativeCopy,omitempty"`
	SizeBytes             int64  `json:"sizeBytes,omitempty"`
	// PDFBytes is the document itself, base64-encoded, in Connect messages
	// whose configuration includes documents.
	PDFBytes string `json:"PDFBytes,omitempty"`
}

// Page is one page of an envelope's document.
type Page struct {
	PageID   string `json:"pageId,omitempty"`
	Sequence int    `json:"sequence,omitempty"`
	Height   int    `json:"height,omitempty"`
	Width    int    `json:"width,omitempty"`
	DPI      int    `json:"dpi,omitempty"`
}

// ErrorDetails is an error DocuSign reports inside a successful answer,
// such as a recipient it could not add.
type ErrorDetails struct {
	ErrorCode string `json:"errorCode,omitempty"`
	Message   string `json:"message,omitempty"`
}
