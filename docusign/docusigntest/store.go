package docusigntest

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// document is one uploaded document. Its bytes are kept in memory up to
// memDocLimit and in a file of the server's temporary directory beyond, so
// that a large multipart upload does not grow the heap.
type document struct {
	id, guid  string
	name, ext string
	order     int
	size      int64
	data      []byte
	path      string
}

const memDocLimit = 1 << 20

// storeContent reads r to its end into memory or, past memDocLimit, into a
// temporary file.
func (s *Server) storeContent(r io.Reader) (data []byte, path string, size int64, err error) {
	var buf bytes.Buffer
	n, err := io.CopyN(&buf, r, memDocLimit+1)
	if err == io.EOF {
		return buf.Bytes(), "", n, nil
	}
	if err != nil {
		return nil, "", 0, err
	}
	f, err := os.CreateTemp(s.tmpDir, "doc-*")
	if err != nil {
		return nil, "", 0, fmt.Errorf("storing a document: %w", err)
	}
	defer f.Close()
	m, err := io.Copy(f, io.MultiReader(&buf, r))
	if err != nil {
		os.Remove(f.Name())
		return nil, "", 0, err
	}
	return nil, f.Name(), m, nil
}

// open returns the document's bytes, exactly as uploaded.
func (d *document) open() (io.ReadCloser, error) {
	if d.path == "" {
		return io.NopCloser(bytes.NewReader(d.data)), nil
	}
	return os.Open(d.path)
}

// bytes reads the whole document, for the places that embed it (Connect
// payloads with documents, the archive).
func (d *document) bytes() ([]byte, error) {
	rc, err := d.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func (d *document) remove() {
	if d.path != "" {
		os.Remove(d.path)
	}
}

// head returns the document's first n bytes, to tell a PDF by its header.
func (d *document) head(n int) []byte {
	if d.path == "" {
		return d.data[:min(n, len(d.data))]
	}
	f, err := os.Open(d.path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, n)
	k, _ := io.ReadFull(f, b)
	return b[:k]
}
