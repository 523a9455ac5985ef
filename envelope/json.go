package envelope

// The models encode and decode through marshalModel and unmarshalModel
// (codec.go), which read and write DocuSign's string-typed scalars. Every
// model needs both methods: a model without them would fall back to
// encoding/json's forms and fail on "true" and "1". Types embedded in models
// (Placement, RecipientState) have none, since embedding would promote them
// over the outer type's fields.

// MarshalJSON encodes the Envelope with DocuSign's string-typed scalars.
func (e Envelope) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the Envelope's fields.
func (e *Envelope) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the Summary with DocuSign's string-typed scalars.
func (s Summary) MarshalJSON() ([]byte, error) { return marshalModel(s) }

// UnmarshalJSON decodes every form DocuSign writes for the Summary's fields.
func (s *Summary) UnmarshalJSON(data []byte) error { return unmarshalModel(data, s) }

// MarshalJSON encodes the Sender with DocuSign's string-typed scalars.
func (s Sender) MarshalJSON() ([]byte, error) { return marshalModel(s) }

// UnmarshalJSON decodes every form DocuSign writes for the Sender's fields.
func (s *Sender) UnmarshalJSON(data []byte) error { return unmarshalModel(data, s) }

// MarshalJSON encodes the EnvelopeMetadata with DocuSign's string-typed scalars.
func (e EnvelopeMetadata) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the EnvelopeMetadata's fields.
func (e *EnvelopeMetadata) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the EnvelopeDocument with DocuSign's string-typed scalars.
func (e EnvelopeDocument) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the EnvelopeDocument's fields.
func (e *EnvelopeDocument) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the Page with DocuSign's string-typed scalars.
func (p Page) MarshalJSON() ([]byte, error) { return marshalModel(p) }

// UnmarshalJSON decodes every form DocuSign writes for the Page's fields.
func (p *Page) UnmarshalJSON(data []byte) error { return unmarshalModel(data, p) }

// MarshalJSON encodes the ErrorDetails with DocuSign's string-typed scalars.
func (e ErrorDetails) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the ErrorDetails's fields.
func (e *ErrorDetails) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the Recipients with DocuSign's string-typed scalars.
func (r Recipients) MarshalJSON() ([]byte, error) { return marshalModel(r) }

// UnmarshalJSON decodes every form DocuSign writes for the Recipients's fields.
func (r *Recipients) UnmarshalJSON(data []byte) error { return unmarshalModel(data, r) }

// MarshalJSON encodes the Signer with DocuSign's string-typed scalars.
func (s Signer) MarshalJSON() ([]byte, error) { return marshalModel(s) }

// UnmarshalJSON decodes every form DocuSign writes for the Signer's fields.
func (s *Signer) UnmarshalJSON(data []byte) error { return unmarshalModel(data, s) }

// MarshalJSON encodes the CarbonCopy with DocuSign's string-typed scalars.
func (c CarbonCopy) MarshalJSON() ([]byte, error) { return marshalModel(c) }

// UnmarshalJSON decodes every form DocuSign writes for the CarbonCopy's fields.
func (c *CarbonCopy) UnmarshalJSON(data []byte) error { return unmarshalModel(data, c) }

// MarshalJSON encodes the CertifiedDelivery with DocuSign's string-typed scalars.
func (c CertifiedDelivery) MarshalJSON() ([]byte, error) { return marshalModel(c) }

// UnmarshalJSON decodes every form DocuSign writes for the CertifiedDelivery's fields.
func (c *CertifiedDelivery) UnmarshalJSON(data []byte) error { return unmarshalModel(data, c) }

// MarshalJSON encodes the InPersonSigner with DocuSign's string-typed scalars.
func (i InPersonSigner) MarshalJSON() ([]byte, error) { return marshalModel(i) }

// UnmarshalJSON decodes every form DocuSign writes for the InPersonSigner's fields.
func (i *InPersonSigner) UnmarshalJSON(data []byte) error { return unmarshalModel(data, i) }

// MarshalJSON encodes the Tabs with DocuSign's string-typed scalars.
func (t Tabs) MarshalJSON() ([]byte, error) { return marshalModel(t) }

// UnmarshalJSON decodes every form DocuSign writes for the Tabs's fields.
func (t *Tabs) UnmarshalJSON(data []byte) error { return unmarshalModel(data, t) }

// MarshalJSON encodes the SignHere with DocuSign's string-typed scalars.
func (s SignHere) MarshalJSON() ([]byte, error) { return marshalModel(s) }

// UnmarshalJSON decodes every form DocuSign writes for the SignHere's fields.
func (s *SignHere) UnmarshalJSON(data []byte) error { return unmarshalModel(data, s) }

// MarshalJSON encodes the InitialHere with DocuSign's string-typed scalars.
func (i InitialHere) MarshalJSON() ([]byte, error) { return marshalModel(i) }

// UnmarshalJSON decodes every form DocuSign writes for the InitialHere's fields.
func (i *InitialHere) UnmarshalJSON(data []byte) error { return unmarshalModel(data, i) }

// MarshalJSON encodes the DateSigned with DocuSign's string-typed scalars.
func (d DateSigned) MarshalJSON() ([]byte, error) { return marshalModel(d) }

// UnmarshalJSON decodes every form DocuSign writes for the DateSigned's fields.
func (d *DateSigned) UnmarshalJSON(data []byte) error { return unmarshalModel(data, d) }

// MarshalJSON encodes the FullName with DocuSign's string-typed scalars.
func (f FullName) MarshalJSON() ([]byte, error) { return marshalModel(f) }

// UnmarshalJSON decodes every form DocuSign writes for the FullName's fields.
func (f *FullName) UnmarshalJSON(data []byte) error { return unmarshalModel(data, f) }

// MarshalJSON encodes the Text with DocuSign's string-typed scalars.
func (t Text) MarshalJSON() ([]byte, error) { return marshalModel(t) }

// UnmarshalJSON decodes every form DocuSign writes for the Text's fields.
func (t *Text) UnmarshalJSON(data []byte) error { return unmarshalModel(data, t) }

// MarshalJSON encodes the Checkbox with DocuSign's string-typed scalars.
func (c Checkbox) MarshalJSON() ([]byte, error) { return marshalModel(c) }

// UnmarshalJSON decodes every form DocuSign writes for the Checkbox's fields.
func (c *Checkbox) UnmarshalJSON(data []byte) error { return unmarshalModel(data, c) }

// MarshalJSON encodes the Definition with DocuSign's string-typed scalars.
func (d Definition) MarshalJSON() ([]byte, error) { return marshalModel(d) }

// UnmarshalJSON decodes every form DocuSign writes for the Definition's fields.
func (d *Definition) UnmarshalJSON(data []byte) error { return unmarshalModel(data, d) }

// MarshalJSON encodes the Document with DocuSign's string-typed scalars.
func (d Document) MarshalJSON() ([]byte, error) { return marshalModel(d) }

// UnmarshalJSON decodes every form DocuSign writes for the Document's fields.
func (d *Document) UnmarshalJSON(data []byte) error { return unmarshalModel(data, d) }

// MarshalJSON encodes the CustomFields with DocuSign's string-typed scalars.
func (c CustomFields) MarshalJSON() ([]byte, error) { return marshalModel(c) }

// UnmarshalJSON decodes every form DocuSign writes for the CustomFields's fields.
func (c *CustomFields) UnmarshalJSON(data []byte) error { return unmarshalModel(data, c) }

// MarshalJSON encodes the TextCustomField with DocuSign's string-typed scalars.
func (t TextCustomField) MarshalJSON() ([]byte, error) { return marshalModel(t) }

// UnmarshalJSON decodes every form DocuSign writes for the TextCustomField's fields.
func (t *TextCustomField) UnmarshalJSON(data []byte) error { return unmarshalModel(data, t) }

// MarshalJSON encodes the ListCustomField with DocuSign's string-typed scalars.
func (l ListCustomField) MarshalJSON() ([]byte, error) { return marshalModel(l) }

// UnmarshalJSON decodes every form DocuSign writes for the ListCustomField's fields.
func (l *ListCustomField) UnmarshalJSON(data []byte) error { return unmarshalModel(data, l) }

// MarshalJSON encodes the TemplateRole with DocuSign's string-typed scalars.
func (t TemplateRole) MarshalJSON() ([]byte, error) { return marshalModel(t) }

// UnmarshalJSON decodes every form DocuSign writes for the TemplateRole's fields.
func (t *TemplateRole) UnmarshalJSON(data []byte) error { return unmarshalModel(data, t) }

// MarshalJSON encodes the Notification with DocuSign's string-typed scalars.
func (n Notification) MarshalJSON() ([]byte, error) { return marshalModel(n) }

// UnmarshalJSON decodes every form DocuSign writes for the Notification's fields.
func (n *Notification) UnmarshalJSON(data []byte) error { return unmarshalModel(data, n) }

// MarshalJSON encodes the Reminders with DocuSign's string-typed scalars.
func (r Reminders) MarshalJSON() ([]byte, error) { return marshalModel(r) }

// UnmarshalJSON decodes every form DocuSign writes for the Reminders's fields.
func (r *Reminders) UnmarshalJSON(data []byte) error { return unmarshalModel(data, r) }

// MarshalJSON encodes the Expirations with DocuSign's string-typed scalars.
func (e Expirations) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the Expirations's fields.
func (e *Expirations) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the EventNotification with DocuSign's string-typed scalars.
func (e EventNotification) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the EventNotification's fields.
func (e *EventNotification) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the ConnectEventData with DocuSign's string-typed scalars.
func (c ConnectEventData) MarshalJSON() ([]byte, error) { return marshalModel(c) }

// UnmarshalJSON decodes every form DocuSign writes for the ConnectEventData's fields.
func (c *ConnectEventData) UnmarshalJSON(data []byte) error { return unmarshalModel(data, c) }

// MarshalJSON encodes the EnvelopeEvent with DocuSign's string-typed scalars.
func (e EnvelopeEvent) MarshalJSON() ([]byte, error) { return marshalModel(e) }

// UnmarshalJSON decodes every form DocuSign writes for the EnvelopeEvent's fields.
func (e *EnvelopeEvent) UnmarshalJSON(data []byte) error { return unmarshalModel(data, e) }

// MarshalJSON encodes the RecipientEvent with DocuSign's string-typed scalars.
func (r RecipientEvent) MarshalJSON() ([]byte, error) { return marshalModel(r) }

// UnmarshalJSON decodes every form DocuSign writes for the RecipientEvent's fields.
func (r *RecipientEvent) UnmarshalJSON(data []byte) error { return unmarshalModel(data, r) }

// MarshalJSON encodes the page with DocuSign's string-typed scalars.
func (p envelopesInformation) MarshalJSON() ([]byte, error) { return marshalModel(p) }

// UnmarshalJSON decodes every form DocuSign writes for the page's fields.
func (p *envelopesInformation) UnmarshalJSON(data []byte) error { return unmarshalModel(data, p) }

// MarshalJSON encodes the document list with DocuSign's string-typed scalars.
func (d envelopeDocuments) MarshalJSON() ([]byte, error) { return marshalModel(d) }

// UnmarshalJSON decodes every form DocuSign writes for the document list's fields.
func (d *envelopeDocuments) UnmarshalJSON(data []byte) error { return unmarshalModel(data, d) }

// MarshalJSON encodes the RecipientViewRequest with DocuSign's string-typed scalars.
func (r RecipientViewRequest) MarshalJSON() ([]byte, error) { return marshalModel(r) }

// UnmarshalJSON decodes every form DocuSign writes for the RecipientViewRequest's fields.
func (r *RecipientViewRequest) UnmarshalJSON(data []byte) error { return unmarshalModel(data, r) }

// MarshalJSON encodes the request with DocuSign's string-typed scalars.
func (r returnURLRequest) MarshalJSON() ([]byte, error) { return marshalModel(r) }

// UnmarshalJSON decodes every form DocuSign writes for the request's fields.
func (r *returnURLRequest) UnmarshalJSON(data []byte) error { return unmarshalModel(data, r) }

// MarshalJSON encodes the answer with DocuSign's string-typed scalars.
func (v viewURL) MarshalJSON() ([]byte, error) { return marshalModel(v) }

// UnmarshalJSON decodes every form DocuSign writes for the answer's fields.
func (v *viewURL) UnmarshalJSON(data []byte) error { return unmarshalModel(data, v) }
