package docusign

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestC14_EveryAttemptSendsTheSameBytesAndLength(t *testing.T) {
	t.Parallel()
	payload := []byte(`{"status":"sent","emailSubject":"Please sign"}`)
	file := filepath.Join(t.TempDir(), "body.json")
	require.NoError(t, os.WriteFile(file, payload, 0o600))

	tests := []struct {
		name       string
		in         any
		wantLength int64 // -1: sent chunked
	}{
		{"struct", struct {
			Status       string `json:"status"`
			EmailSubject string `json:"emailSubject"`
		}{"sent", "Please sign"}, int64(len(payload))},
		{"map", map[string]string{"status": "sent", "emailSubject": "Please sign"},
			int64(len(payload))},
		{"bytes", payload, int64(len(payload))},
		{"raw JSON", json.RawMessage(payload), int64(len(payload))},
		{"body of bytes", Body{ContentType: "application/json", Size: int64(len(payload)),
			Open: func() (io.ReadCloser, error) {
				return io.NopCloser(bytes.NewReader(payload)), nil
			}}, int64(len(payload))},
		{"body of a file", &Body{ContentType: "application/json", Size: int64(len(payload)),
			Open: func() (io.ReadCloser, error) { return os.Open(file) }}, int64(len(payload))},
		{"body of unknown size", Body{ContentType: "application/json", Size: -1,
			Open: func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(string(payload))), nil
			}}, -1},
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := script(step{err: refused}, step{status: 500, body: busyBody}, ok200())
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

			_, err := c.Do(t.Context(), http.MethodPut, "/envelopes/e1", tt.in, nil)

			require.NoError(t, err)
			reqs := rt.requests()
			require.Len(t, reqs, 3)
			for _, r := range reqs[1:] {
				assert.JSONEq(t, string(payload), string(r.body))
				assert.Equal(t, tt.wantLength, r.contentLength)
				assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			}
		})
	}
}

func TestDo_OneShotBodyIsNotRetried(t *testing.T) {
	t.Parallel()
	opened := 0
	body := Body{ContentType: "application/pdf", Size: -1, Open: func() (io.ReadCloser, error) {
		opened++
		if opened > 1 {
			return nil, io.ErrUnexpectedEOF
		}
		return io.NopCloser(strings.NewReader("%PDF-1.4")), nil
	}}
	rt := script(step{status: 503, body: busyBody}, ok200())
	c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

	_, err := c.Do(t.Context(), http.MethodPut, "/envelopes/e1/documents/1", body, nil)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot be read again")
	assert.Equal(t, 503, errorAs(t, err).StatusCode, "the answer that stopped it survives")
	assert.Equal(t, 1, rt.attempts())
}

func TestDo_RefusesBodiesItCannotReplay(t *testing.T) {
	t.Parallel()
	rt := script(ok200())
	c := newTestClient(t, rt)

	_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", strings.NewReader("x"), nil)
	assert.ErrorContains(t, err, "docusign.Body")

	_, err = c.Do(t.Context(), http.MethodPost, "/envelopes", Body{}, nil)
	assert.ErrorContains(t, err, "Body.Open is nil")

	_, err = c.Do(t.Context(), http.MethodPost, "/envelopes", func() {}, nil)
	assert.ErrorContains(t, err, "encoding the request body")
	assert.Zero(t, rt.attempts())
}
