package envelope

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Document is a document to send in a Definition. Create streams its bytes
// as a part of a multipart request, never holding the whole document in
// memory. Build one with NewFileDocument, NewBytesDocument,
// NewReaderDocument or NewDocumentFunc; a Document literal with Content set
// works too.
//
// Whether Create may send a document twice matters after a failure whose
// outcome is unknown: a file, bytes, an io.ReadSeeker or an open function
// can be read again, so Create may re-send the envelope once when DocuSign
// has no trace of it; a plain io.Reader cannot, and Create then reports the
// unknown outcome instead.
type Document struct {
	// ID is the documentId that tabs refer to: "1", "2", ...
	ID string `json:"documentId,omitempty"`
	// Name is the name recipients see, such as "Contract 2025-14.pdf".
	Name string `json:"name,omitempty"`
	// FileExtension is the document's type without the dot ("pdf",
	// "docx"); DocuSign needs it for every type but PDF.
	FileExtension string `json:"fileExtension,omitempty"`
	// Order is the document's position among the envelope's documents.
	Order int `json:"order,omitempty"`
	// TransformPDFFields turns the PDF's form fields into DocuSign tabs.
	TransformPDFFields bool `json:"transformPdfFields,omitempty"`
	// IncludeInDownload, when set to false, leaves the document out of the
	// combined download.
	IncludeInDownload *bool `json:"includeInDownload,omitempty"`

	// Content is the document's bytes, read once per send. An io.ReadSeeker
	// is rewound to where it stood for a second send.
	Content io.Reader `json:"-"`

	open func() (io.ReadCloser, error) // set by the constructors
	size int64                         // with open: the length, or -1
}

// errReadOnce is the error of a second read of a document that can be read
// only once.
var errReadOnce = errors.New("envelope: the document's reader can be read only once; " +
	"use NewFileDocument, NewBytesDocument or NewDocumentFunc to allow a re-send")

// NewFileDocument returns the file at path as document id, named after the
// file. The file is opened anew for every send and its size sent as the
// request's Content-Length; it must not change size meanwhile.
func NewFileDocument(id, path string) (Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Document{}, fmt.Errorf("envelope: document %s: %w", id, err)
	}
	if !info.Mode().IsRegular() {
		return Document{}, fmt.Errorf("envelope: document %s: %s is not a regular file", id, path)
	}
	size := info.Size()
	open := func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if info, err := f.Stat(); err != nil || info.Size() != size {
			f.Close()
			return nil, fmt.Errorf("envelope: %s changed size since NewFileDocument", path)
		}
		return f, nil
	}
	return NewDocumentFunc(id, filepath.Base(path), size, open), nil
}

// NewBytesDocument returns data as document id called name; the file
// extension is taken from name.
func NewBytesDocument(id, name string, data []byte) Document {
	return NewDocumentFunc(id, name, int64(len(data)), func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
}

// NewReaderDocument returns the bytes r yields as document id called name.
// r is read once, so Create cannot re-send the envelope after a failure
// whose outcome is unknown (see Document); an io.ReadSeeker can. Create
// reads the first bytes of a reader whose length it cannot tell (one
// without a Len method) before sending anything, to refuse an empty
// document, so after a Create that returns an error, even a
// *ValidationError, give the document a new reader.
func NewReaderDocument(id, name string, r io.Reader) Document {
	return Document{ID: id, Name: name, FileExtension: extension(name), Content: r}
}

// NewDocumentFunc returns document id called name whose bytes open yields,
// for content kept elsewhere (object storage, a database). open is called
// once per send and must yield the same bytes each time; size is their
// length, or -1 when unknown (the request is then sent chunked).
func NewDocumentFunc(id, name string, size int64, open func() (io.ReadCloser, error)) Document {
	if size < 0 {
		size = -1
	}
	return Document{ID: id, Name: name, FileExtension: extension(name), open: open, size: size}
}

// source is how Create reads a document during one call.
type source struct {
	open     func() (io.ReadCloser, error)
	size     int64 // -1 when unknown
	reusable bool  // open may be called again
	// untouched, for a source that is not reusable, reports whether
	// nothing has been read from it yet, so that it can still be sent.
	untouched func() bool
}

// resendable reports whether the source can be sent (again).
func (s source) resendable() bool { return s.reusable || s.untouched() }

// source returns the document's reader for one Create call.
func (d Document) source() (source, error) {
	switch {
	case d.open != nil:
		return source{open: d.open, size: d.size, reusable: true}, nil
	case d.Content == nil:
		return source{}, fmt.Errorf("envelope: document %s has no content", d.ID)
	}
	if rs, ok := d.Content.(io.ReadSeeker); ok {
		return seekerSource(rs)
	}
	return readOnce(d.Content), nil
}

// readOnce returns a source over r, which can be read only once. A second
// open succeeds while nothing has been read through the first (the
// connection failed before the body was sent), and fails after.
func readOnce(r io.Reader) source {
	var opened atomic.Bool
	var read atomic.Int64
	return source{
		size:      lenOf(r),
		untouched: func() bool { return read.Load() == 0 },
		open: func() (io.ReadCloser, error) {
			if opened.Swap(true) && read.Load() > 0 {
				return nil, errReadOnce
			}
			return io.NopCloser(readCounter{r, &read}), nil
		},
	}
}

// readCounter counts the bytes read through it.
type readCounter struct {
	r io.Reader
	n *atomic.Int64
}

func (c readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// seekerSource reads rs from its current offset, rewinding there for each
// read.
func seekerSource(rs io.ReadSeeker) (source, error) {
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return source{}, fmt.Errorf("envelope: document reader: %w", err)
	}
	end, err := rs.Seek(0, io.SeekEnd)
	if err != nil {
		return source{}, fmt.Errorf("envelope: document reader: %w", err)
	}
	// One reader serves every attempt, so an attempt may use it only once
	// the previous one is done with it: net/http may still be writing an
	// answered attempt's body when the next one starts. A busy reader
	// fails the open, which stops the retry rather than mixing two reads.
	busy := make(chan struct{}, 1)
	open := func() (io.ReadCloser, error) {
		select {
		case busy <- struct{}{}:
		default:
			return nil, errors.New("envelope: the document reader is still being " +
				"read by the previous attempt")
		}
		if _, err := rs.Seek(start, io.SeekStart); err != nil {
			<-busy
			return nil, err
		}
		return &releaseOnClose{Reader: rs, release: func() { <-busy }}, nil
	}
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return source{}, fmt.Errorf("envelope: document reader: %w", err)
	}
	return source{open: open, size: end - start, reusable: true}, nil
}

// releaseOnClose hands a shared reader back, once, when an attempt closes it.
type releaseOnClose struct {
	io.Reader
	once    sync.Once
	release func()
}

func (r *releaseOnClose) Close() error {
	r.once.Do(r.release)
	return nil
}

// WriteTo keeps the shared reader's own WriteTo, if it has one, in use.
func (r *releaseOnClose) WriteTo(w io.Writer) (int64, error) { return io.Copy(w, r.Reader) }

// knownSize returns the document's length when it is known without
// reading it, or -1.
func (d Document) knownSize() int64 {
	if d.open != nil {
		return d.size
	}
	return lenOf(d.Content)
}

// lenOf returns the unread length of readers that know it (bytes.Reader,
// strings.Reader, bytes.Buffer), or -1.
func lenOf(r io.Reader) int64 {
	if l, ok := r.(interface{ Len() int }); ok {
		return int64(l.Len())
	}
	return -1
}

// extension returns name's extension, lower case, without the dot.
func extension(name string) string {
	return strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
}

// contentType returns the media type of a document part, by extension.
func contentType(ext string) string {
	switch strings.ToLower(ext) {
	case "pdf", "":
		return "application/pdf"
	case "doc", "dot":
		return "application/msword"
	case "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case "xls":
		return "application/vnd.ms-excel"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "ppt", "pps", "pot":
		return "application/vnd.ms-powerpoint"
	case "pptx":
		return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	case "txt":
		return "text/plain"
	case "csv":
		return "text/csv"
	case "rtf":
		return "application/rtf"
	case "htm", "html":
		return "text/html"
	}
	if t := mime.TypeByExtension("." + ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
