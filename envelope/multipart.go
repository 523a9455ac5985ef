package envelope

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"

	"github.com/esignkit/docusign-go/docusign"
)

// multipartBody is the request of a Create: DocuSign's multipart form with
// the definition's JSON first and then each document's raw bytes. The
// framing (boundaries, part headers, the JSON) is built once and kept; the
// documents are read from their sources only while the request is written,
// through an io.MultiReader, so memory does not grow with their size and no
// goroutine is needed.
type multipartBody struct {
	transactionID string
	segments      [][]byte // segments[i] comes before document i; the last one ends the form
	sources       []source
	boundary      string
}

// newMultipartBody prepares the body of def's create request. An empty
// document that Validate could not tell from a full one is refused before
// anything is sent: an io.ReadSeeker, measured by seeking, and a document
// that can be read only once and whose length is unknown, peeked at.
func newMultipartBody(def *Definition) (*multipartBody, error) {
	b := &multipartBody{transactionID: def.TransactionID, boundary: "docusign-go-" + rand.Text()}
	var problems []Problem
	for i, doc := range def.Documents {
		src, err := doc.source()
		if err != nil {
			return nil, err
		}
		empty := src.size == 0
		if !src.reusable && src.size < 0 {
			if src, empty, err = peek(src); err != nil {
				return nil, err
			}
		}
		if empty {
			problems = append(problems, Problem{Field: fmt.Sprintf("documents[%d]", i),
				Message: "is empty; DocuSign cannot send a document without bytes"})
		}
		b.sources = append(b.sources, src)
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	definition, err := marshalRequest(*def)
	if err != nil {
		return nil, fmt.Errorf("envelope: encoding the definition: %w", err)
	}
	return b, b.frame(def, definition)
}

// frame writes the form's framing, cutting it where each document goes.
func (b *multipartBody) frame(def *Definition, definition []byte) error {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(b.boundary); err != nil {
		return err
	}
	part, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":        {"application/json"},
		"Content-Disposition": {"form-data"},
	})
	if err != nil {
		return err
	}
	part.Write(definition) // writes to buf cannot fail
	for _, doc := range def.Documents {
		if _, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":        {contentType(doc.FileExtension)},
			"Content-Disposition": {disposition(doc)},
		}); err != nil {
			return err
		}
		b.segments = append(b.segments, bytes.Clone(buf.Bytes()))
		buf.Reset()
	}
	if err := mw.Close(); err != nil {
		return err
	}
	b.segments = append(b.segments, bytes.Clone(buf.Bytes()))
	return nil
}

// disposition is a document part's Content-Disposition, in DocuSign's
// documented form: file; filename="…"; documentid=N. DocuSign's own example
// writes no space before documentid and a contributed Java change writes
// one; both are valid MIME parameters, and which spacing DocuSign's parser
// prefers is not known, so this follows the MIME norm. Quotes and
// backslashes in the name are escaped and line breaks replaced, so a name
// cannot break out of the header.
func disposition(doc Document) string {
	name := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", " ", "\n", " ").Replace(doc.Name)
	id := strings.NewReplacer("\r", "", "\n", "", ";", "").Replace(doc.ID)
	return `file; filename="` + name + `"; documentid=` + id
}

// size returns the body's length, or -1 when a document's is unknown.
func (b *multipartBody) size() int64 {
	var n int64
	for _, s := range b.segments {
		n += int64(len(s))
	}
	for _, src := range b.sources {
		if src.size < 0 {
			return -1
		}
		n += src.size
	}
	return n
}

// resendable reports whether every document can be sent again.
func (b *multipartBody) resendable() bool {
	for _, src := range b.sources {
		if !src.resendable() {
			return false
		}
	}
	return true
}

// body returns the request body for the core client. Each call of Open
// opens every document anew; a document that can be read only once makes
// a second Open fail, so the core does not retry.
func (b *multipartBody) body() docusign.Body {
	return docusign.Body{
		ContentType: "multipart/form-data; boundary=" + b.boundary,
		Size:        b.size(),
		Open:        b.open,
	}
}

func (b *multipartBody) open() (io.ReadCloser, error) {
	readers := make([]io.Reader, 0, 2*len(b.sources)+1)
	closers := make(multiCloser, 0, len(b.sources))
	for i, src := range b.sources {
		rc, err := src.open()
		if err != nil {
			closers.Close()
			return nil, err
		}
		closers = append(closers, rc)
		readers = append(readers, bytes.NewReader(b.segments[i]), rc)
	}
	readers = append(readers, bytes.NewReader(b.segments[len(b.segments)-1]))
	return &formReader{r: io.MultiReader(readers...), closers: closers}, nil
}

// formReader is one attempt's body. Its WriteTo lets net/http copy each
// document with the document's own WriteTo, or in 32 KiB chunks, instead
// of the 4 KiB reads of its buffered writer.
type formReader struct {
	r       io.Reader
	closers multiCloser
}

func (f *formReader) Read(p []byte) (int, error)         { return f.r.Read(p) }
func (f *formReader) WriteTo(w io.Writer) (int64, error) { return io.Copy(w, f.r) }
func (f *formReader) Close() error                       { return f.closers.Close() }

// multiCloser closes the documents of one attempt.
type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var errs []error
	for _, c := range m {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// peek reads the first byte of a read-once document of unknown length, and
// returns a read-once source that yields it again, and whether the
// document is empty.
func peek(src source) (source, bool, error) {
	rc, err := src.open()
	if err != nil {
		return src, false, err
	}
	br := bufio.NewReaderSize(rc, 16)
	_, err = br.Peek(1)
	if err != nil && !errors.Is(err, io.EOF) {
		return src, false, fmt.Errorf("envelope: reading the document: %w", err)
	}
	return readOnce(br), errors.Is(err, io.EOF), nil
}
