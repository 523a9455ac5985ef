package docusigntest

import (
	"bytes"
	"fmt"
	"strings"
)

// A small PDF writer for the documents the fake produces itself (the
// certificate of completion and the combined document): pages of plain
// Helvetica text, one object per page and stream, with a correct
// cross-reference table so that any PDF reader opens them.

const (
	pdfLinesPerPage = 48
	pdfLineWidth    = 90
)

// pdfPage is one page's lines of text; the first is set as a heading.
type pdfPage []string

// writePDF lays out pages (splitting long ones) and returns the PDF bytes.
func writePDF(title string, pages []pdfPage) []byte {
	type laidPage struct {
		lines   []string
		heading bool
	}
	var laid []laidPage
	for _, p := range pages {
		var lines []string
		for _, l := range p {
			lines = append(lines, wrapLine(l, pdfLineWidth)...)
		}
		heading := true
		for len(lines) > pdfLinesPerPage {
			laid = append(laid, laidPage{lines[:pdfLinesPerPage], heading})
			lines, heading = lines[pdfLinesPerPage:], false
		}
		laid = append(laid, laidPage{lines, heading})
	}
	if len(laid) == 0 {
		laid = []laidPage{{[]string{title}, true}}
	}
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// Objects: 1 catalog, 2 pages, 3 font, 4 info, then a page and its
	// content stream for each page.
	kids := make([]string, len(laid))
	for i := range laid {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "),
		len(laid)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj(fmt.Sprintf("<< /Title (%s) /Producer (docusigntest) >>", pdfEscape(title)))
	for i, pg := range laid {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "+
			"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 6+2*i))
		stream := pageStream(pg.lines, pg.heading)
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n",
		len(offsets)+1, xref)
	return b.Bytes()
}

func pageStream(lines []string, heading bool) string {
	var s strings.Builder
	s.WriteString("BT\n/F1 11 Tf\n14 TL\n72 740 Td\n")
	for i, l := range lines {
		if i == 0 && heading {
			fmt.Fprintf(&s, "/F1 16 Tf (%s) Tj T* T* /F1 11 Tf\n", pdfEscape(l))
			continue
		}
		fmt.Fprintf(&s, "(%s) Tj T*\n", pdfEscape(l))
	}
	s.WriteString("ET")
	return s.String()
}

// pdfEscape makes s a PDF literal string: backslash and parentheses
// escaped, characters outside printable ASCII replaced by '?'.
func pdfEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == '(' || r == ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wrapLine breaks l at spaces into lines of at most width bytes, indenting
// the continuations by two spaces. A word too long for a line is cut.
func wrapLine(l string, width int) []string {
	if len(l) <= width {
		return []string{l}
	}
	var out []string
	for len(l) > width {
		cut := strings.LastIndexByte(l[:width], ' ')
		// A space within the indentation is no place to break: the rest
		// would come back unchanged, for ever.
		if cut <= 0 || strings.TrimSpace(l[:cut]) == "" {
			cut = width
		}
		out = append(out, l[:cut])
		l = "  " + strings.TrimLeft(l[cut:], " ")
	}
	return append(out, l)
}
