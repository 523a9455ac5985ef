package envelope

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validDefinition is a contract to one signer that passes Validate.
func validDefinition() *Definition {
	return &Definition{
		EmailSubject: "Please sign the contract",
		EmailBlurb:   "Sign where marked.",
		Status:       StatusSent,
		Documents:    []Document{NewBytesDocument("1", "contract.pdf", []byte("%PDF-1.7"))},
		Recipients: Recipients{Signers: []Signer{{
			RecipientID: "1", Name: "Ann Lee", Email: "ann@example.com", RoutingOrder: 1,
			Tabs: Tabs{SignHereTabs: []SignHere{{Placement: Position("1", 1, 100, 200)}}},
		}}},
	}
}

func problems(t *testing.T, err error) []Problem {
	t.Helper()
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "want a *ValidationError, got %v", err)
	return ve.Problems
}

func TestValidateAcceptsAValidDefinition(t *testing.T) {
	t.Parallel()
	assert.NoError(t, validDefinition().Validate(Rules{}))
	withTemplate := &Definition{EmailSubject: "x", Status: StatusCreated, TemplateID: "tpl",
		TemplateRoles: []TemplateRole{{RoleName: "Client", Name: "Ann", Email: "a@example.com"}}}
	assert.NoError(t, withTemplate.Validate(Rules{}), "a template brings documents")
}

func TestValidateReportsEachProblemByField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(d *Definition)
		field   string
		message string
	}{
		{"missing subject", func(d *Definition) { d.EmailSubject = "" },
			"emailSubject", "is empty"},
		{"subject over 100 characters", func(d *Definition) {
			d.EmailSubject = strings.Repeat("é", 101)
		}, "emailSubject", "has 101 characters; DocuSign allows at most 100"},
		{"blurb over DocuSign's limit", func(d *Definition) {
			d.EmailBlurb = strings.Repeat("b", MaxEmailBlurb+1)
		}, "emailBlurb", "at most 10000"},
		{"no status", func(d *Definition) { d.Status = "" }, "status", "StatusSent"},
		{"status that cannot be created", func(d *Definition) { d.Status = StatusCompleted },
			"status", `"completed"`},
		{"no document", func(d *Definition) {
			d.Documents = nil
			d.Recipients.Signers[0].Tabs.SignHereTabs[0].Placement = Anchor("/sn1/", 0, 0)
		}, "documents", "is empty"},
		{"empty document", func(d *Definition) {
			d.Documents[0] = NewBytesDocument("1", "contract.pdf", nil)
		}, "documents[0]", "without bytes"},
		{"document without content", func(d *Definition) {
			d.Documents[0] = Document{ID: "1", Name: "c.pdf", FileExtension: "pdf"}
		}, "documents[0]", "has no content"},
		{"document without ID", func(d *Definition) {
			d.Documents[0].ID = ""
			d.Recipients.Signers[0].Tabs.SignHereTabs[0].Placement = Anchor("/sn1/", 0, 0)
		},
			"documents[0].documentId", "is empty"},
		{"document without name", func(d *Definition) { d.Documents[0].Name = "" },
			"documents[0].name", "is empty"},
		{"document without extension", func(d *Definition) { d.Documents[0].FileExtension = "" },
			"documents[0].fileExtension", "is empty"},
		{"extension DocuSign does not convert", func(d *Definition) {
			d.Documents[0].FileExtension = "exe"
		}, "documents[0].fileExtension", `"exe" is not allowed`},
		{"duplicate document ID", func(d *Definition) {
			d.Documents = append(d.Documents, NewBytesDocument("1", "b.pdf", []byte("x")))
		}, "documents[1].documentId", "unique"},
		{"no signer", func(d *Definition) { d.Recipients.Signers = nil },
			"recipients.signers", "is empty"},
		{"signer without name", func(d *Definition) { d.Recipients.Signers[0].Name = " " },
			"recipients.signers[0].name", "is empty"},
		{"signer without email", func(d *Definition) { d.Recipients.Signers[0].Email = "" },
			"recipients.signers[0].email", "is empty"},
		{"invalid email", func(d *Definition) { d.Recipients.Signers[0].Email = "ann@" },
			"recipients.signers[0].email", "is not a valid email address"},
		{"email with a display name", func(d *Definition) {
			d.Recipients.Signers[0].Email = "Ann <ann@example.com>"
		}, "recipients.signers[0].email", `give only "ann@example.com"`},
		{"email in angle brackets", func(d *Definition) {
			d.Recipients.Signers[0].Email = "<ann@example.com>"
		}, "recipients.signers[0].email", "not a bare address"},
		{"note over DocuSign's limit", func(d *Definition) {
			d.Recipients.Signers[0].Note = strings.Repeat("n", MaxNote+1)
		}, "recipients.signers[0].note", "at most 1000"},
		{"signer without recipient ID", func(d *Definition) {
			d.Recipients.Signers[0].RecipientID = ""
		}, "recipients.signers[0].recipientId", "is empty"},
		{"recipient ID shared across kinds", func(d *Definition) {
			d.Recipients.CarbonCopies = []CarbonCopy{{RecipientID: "1", Name: "Bo",
				Email: "bo@example.com"}}
		}, "recipients.carbonCopies[0].recipientId", "already used by recipients.signers[0]"},
		{"carbon copy with a bad email", func(d *Definition) {
			d.Recipients.CarbonCopies = []CarbonCopy{{RecipientID: "2", Name: "Bo", Email: "bo"}}
		}, "recipients.carbonCopies[0].email", "not a valid email"},
		{"negative routing order", func(d *Definition) {
			d.Recipients.Signers[0].RoutingOrder = -1
		}, "recipients.signers[0].routingOrder", "start at 1"},
		{"tab on a missing document", func(d *Definition) {
			d.Recipients.Signers[0].Tabs.SignHereTabs[0].DocumentID = "2"
		}, "recipients.signers[0].tabs.signHereTabs[0].documentId", `"2" is not the ID`},
		{"tab without placement", func(d *Definition) {
			d.Recipients.Signers[0].Tabs.TextTabs = []Text{{TabLabel: "x"}}
		}, "recipients.signers[0].tabs.textTabs[0]", "Anchor or Position"},
		{"positioned tab without page", func(d *Definition) {
			d.Recipients.Signers[0].Tabs.SignHereTabs[0].PageNumber = 0
		}, "recipients.signers[0].tabs.signHereTabs[0].pageNumber", "counted from 1"},
		{"in-person signer without host", func(d *Definition) {
			d.Recipients.InPersonSigners = []InPersonSigner{{RecipientID: "3",
				HostEmail: "host@example.com", SignerName: "Cy"}}
		}, "recipients.inPersonSigners[0].hostName", "is empty"},
		{"connect listener over http, its token not repeated", func(d *Definition) {
			d.EventNotification = NewEventNotification("http://example.com/hook?token=s3cr3t")
		}, "eventNotification.url", `"http://example.com/hook" is not an https URL`},
		{"unnamed custom field", func(d *Definition) {
			d.CustomFields.TextCustomFields = []TextCustomField{{Value: "42"}}
		}, "customFields.textCustomFields[0].name", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := validDefinition()
			tt.change(d)
			got := problems(t, d.Validate(Rules{}))
			require.Len(t, got, 1, "%v", got)
			assert.Equal(t, tt.field, got[0].Field)
			assert.Contains(t, got[0].Message, tt.message)
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	d := &Definition{
		Documents: []Document{NewBytesDocument("1", "a.exe", []byte("MZ"))},
		Recipients: Recipients{Signers: []Signer{
			{RecipientID: "1", Email: "Bob <b@x.example>"},
			{RecipientID: "1", Name: "Cy", Email: "cy@example.com"},
		}},
	}
	err := d.Validate(Rules{AllowedExtensions: []string{".PDF", "docx"}})
	var fields []string
	for _, p := range problems(t, err) {
		fields = append(fields, p.Field)
	}
	assert.Equal(t, []string{
		"emailSubject", "status", "documents[0].fileExtension",
		"recipients.signers[0].name", "recipients.signers[0].email",
		"recipients.signers[1].recipientId",
	}, fields)
	assert.Contains(t, err.Error(), "envelope: the definition has 6 problems: emailSubject: ")
	assert.Contains(t, err.Error(), `use one of pdf docx`)
}

func TestValidateHonoursTheHostsExtensions(t *testing.T) {
	t.Parallel()
	d := validDefinition()
	d.Documents[0] = NewBytesDocument("1", "scan.png", []byte("\x89PNG"))
	assert.NoError(t, d.Validate(Rules{}), "DocuSign converts png")
	got := problems(t, d.Validate(Rules{AllowedExtensions: []string{"pdf", ".doc", ".docx"}}))
	require.Len(t, got, 1)
	assert.Equal(t, "documents[0].fileExtension", got[0].Field)
	assert.Equal(t, "\"png\" is not allowed; use one of pdf doc docx", got[0].Message)
}

func TestValidateANilDefinition(t *testing.T) {
	t.Parallel()
	var d *Definition
	assert.Equal(t, []Problem{{Field: "definition", Message: "is nil; build a *Definition"}},
		problems(t, d.Validate(Rules{})))
}

func TestValidationErrorSaysProblemInTheSingular(t *testing.T) {
	t.Parallel()
	err := &ValidationError{Problems: []Problem{{Field: "emailSubject", Message: "is empty"}}}
	assert.Equal(t, "envelope: the definition has 1 problem: emailSubject: is empty", err.Error())
}
