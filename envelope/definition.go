package envelope

// Definition is an envelope to create: what DocuSign calls an
// envelopeDefinition. Validate checks it; Service.Create validates and
// sends it.
//
// Either give Documents and Recipients, or a TemplateID with
// TemplateRoles. Set Status to StatusSent to send at once, or to
// StatusCreated to save a draft that Service.Send sends later.
type Definition struct {
	// EmailSubject is the invitation's subject, at most 100 characters.
	EmailSubject string `json:"emailSubject,omitempty"`
	// EmailBlurb is the invitation's message: instructions for the
	// recipients, at most 10000 characters.
	EmailBlurb string `json:"emailBlurb,omitempty"`
	Status     Status `json:"status,omitempty"`

	Documents  []Document `json:"documents,omitempty"`
	Recipients Recipients `json:"recipients,omitempty"`
	// CustomFields carry the host's own data (a contract ID, say) with the
	// envelope; they come back in Get and in Connect messages.
	CustomFields CustomFields `json:"customFields,omitempty"`

	// EventNotification asks DocuSign to report this envelope's events to
	// a Connect listener (see NewEventNotification).
	EventNotification *EventNotification `json:"eventNotification,omitempty"`
	Notification      *Notification      `json:"notification,omitempty"`

	// TransactionID is the key that keeps Create from making two envelopes
	// in one call: DocuSign keeps it for 7 days and finds the envelope by it
	// (ListOptions.TransactionIDs). Create sets a random one when it is
	// empty. A host that may call Create again for the same contract, after
	// a crash say, sets its own (up to 100 characters), such as its
	// contract's ID and revision, and looks it up with ListStatusChanges
	// before calling Create again: DocuSign itself accepts a second
	// envelope with the same transaction ID.
	TransactionID string `json:"transactionId,omitempty"`

	TemplateID    string         `json:"templateId,omitempty"`
	TemplateRoles []TemplateRole `json:"templateRoles,omitempty"`
	BrandID       string         `json:"brandId,omitempty"`
}

// CustomFields are an envelope's custom fields.
type CustomFields struct {
	TextCustomFields []TextCustomField `json:"textCustomFields,omitempty"`
	ListCustomFields []ListCustomField `json:"listCustomFields,omitempty"`
}

// Text returns the value of the text custom field called name, and whether
// there is one.
func (c CustomFields) Text(name string) (string, bool) {
	for _, f := range c.TextCustomFields {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// TextCustomField is a named free-text value.
type TextCustomField struct {
	FieldID string `json:"fieldId,omitempty"`
	Name    string `json:"name,omitempty"`
	Value   string `json:"value,omitempty"`
	// Show displays the field to the sender in DocuSign's web app.
	Show     bool `json:"show,omitempty"`
	Required bool `json:"required,omitempty"`
}

// ListCustomField is a named value chosen from ListItems.
type ListCustomField struct {
	FieldID   string   `json:"fieldId,omitempty"`
	Name      string   `json:"name,omitempty"`
	Value     string   `json:"value,omitempty"`
	ListItems []string `json:"listItems,omitempty"`
	Show      bool     `json:"show,omitempty"`
	Required  bool     `json:"required,omitempty"`
}

// TemplateRole fills a role of the server template named by
// Definition.TemplateID.
type TemplateRole struct {
	RoleName     string     `json:"roleName,omitempty"`
	Name         string     `json:"name,omitempty"`
	Email        string     `json:"email,omitempty"`
	ClientUserID string     `json:"clientUserId,omitempty"`
	RoutingOrder int        `json:"routingOrder,omitempty"`
	AccessCode   AccessCode `json:"accessCode,omitempty"`
	Tabs         Tabs       `json:"tabs,omitempty"`
}

// Notification sets an envelope's reminders and expiration. Its flags are
// always sent, "false" included.
type Notification struct {
	// UseAccountDefaults, when true, ignores Reminders and Expirations.
	UseAccountDefaults bool         `json:"useAccountDefaults"`
	Reminders          *Reminders   `json:"reminders,omitempty"`
	Expirations        *Expirations `json:"expirations,omitempty"`
}

// Reminders makes DocuSign remind recipients who have not acted:
// ReminderDelay days after sending, then every ReminderFrequency days.
type Reminders struct {
	ReminderEnabled   bool `json:"reminderEnabled"`
	ReminderDelay     int  `json:"reminderDelay,omitempty"`
	ReminderFrequency int  `json:"reminderFrequency,omitempty"`
}

// Expirations makes an unfinished envelope time out ExpireAfter days after
// sending, warning recipients ExpireWarn days before.
type Expirations struct {
	ExpireEnabled bool `json:"expireEnabled"`
	ExpireAfter   int  `json:"expireAfter,omitempty"`
	ExpireWarn    int  `json:"expireWarn,omitempty"`
}
