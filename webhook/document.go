package webhook

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Document is a document Connect included in a message (the configuration's
// includeDocuments, or includeData "documents"), still base64-encoded. Open
// decodes it as it is read; nothing is decoded or copied before.
//
// A Document shares the memory of the body it was parsed from: keep the
// body unchanged while the Document is in use.
type Document struct {
	// ID is the document's ID in the envelope ("1"), or "certificate" for
	// the certificate of completion.
	ID string
	// Name is the document's name, such as "Contract.pdf".
	Name string
	// Type is "content" for the sender's documents and "summary" for the
	// certificate of completion (legacy XML's CONTENT and SUMMARY, in lower
	// case).
	Type string

	value lifted
}

// Open returns a reader of the document's bytes, decoding base64 as it
// goes (white space in the encoding is skipped). Content that is
// not base64 makes Read fail. Each call starts from the beginning.
func (d Document) Open() io.Reader {
	raw := d.value.raw
	if d.value.escaped {
		unescaped, err := unescape(raw)
		if err != nil {
			return errReader{fmt.Errorf("webhook: document %q: %w", d.ID, err)}
		}
		raw = unescaped
	}
	return base64.NewDecoder(base64.StdEncoding, newSpaceSkipper(raw))
}

// Bytes decodes the whole document into memory. Prefer Open, which streams.
func (d Document) Bytes() ([]byte, error) {
	size := base64.StdEncoding.DecodedLen(len(d.value.raw)) + bytes.MinRead
	out := bytes.NewBuffer(make([]byte, 0, size))
	_, err := out.ReadFrom(d.Open())
	return out.Bytes(), err
}

// EncodedLen is the length of the document's base64 text, about 4/3 of
// the document's size.
func (d Document) EncodedLen() int { return len(d.value.raw) }

// String describes the document without its content.
func (d Document) String() string {
	return fmt.Sprintf("webhook.Document{ID: %q, Name: %q, Type: %q, %d encoded bytes}",
		d.ID, d.Name, d.Type, len(d.value.raw))
}

// GoString describes the document without its content.
func (d Document) GoString() string { return d.String() }

// unescape turns an escaped lifted value into its text: a quoted JSON
// string, or XML character data with references.
func unescape(raw []byte) ([]byte, error) {
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, errors.New("PDFBytes is not a valid JSON string")
		}
		return []byte(s), nil
	}
	var s string
	d := xml.NewDecoder(io.MultiReader(bytes.NewReader([]byte("<x>")),
		bytes.NewReader(raw), bytes.NewReader([]byte("</x>"))))
	if err := d.Decode(&s); err != nil {
		return nil, errors.New("PDFBytes is not valid XML text")
	}
	return []byte(s), nil
}

// spaceSkipper reads src without spaces and tabs, which pretty-printers
// put around and inside base64 text and which base64.NewDecoder rejects (it
// skips line breaks only).
type spaceSkipper struct{ src []byte }

func newSpaceSkipper(src []byte) io.Reader {
	if bytes.IndexByte(src, ' ') < 0 && bytes.IndexByte(src, '\t') < 0 {
		return bytes.NewReader(src)
	}
	return &spaceSkipper{src: src}
}

func (s *spaceSkipper) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && len(s.src) > 0 {
		if s.src[0] == ' ' || s.src[0] == '\t' {
			s.src = s.src[1:]
			continue
		}
		chunk := s.src[:min(len(p)-n, len(s.src))]
		if i := bytes.IndexAny(chunk, " \t"); i >= 0 {
			chunk = chunk[:i]
		}
		n += copy(p[n:], chunk)
		s.src = s.src[len(chunk):]
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
