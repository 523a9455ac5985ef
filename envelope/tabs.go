package envelope

// Tabs are the fields a recipient fills in or signs, by kind. Each tab is
// placed either on an anchor string found in the documents (Anchor) or at a
// fixed position on a page (Position).
type Tabs struct {
	SignHereTabs    []SignHere    `json:"signHereTabs,omitempty"`
	InitialHereTabs []InitialHere `json:"initialHereTabs,omitempty"`
	DateSignedTabs  []DateSigned  `json:"dateSignedTabs,omitempty"`
	FullNameTabs    []FullName    `json:"fullNameTabs,omitempty"`
	TextTabs        []Text        `json:"textTabs,omitempty"`
	CheckboxTabs    []Checkbox    `json:"checkboxTabs,omitempty"`
}

// Placement says where a tab goes. It is embedded in every tab kind; build
// it with Anchor or Position and adjust the fields if needed.
type Placement struct {
	// DocumentID, PageNumber, XPosition and YPosition place the tab at a
	// fixed point, in pixels from the page's top left corner. With an
	// anchor, DocumentID may narrow the search to one document.
	DocumentID string `json:"documentId,omitempty"`
	PageNumber int    `json:"pageNumber,omitempty"`
	XPosition  int    `json:"xPosition,omitempty"`
	YPosition  int    `json:"yPosition,omitempty"`

	// AnchorString places the tab on every occurrence of this text in the
	// documents, moved by the offsets in AnchorUnits ("pixels", "inches",
	// "mms" or "cms").
	AnchorString  string  `json:"anchorString,omitempty"`
	AnchorUnits   string  `json:"anchorUnits,omitempty"`
	AnchorXOffset float64 `json:"anchorXOffset,omitempty"`
	AnchorYOffset float64 `json:"anchorYOffset,omitempty"`
	// AnchorIgnoreIfNotPresent lets the envelope be sent when the anchor
	// text is missing; otherwise DocuSign refuses it.
	AnchorIgnoreIfNotPresent bool `json:"anchorIgnoreIfNotPresent,omitempty"`
	AnchorMatchWholeWord     bool `json:"anchorMatchWholeWord,omitempty"`
	AnchorCaseSensitive      bool `json:"anchorCaseSensitive,omitempty"`
}

// Anchor places a tab on every occurrence of text in the documents, moved
// right by x and down by y pixels.
func Anchor(text string, x, y float64) Placement {
	return Placement{AnchorString: text, AnchorUnits: "pixels", AnchorXOffset: x, AnchorYOffset: y}
}

// Position places a tab on a page of a document (pages count from 1), x and
// y pixels from the page's top left corner.
func Position(documentID string, page, x, y int) Placement {
	return Placement{DocumentID: documentID, PageNumber: page, XPosition: x, YPosition: y}
}

// SignHere is where a recipient signs.
type SignHere struct {
	Placement
	TabLabel string `json:"tabLabel,omitempty"`
	TabID    string `json:"tabId,omitempty"`
	// Optional lets the recipient finish without signing here.
	Optional bool `json:"optional,omitempty"`
	// ScaleValue resizes the signature; 1 is its natural size.
	ScaleValue float64 `json:"scaleValue,omitempty"`
	Status     string  `json:"status,omitempty"`
}

// InitialHere is where a recipient initials.
type InitialHere struct {
	Placement
	TabLabel   string  `json:"tabLabel,omitempty"`
	TabID      string  `json:"tabId,omitempty"`
	Optional   bool    `json:"optional,omitempty"`
	ScaleValue float64 `json:"scaleValue,omitempty"`
	Status     string  `json:"status,omitempty"`
}

// DateSigned shows the date the recipient signed; DocuSign fills it in.
type DateSigned struct {
	Placement
	TabLabel string `json:"tabLabel,omitempty"`
	TabID    string `json:"tabId,omitempty"`
	// Value is the date DocuSign wrote, in the account's date format.
	Value string `json:"value,omitempty"`
}

// FullName shows the recipient's full name; DocuSign fills it in.
type FullName struct {
	Placement
	TabLabel string `json:"tabLabel,omitempty"`
	TabID    string `json:"tabId,omitempty"`
	Value    string `json:"value,omitempty"`
}

// Text is a text field. DocuSign makes text fields required unless Required
// is set to false (see Bool).
type Text struct {
	Placement
	TabLabel string `json:"tabLabel,omitempty"`
	TabID    string `json:"tabId,omitempty"`
	// Value prefills the field; after signing it holds what was entered.
	Value     string `json:"value,omitempty"`
	Required  *bool  `json:"required,omitempty"`
	Locked    bool   `json:"locked,omitempty"`
	MaxLength int    `json:"maxLength,omitempty"`
	Width     int    `json:"width,omitempty"`
	Height    int    `json:"height,omitempty"`
	// ValidationPattern is a regular expression the value must match, with
	// ValidationMessage shown when it does not.
	ValidationPattern string `json:"validationPattern,omitempty"`
	ValidationMessage string `json:"validationMessage,omitempty"`
}

// Checkbox is a box the recipient may tick.
type Checkbox struct {
	Placement
	TabLabel string `json:"tabLabel,omitempty"`
	TabID    string `json:"tabId,omitempty"`
	// Selected ticks the box in advance; after signing it is the answer.
	Selected bool `json:"selected,omitempty"`
	Required bool `json:"required,omitempty"`
	Locked   bool `json:"locked,omitempty"`
}

// Bool returns a pointer to v, for the fields where leaving a flag unset
// and sending "false" differ.
func Bool(v bool) *bool { return &v }
