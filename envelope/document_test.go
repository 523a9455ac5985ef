package envelope

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readSource(t *testing.T, src source) string {
	t.Helper()
	rc, err := src.open()
	require.NoError(t, err)
	defer rc.Close()
	data, err := io.ReadAll(rc)
	require.NoError(t, err)
	return string(data)
}

func TestFileDocumentReopensTheFileForEachSend(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "Contract 14.PDF")
	require.NoError(t, os.WriteFile(path, []byte("%PDF-1.7 body"), 0o600))

	doc, err := NewFileDocument("1", path)
	require.NoError(t, err)
	assert.Equal(t, "Contract 14.PDF", doc.Name)
	assert.Equal(t, "pdf", doc.FileExtension)
	assert.EqualValues(t, 13, doc.knownSize())
	src, err := doc.source()
	require.NoError(t, err)
	assert.True(t, src.reusable)
	assert.EqualValues(t, 13, src.size)
	assert.Equal(t, "%PDF-1.7 body", readSource(t, src))
	assert.Equal(t, "%PDF-1.7 body", readSource(t, src), "a second send reads it again")

	require.NoError(t, os.WriteFile(path, []byte("%PDF-1.7 longer body"), 0o600))
	_, err = src.open()
	assert.ErrorContains(t, err, "changed size", "a file that changed is not sent half-read")
}

func TestFileDocumentRefusesWhatIsNotAFile(t *testing.T) {
	t.Parallel()
	_, err := NewFileDocument("1", filepath.Join(t.TempDir(), "missing.pdf"))
	assert.ErrorContains(t, err, "document 1")
	_, err = NewFileDocument("2", t.TempDir())
	assert.ErrorContains(t, err, "not a regular file")
}

func TestBytesDocumentIsReusable(t *testing.T) {
	t.Parallel()
	doc := NewBytesDocument("2", "terms.docx", []byte("PK\x03\x04"))
	assert.Equal(t, "docx", doc.FileExtension)
	src, err := doc.source()
	require.NoError(t, err)
	assert.True(t, src.reusable)
	assert.EqualValues(t, 4, src.size)
	assert.Equal(t, "PK\x03\x04", readSource(t, src))
	assert.Equal(t, "PK\x03\x04", readSource(t, src))
}

func TestReaderDocumentIsReadOnce(t *testing.T) {
	t.Parallel()
	doc := NewReaderDocument("3", "scan.pdf", io.MultiReader(strings.NewReader("%PDF")))
	assert.EqualValues(t, -1, doc.knownSize())
	src, err := doc.source()
	require.NoError(t, err)
	assert.False(t, src.reusable)
	assert.EqualValues(t, -1, src.size)
	assert.Equal(t, "%PDF", readSource(t, src))
	_, err = src.open()
	assert.ErrorIs(t, err, errReadOnce)
}

func TestReadSeekerDocumentRewindsToWhereItStood(t *testing.T) {
	t.Parallel()
	r := bytes.NewReader([]byte("skip:%PDF"))
	_, err := r.Seek(5, io.SeekStart)
	require.NoError(t, err)
	doc := Document{ID: "4", Name: "a.pdf", Content: r}
	assert.EqualValues(t, 4, doc.knownSize())
	src, err := doc.source()
	require.NoError(t, err)
	assert.True(t, src.reusable)
	assert.EqualValues(t, 4, src.size)
	assert.Equal(t, "%PDF", readSource(t, src))
	assert.Equal(t, "%PDF", readSource(t, src))
}

func TestDocumentWithoutContent(t *testing.T) {
	t.Parallel()
	_, err := Document{ID: "5"}.source()
	assert.ErrorContains(t, err, "document 5 has no content")
}

func TestDocumentFuncKeepsUnknownSize(t *testing.T) {
	t.Parallel()
	doc := NewDocumentFunc("6", "blob.pdf", -7, func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader("x")), nil
	})
	assert.EqualValues(t, -1, doc.knownSize())
}

func TestContentTypeByExtension(t *testing.T) {
	t.Parallel()
	for ext, want := range map[string]string{
		"pdf":  "application/pdf",
		"PDF":  "application/pdf",
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"doc":  "application/msword",
		"txt":  "text/plain",
		"png":  "image/png",
		"xyz":  "application/octet-stream",
	} {
		assert.Equal(t, want, contentType(ext), ext)
	}
}

func TestReadSeekerDocumentServesOneAttemptAtATime(t *testing.T) {
	t.Parallel()
	doc := NewReaderDocument("1", "c.pdf", strings.NewReader("%PDF-1.4 shared"))
	src, err := doc.source()
	require.NoError(t, err)

	first, err := src.open()
	require.NoError(t, err)
	_, err = src.open()
	require.ErrorContains(t, err, "still being read by the previous attempt")

	require.NoError(t, first.Close())
	require.NoError(t, first.Close(), "closing twice hands it back once")
	second, err := src.open()
	require.NoError(t, err)
	data, err := io.ReadAll(second)
	require.NoError(t, err)
	assert.Equal(t, "%PDF-1.4 shared", string(data))
	_, err = src.open()
	require.Error(t, err, "the second close did not free it twice")
	require.NoError(t, second.Close())
}
