package envelope

// EventNotification asks DocuSign to report one envelope's events to a
// Connect listener: what DocuSign calls an eventNotification. Its flags are
// always sent, "false" included, so what a host sets is what DocuSign uses
// whatever the account's defaults.
//
// For JSON messages (what package webhook reads best) set DeliveryMode
// "SIM", EventData {Version "restv2.1", Format "json"} and Events;
// NewEventNotification does. The legacy XML form uses EnvelopeEvents and
// RecipientEvents instead of Events.
type EventNotification struct {
	// URL is the listener; DocuSign requires https with a certificate from
	// a public CA.
	URL string `json:"url"`
	// DeliveryMode is "SIM" (one message per event) or "aggregate".
	DeliveryMode string `json:"deliveryMode,omitempty"`
	// Events names the events to send, such as "envelope-completed" or
	// "recipient-declined".
	Events    []string         `json:"events,omitempty"`
	EventData ConnectEventData `json:"eventData,omitempty"`

	// IncludeHMAC signs each message with the account's Connect HMAC keys
	// (X-DocuSign-Signature-1..N). HMAC must also be enabled on the account.
	IncludeHMAC bool `json:"includeHMAC"`
	// RequireAcknowledgment makes DocuSign retry a message until the
	// listener answers 2xx.
	RequireAcknowledgment bool `json:"requireAcknowledgment"`
	// LoggingEnabled keeps the last deliveries in the account's Connect log.
	LoggingEnabled bool `json:"loggingEnabled"`

	IncludeDocuments                  bool `json:"includeDocuments"`
	IncludeCertificateOfCompletion    bool `json:"includeCertificateOfCompletion"`
	IncludeDocumentFields             bool `json:"includeDocumentFields"`
	IncludeEnvelopeVoidReason         bool `json:"includeEnvelopeVoidReason"`
	IncludeTimeZone                   bool `json:"includeTimeZone"`
	IncludeSenderAccountAsCustomField bool `json:"includeSenderAccountAsCustomField"`
	SignMessageWithX509Cert           bool `json:"signMessageWithX509Cert"`
	IncludeOAuth                      bool `json:"includeOAuth"`
	// IntegratorManaged signs with the integrator's HMAC keys rather than
	// the sending account's.
	IntegratorManaged bool `json:"integratorManaged"`

	// EnvelopeEvents and RecipientEvents select events in the legacy form.
	EnvelopeEvents  []EnvelopeEvent  `json:"envelopeEvents,omitempty"`
	RecipientEvents []RecipientEvent `json:"recipientEvents,omitempty"`
}

// ConnectEventData chooses the form of Connect messages.
type ConnectEventData struct {
	// Version is "restv2.1" for JSON SIM messages.
	Version string `json:"version,omitempty"`
	// Format is "json" or "xml".
	Format string `json:"format,omitempty"`
	// IncludeData adds parts of the envelope to each message:
	// "recipients", "custom_fields", "documents", "tabs", ...
	IncludeData []string `json:"includeData,omitempty"`
}

// EnvelopeEvent selects a legacy envelope event: "Sent", "Delivered",
// "Completed", "Declined", "Voided".
type EnvelopeEvent struct {
	EnvelopeEventStatusCode string `json:"envelopeEventStatusCode"`
	IncludeDocuments        bool   `json:"includeDocuments"`
}

// RecipientEvent selects a legacy recipient event: "Sent", "Delivered",
// "Completed", "Declined", "AuthenticationFailed", "AutoResponded".
type RecipientEvent struct {
	RecipientEventStatusCode string `json:"recipientEventStatusCode"`
	IncludeDocuments         bool   `json:"includeDocuments"`
}

// NewEventNotification returns a notification of events (such as
// "envelope-completed") to url as JSON SIM messages signed with HMAC, with
// acknowledgement required and the recipients and custom fields included,
// so that each message carries what a host needs to update its contract.
// With no events it asks for the envelope's main steps.
func NewEventNotification(url string, events ...string) *EventNotification {
	if len(events) == 0 {
		events = []string{"envelope-sent", "envelope-delivered", "envelope-completed",
			"envelope-declined", "envelope-voided", "recipient-completed",
			"recipient-declined"}
	}
	return &EventNotification{
		URL:          url,
		DeliveryMode: "SIM",
		Events:       events,
		EventData: ConnectEventData{Version: "restv2.1", Format: "json",
			IncludeData: []string{"recipients", "custom_fields"}},
		IncludeHMAC:               true,
		RequireAcknowledgment:     true,
		IncludeEnvelopeVoidReason: true,
	}
}
