package main

import (
	"bytes"
	"fmt"
	"strings"
)

// signHereAnchor is the text the generated contract carries, in white,
// where the signer signs; the envelope's sign-here tab is anchored on it,
// so that DocuSign places the signature box there.
const signHereAnchor = "/sn1/"

// pdfWidth is how many characters of 11-point Helvetica fit between the
// page's one-inch margins, about.
const pdfWidth = 88

// contractTerms is what the generated contract says, besides the parties.
type contractTerms struct {
	Title    string
	Provider string
	Client   string
	Date     string
	Clauses  []string
}

// contractPDF writes terms as a one-page PDF: US Letter, Helvetica text,
// a signature line with signHereAnchor on it. It is the smallest PDF that
// every reader and DocuSign accept: a catalog, a page tree, one page, two
// standard fonts, one content stream and an exact cross-reference table.
func contractPDF(terms contractTerms) []byte {
	var content bytes.Buffer
	y := 720
	text := func(font string, size int, x int, s string) {
		fmt.Fprintf(&content, "BT /%s %d Tf %d %d Td (%s) Tj ET\n", font, size, x, y,
			pdfString(s))
	}
	text("F2", 18, 72, terms.Title)
	y -= 30
	for _, line := range wrap("Between "+terms.Provider+" (the provider) and "+
		terms.Client+" (the client), dated "+terms.Date+".", pdfWidth) {
		text("F1", 11, 72, line)
		y -= 16
	}
	y -= 12
	for i, clause := range terms.Clauses {
		for j, line := range wrap(fmt.Sprintf("%d. %s", i+1, clause), pdfWidth) {
			x := 72
			if j > 0 {
				x = 86
			}
			text("F1", 11, x, line)
			y -= 16
		}
		y -= 6
	}
	y -= 40
	text("F1", 11, 72, "Signed for the client: ______________________________")
	// The anchor sits on the signature line in white, invisible on paper.
	content.WriteString("1 1 1 rg\n")
	text("F1", 8, 200, signHereAnchor)
	content.WriteString("0 0 0 rg\n")
	y -= 18
	text("F1", 11, 72, terms.Client)

	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " +
			"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold " +
			"/Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var b bytes.Buffer
	// The second line's bytes above 127 tell tools the file is binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n",
		len(objects)+1, xref)
	return b.Bytes()
}

// pdfString escapes s for a PDF literal string in WinAnsiEncoding: the
// delimiters are escaped, Latin-1 letters written as octal codes, and any
// other character replaced by a question mark.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// wrap splits s into lines of at most width characters, at spaces.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return append(lines, line)
}
