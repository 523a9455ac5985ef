package envelope

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// DocuSign's limits on a definition's text, in characters. The eSignature
// REST API v2.1 OpenAPI spec states four of them in its property
// descriptions: envelopeDefinition.emailBlurb "Maximum Length: 10000
// characters", signer.note "Maximum Length: 1000 characters", signer.name
// and signer.email "Maximum Length: 100 characters". The spec says nothing
// of emailSubject's length; 100 characters is the commonly cited limit,
// which this project's design names. A search of DocuSign's developer
// pages found no page stating it, so it is the one limit here not checked
// against a DocuSign document.
const (
	MaxEmailSubject = 100
	MaxEmailBlurb   = 10000
	MaxNote         = 1000
	MaxName         = 100
	MaxEmail        = 100
)

// Rules are the host's own rules for Validate, on top of DocuSign's.
type Rules struct {
	// AllowedExtensions lists the document types the host accepts, with or
	// without the dot and in any case (".pdf", "DOCX"). Nil allows every
	// type DocuSign converts (SupportedExtensions).
	AllowedExtensions []string
}

// SupportedExtensions returns the document types DocuSign accepts and
// converts to PDF, from its "Supported document file types" page:
// documents, images, presentations and spreadsheets.
func SupportedExtensions() []string {
	return []string{
		"doc", "docm", "docx", "dot", "dotm", "dotx", "htm", "html", "msg", "pdf", "rtf",
		"txt", "wpd", "xps",
		"bmp", "gif", "jpg", "jpeg", "png", "tif", "tiff",
		"pot", "potx", "pps", "ppt", "pptm", "pptx",
		"csv", "xls", "xlsm", "xlsx",
	}
}

// Problem is one thing wrong with a definition: the JSON path of the field,
// such as "recipients.signers[0].email", and a sentence saying what is
// wrong and how to fix it.
type Problem struct {
	Field   string
	Message string
}

// String returns the problem as "field: message".
func (p Problem) String() string { return p.Field + ": " + p.Message }

// ValidationError lists every problem Validate found.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems on one line.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	noun := "problems"
	if len(parts) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("envelope: the definition has %d %s: %s", len(parts), noun,
		strings.Join(parts, "; "))
}

// Validate checks the definition against DocuSign's rules and the host's,
// and returns a *ValidationError listing every problem at once, or nil. It
// reads no document's content; a document whose length is known (a file,
// bytes) is checked for emptiness, and Create checks the others before
// sending.
func (d *Definition) Validate(r Rules) error {
	if d == nil {
		return &ValidationError{Problems: []Problem{{Field: "definition",
			Message: "is nil; build a *Definition"}}}
	}
	v := &validator{rules: r, recipientIDs: map[string]string{}, documentIDs: map[string]bool{}}
	v.definition(d)
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

// validator gathers problems while walking a definition.
type validator struct {
	rules        Rules
	problems     []Problem
	recipientIDs map[string]string // recipient ID to the field that first used it
	documentIDs  map[string]bool
}

func (v *validator) add(field, format string, args ...any) {
	v.problems = append(v.problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) definition(d *Definition) {
	template := d.TemplateID != ""
	switch {
	case d.EmailSubject == "" && !template:
		v.add("emailSubject", "is empty; give the invitation a subject")
	case utf8.RuneCountInString(d.EmailSubject) > MaxEmailSubject:
		v.add("emailSubject", "has %d characters; DocuSign allows at most %d",
			utf8.RuneCountInString(d.EmailSubject), MaxEmailSubject)
	}
	v.maxLength("emailBlurb", d.EmailBlurb, MaxEmailBlurb)
	switch d.Status {
	case StatusSent, StatusCreated:
	case "":
		v.add("status", "is empty; set StatusSent to send the envelope, or StatusCreated "+
			"to save a draft")
	default:
		v.add("status", "is %q; an envelope is created as %q or %q", d.Status,
			StatusSent, StatusCreated)
	}
	if len(d.Documents) == 0 && !template {
		v.add("documents", "is empty; add the document to sign")
	}
	for i, doc := range d.Documents {
		v.document(fmt.Sprintf("documents[%d]", i), doc)
	}
	v.recipients(d, template)
	if d.EventNotification != nil {
		v.httpsURL("eventNotification.url", d.EventNotification.URL)
	}
	for i, f := range d.CustomFields.TextCustomFields {
		v.required(fmt.Sprintf("customFields.textCustomFields[%d].name", i), f.Name, "a name")
	}
	for i, f := range d.CustomFields.ListCustomFields {
		v.required(fmt.Sprintf("customFields.listCustomFields[%d].name", i), f.Name, "a name")
	}
	v.tabsOf(d)
}

func (v *validator) document(path string, doc Document) {
	switch {
	case doc.ID == "":
		v.add(path+".documentId", "is empty; give each document a unique ID such as \"1\"")
	case v.documentIDs[doc.ID]:
		v.add(path+".documentId", "%q is used by another document; document IDs must be "+
			"unique", doc.ID)
	}
	v.documentIDs[doc.ID] = true
	v.required(path+".name", doc.Name, "the name recipients see")
	ext := strings.ToLower(strings.TrimPrefix(doc.FileExtension, "."))
	switch {
	case ext == "":
		v.add(path+".fileExtension", "is empty; give the type, such as \"pdf\" (a name "+
			"ending in .pdf sets it)")
	case !v.allowed(ext):
		v.add(path+".fileExtension", "%q is not allowed; use one of %s", ext,
			strings.Join(v.allowedList(), " "))
	}
	switch {
	case doc.open == nil && doc.Content == nil:
		v.add(path, "has no content; build it with NewFileDocument, NewBytesDocument, "+
			"NewReaderDocument or NewDocumentFunc")
	case doc.knownSize() == 0:
		v.add(path, "is empty; DocuSign cannot send a document without bytes")
	}
}

func (v *validator) allowed(ext string) bool {
	return slices.Contains(v.allowedList(), ext)
}

func (v *validator) allowedList() []string {
	if v.rules.AllowedExtensions == nil {
		return SupportedExtensions()
	}
	list := make([]string, 0, len(v.rules.AllowedExtensions))
	for _, e := range v.rules.AllowedExtensions {
		list = append(list, strings.ToLower(strings.TrimPrefix(strings.TrimSpace(e), ".")))
	}
	return list
}

func (v *validator) required(path, value, what string) {
	if strings.TrimSpace(value) == "" {
		v.add(path, "is empty; give %s", what)
	}
}

func (v *validator) maxLength(path, value string, limit int) {
	if n := utf8.RuneCountInString(value); n > limit {
		v.add(path, "has %d characters; DocuSign allows at most %d", n, limit)
	}
}

// httpsURL checks a listener's URL. The message names only its scheme,
// host and path: a query string may carry a token.
func (v *validator) httpsURL(path, raw string) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		v.add(path, "is not a URL; give the https URL of the Connect listener")
	case u.Scheme != "https" || u.Host == "":
		shown := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
		v.add(path, "%q is not an https URL; DocuSign delivers Connect messages only "+
			"over https", shown)
	}
}

// email checks an address the way DocuSign wants it: a bare address, with
// no display name or angle brackets.
func (v *validator) email(path, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(path, "is empty; give the recipient's email address")
		return
	}
	addr, err := mail.ParseAddress(value)
	switch {
	case err != nil:
		v.add(path, "%q is not a valid email address (%v); give one such as "+
			"ann@example.com", value, strings.TrimPrefix(err.Error(), "mail: "))
	case addr.Address != value:
		v.add(path, "%q is not a bare address; give only %q, without a name or "+
			"angle brackets", value, addr.Address)
	default:
		v.maxLength(path, value, MaxEmail)
	}
}
