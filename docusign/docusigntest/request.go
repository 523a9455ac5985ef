package docusigntest

import "encoding/json"

// The fake's own reading of DocuSign's request bodies. checkStrict has
// already refused unknown properties; these types keep what the fake acts
// on and ignore the rest.

type envelopeDefinitionIn struct {
	EmailSubject       flex                  `json:"emailSubject"`
	EmailBlurb         flex                  `json:"emailBlurb"`
	Status             flex                  `json:"status"`
	TransactionID      flex                  `json:"transactionId"`
	Documents          []documentIn          `json:"documents"`
	Recipients         *recipientsIn         `json:"recipients"`
	CustomFields       *customFieldsIn       `json:"customFields"`
	EventNotification  *eventNotificationIn  `json:"eventNotification"`
	EventNotifications []eventNotificationIn `json:"eventNotifications"`
	TemplateID         flex                  `json:"templateId"`
	CompositeTemplates json.RawMessage       `json:"compositeTemplates"`
	TemplateRoles      json.RawMessage       `json:"templateRoles"`
}

type documentIn struct {
	DocumentID     flex  `json:"documentId"`
	Name           flex  `json:"name"`
	FileExtension  flex  `json:"fileExtension"`
	Order          flex  `json:"order"`
	DocumentBase64 *flex `json:"documentBase64"`
	RemoteURL      flex  `json:"remoteUrl"`
}

type recipientsIn struct {
	Signers      []recipientIn `json:"signers"`
	CarbonCopies []recipientIn `json:"carbonCopies"`
	// Recipient types the fake does not route; their presence is refused
	// with a clear message rather than ignored.
	Agents              json.RawMessage `json:"agents"`
	Editors             json.RawMessage `json:"editors"`
	Intermediaries      json.RawMessage `json:"intermediaries"`
	CertifiedDeliveries json.RawMessage `json:"certifiedDeliveries"`
	InPersonSigners     json.RawMessage `json:"inPersonSigners"`
	Seals               json.RawMessage `json:"seals"`
	Witnesses           json.RawMessage `json:"witnesses"`
	Notaries            json.RawMessage `json:"notaries"`
}

type recipientIn struct {
	RecipientID  flex            `json:"recipientId"`
	Name         flex            `json:"name"`
	Email        flex            `json:"email"`
	ClientUserID flex            `json:"clientUserId"`
	RoutingOrder flex            `json:"routingOrder"`
	Note         flex            `json:"note"`
	Tabs         json.RawMessage `json:"tabs"`
}

// tabRefs reads only where tabs point, to check their documents.
type tabRefs map[string][]struct {
	DocumentID flex `json:"documentId"`
}

type customFieldsIn struct {
	TextCustomFields []customFieldIn `json:"textCustomFields"`
	ListCustomFields []customFieldIn `json:"listCustomFields"`
}

type customFieldIn struct {
	FieldID   flex     `json:"fieldId"`
	Name      flex     `json:"name"`
	Value     flex     `json:"value"`
	Show      flex     `json:"show"`
	Required  flex     `json:"required"`
	ListItems []string `json:"listItems"`
}

type eventNotificationIn struct {
	URL                   flex              `json:"url"`
	DeliveryMode          flex              `json:"deliveryMode"`
	Events                []string          `json:"events"`
	EventData             *eventDataIn      `json:"eventData"`
	EnvelopeEvents        []envelopeEventIn `json:"envelopeEvents"`
	RecipientEvents       []recipientEvtIn  `json:"recipientEvents"`
	IncludeHMAC           flex              `json:"includeHMAC"`
	IncludeDocuments      flex              `json:"includeDocuments"`
	RequireAcknowledgment flex              `json:"requireAcknowledgment"`
}

type eventDataIn struct {
	Version     flex     `json:"version"`
	Format      flex     `json:"format"`
	IncludeData []string `json:"includeData"`
}

type envelopeEventIn struct {
	EnvelopeEventStatusCode flex `json:"envelopeEventStatusCode"`
	IncludeDocuments        flex `json:"includeDocuments"`
}

type recipientEvtIn struct {
	RecipientEventStatusCode flex `json:"recipientEventStatusCode"`
	IncludeDocuments         flex `json:"includeDocuments"`
}

// envelopeUpdateIn is the part of a PUT envelope body the fake acts on.
type envelopeUpdateIn struct {
	Status       flex  `json:"status"`
	VoidedReason flex  `json:"voidedReason"`
	EmailSubject *flex `json:"emailSubject"`
	EmailBlurb   *flex `json:"emailBlurb"`
}

type recipientViewIn struct {
	ReturnURL            flex `json:"returnUrl"`
	AuthenticationMethod flex `json:"authenticationMethod"`
	Email                flex `json:"email"`
	UserName             flex `json:"userName"`
	ClientUserID         flex `json:"clientUserId"`
	RecipientID          flex `json:"recipientId"`
	UserID               flex `json:"userId"`
}

type returnURLIn struct {
	ReturnURL flex `json:"returnUrl"`
}
