package e2e

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/envelope"
)

// The contract these tests send: a PDF given as bytes and a Word document
// read from a file, one signer and one carbon copy.

const (
	contractSubject = "Please sign contract C-2025-14"
	contractBlurb   = "Sign on page 1. Call us at 555-0100 with any question."
	contractIDField = "contractId"
	contractID      = "C-2025-14"
	signerName      = "Ann Lee"
	signerEmail     = "ann.lee@example.com"
	ccName          = "Bob Ray"
	ccEmail         = "bob.ray@example.com"
)

// samplePDF returns a small PDF whose content stream holds every byte
// value, so that a download that is not binary-safe shows.
func samplePDF(title string) []byte {
	var all bytes.Buffer
	for i := range 256 {
		all.WriteByte(byte(i))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " +
		"/Contents 4 0 R >>\nendobj\n")
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d >>\nstream\n", all.Len()+len(title)+4)
	fmt.Fprintf(&b, "%% %s\n", title)
	b.Write(all.Bytes())
	b.WriteString("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

// sampleDOCX returns a minimal Word document: a zip of WordprocessingML.
func sampleDOCX(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.` +
			`openxmlformats.org/package/2006/content-types"><Override PartName="/word/` +
			`document.xml" ContentType="application/vnd.openxmlformats-officedocument.` +
			`wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://schemas.` +
			`openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Terms ` +
			`and conditions. /sn1/</w:t></w:r></w:p></w:body></w:document>`,
	} {
		f, err := zw.Create(name)
		require.NoError(t, err)
		_, err = f.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// contractFiles are the bytes of the contract's two documents, the Word
// document also written to a file.
type contractFiles struct {
	pdf, docx []byte
	docxPath  string
}

func newContractFiles(t *testing.T) contractFiles {
	t.Helper()
	f := contractFiles{pdf: samplePDF("Contract C-2025-14"), docx: sampleDOCX(t)}
	f.docxPath = filepath.Join(t.TempDir(), "Terms.docx")
	require.NoError(t, os.WriteFile(f.docxPath, f.docx, 0o600))
	return f
}

// documents returns the contract's documents: "1" from bytes, "2" from the
// file on disk.
func (f contractFiles) documents(t *testing.T) []envelope.Document {
	t.Helper()
	docx, err := envelope.NewFileDocument("2", f.docxPath)
	require.NoError(t, err)
	return []envelope.Document{envelope.NewBytesDocument("1", "Contract C-2025-14.pdf", f.pdf),
		docx}
}

// contractDefinition is the contract to send: the signer signs the PDF,
// the carbon copy is told once it is done. notify may be nil.
func contractDefinition(t *testing.T, f contractFiles, notify *envelope.EventNotification) *envelope.Definition {
	t.Helper()
	return &envelope.Definition{
		EmailSubject: contractSubject,
		EmailBlurb:   contractBlurb,
		Status:       envelope.StatusSent,
		Documents:    f.documents(t),
		Recipients: envelope.Recipients{
			Signers: []envelope.Signer{{RecipientID: "1", Name: signerName, Email: signerEmail,
				RoutingOrder: 1, Note: "Your copy of the terms is attached.",
				Tabs: contractTabs()}},
			CarbonCopies: []envelope.CarbonCopy{{RecipientID: "2", Name: ccName, Email: ccEmail,
				RoutingOrder: 2}},
		},
		CustomFields: envelope.CustomFields{TextCustomFields: []envelope.TextCustomField{
			{Name: contractIDField, Value: contractID}}},
		EventNotification: notify,
	}
}

// contractTabs place the signer's fields: the signature on an anchor in
// the Word document, the rest at fixed points of the PDF.
func contractTabs() envelope.Tabs {
	at := func(x, y int) envelope.Placement { return envelope.Position("1", 1, x, y) }
	return envelope.Tabs{
		SignHereTabs:   []envelope.SignHere{{Placement: envelope.Anchor("/sn1/", 0, 0)}},
		DateSignedTabs: []envelope.DateSigned{{Placement: at(400, 700)}},
		TextTabs: []envelope.Text{{Placement: at(100, 650), TabLabel: "title",
			Required: envelope.Bool(false), MaxLength: 40}},
		CheckboxTabs: []envelope.Checkbox{{Placement: at(80, 600), TabLabel: "agree",
			Required: true}},
	}
}

// embeddedDefinition is a one-document contract for a signer who signs in
// the host's application (clientUserId), without email.
func embeddedDefinition(clientUserID string) *envelope.Definition {
	return &envelope.Definition{
		EmailSubject: "Sign your lease",
		Status:       envelope.StatusSent,
		Documents: []envelope.Document{envelope.NewBytesDocument("1", "Lease.pdf",
			samplePDF("Lease"))},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{{RecipientID: "1",
			Name: signerName, Email: signerEmail, ClientUserID: clientUserID}}},
	}
}

// oneSigner is the smallest valid definition, for tests about something
// other than its content.
func oneSigner(subject string) *envelope.Definition {
	return &envelope.Definition{
		EmailSubject: subject,
		Status:       envelope.StatusSent,
		Documents: []envelope.Document{envelope.NewBytesDocument("1", "Contract.pdf",
			samplePDF(subject))},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{{RecipientID: "1",
			Name: signerName, Email: signerEmail}}},
	}
}
