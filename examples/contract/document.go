package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/esignkit/docusign-go/envelope"
)

// contractRules are the host's rules for what it sends: the document types
// a contract comes in.
var contractRules = envelope.Rules{AllowedExtensions: []string{".pdf", ".doc", ".docx"}}

// fakeSigner is who signs when the run is against the fake and no signer
// was given.
var fakeSigner = envelope.Signer{Name: "Ann Lee", Email: "ann.lee@example.com"}

// contractDocument returns the document to send, and a sentence saying what
// it is: the file of -file, or a generated contract for the signer.
func contractDocument(cfg config, signer envelope.Signer) (envelope.Document, string, error) {
	if cfg.file != "" {
		doc, err := envelope.NewFileDocument("1", cfg.file)
		if err != nil {
			return envelope.Document{}, "", fmt.Errorf("-file: %w", err)
		}
		info, err := os.Stat(cfg.file)
		if err != nil {
			return envelope.Document{}, "", fmt.Errorf("-file: %w", err)
		}
		return doc, fmt.Sprintf("Read %s (%d bytes) to send.", filepath.Base(cfg.file),
			info.Size()), nil
	}
	pdf := contractPDF(contractTerms{
		Title:    "Service Agreement",
		Provider: "Example Studio Ltd",
		Client:   signer.Name,
		Date:     time.Now().Format("2 January 2006"),
		Clauses: []string{
			"The provider designs and delivers the website described in the client's brief " +
				"within six weeks of this agreement.",
			"The client pays 4,800 EUR: half on signature, half on delivery, each within " +
				"30 days of the invoice.",
			"Either party may end this agreement with 14 days' written notice; work done " +
				"until then is paid for.",
		},
	})
	return envelope.NewBytesDocument("1", "Service Agreement.pdf", pdf),
		fmt.Sprintf("Wrote a one-page contract, Service Agreement.pdf (%d bytes).", len(pdf)),
		nil
}

// signHere places the signer's signature: on the generated contract's
// anchor, or at a fixed place on page 1 of a document given with -file,
// which carries no anchor the program knows of.
func signHere(cfg config) envelope.SignHere {
	if cfg.file != "" {
		return envelope.SignHere{Placement: envelope.Position("1", 1, 72, 680)}
	}
	return envelope.SignHere{Placement: envelope.Anchor(signHereAnchor, 0, 0)}
}

// definition is the envelope to send: the invitation with instructions,
// and one signer with one sign-here tab.
func definition(cfg config, doc envelope.Document, signer envelope.Signer) envelope.Definition {
	signer.RecipientID, signer.RoutingOrder = "1", 1
	signer.Tabs = envelope.Tabs{SignHereTabs: []envelope.SignHere{signHere(cfg)}}
	return envelope.Definition{
		EmailSubject: subject(doc.Name),
		EmailBlurb: "Hello " + signer.Name + ",\n\n" +
			"Please review the attached agreement. Click Review Document, read it to the " +
			"end, then click the yellow Sign tab on the signature line and adopt your " +
			"signature. When you click Finish, DocuSign emails you and us the signed " +
			"copy.\n\nIf anything in it is not as we agreed, do not sign: reply to this " +
			"email and we will correct it.",
		Status:     envelope.StatusSent,
		Documents:  []envelope.Document{doc},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{signer}},
	}
}

// subject is the invitation's subject for a document: its name without the
// extension, cut to DocuSign's limit.
func subject(name string) string {
	s := []rune("Please sign: " + strings.TrimSuffix(name, filepath.Ext(name)))
	if len(s) > envelope.MaxEmailSubject {
		s = append(s[:envelope.MaxEmailSubject-1], '…')
	}
	return string(s)
}
