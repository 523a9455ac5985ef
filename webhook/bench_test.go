package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchPayloads are the two messages of the benchmarks: the real 4 KB
// envelope-completed sample, and the same message with about 30 MB of
// documents included (a 22 MB contract and a 0.4 MB certificate,
// base64-encoded in PDFBytes).
func benchPayloads(b *testing.B) map[string][]byte {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	content := make([]byte, 22<<20)
	for i := range content {
		content[i] = byte(rng.Uint32())
	}
	return map[string][]byte{
		"json-4KB":               readSample(b, fullJSON),
		"include-documents-30MB": includeDocumentsJSON(b, content, content[:400<<10]),
	}
}

// BenchmarkVerifyParse measures what the Handler does with a delivery once
// it has the body: verify the HMAC, then parse. Compare it with
// BenchmarkFloor on the same payload.
func BenchmarkVerifyParse(b *testing.B) {
	v := mustVerifier(b, testKey)
	for _, name := range []string{"json-4KB", "include-documents-30MB"} {
		body := benchPayloads(b)[name]
		h := http.Header{"X-Docusign-Signature-1": {Sign(body, testKey)}}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Verify(body, h); err != nil {
					b.Fatal(err)
				}
				ev, err := Parse(body)
				if err != nil || ev.EnvelopeID == "" {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFloor is the least any verifying parser does: one HMAC-SHA256
// over the body and a generic JSON decode.
func BenchmarkFloor(b *testing.B) {
	for _, name := range []string{"json-4KB", "include-documents-30MB"} {
		body := benchPayloads(b)[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				mac := hmac.New(sha256.New, []byte(testKey))
				mac.Write(body)
				_ = mac.Sum(nil)
				var m map[string]any
				if err := json.Unmarshal(body, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHandler measures a whole delivery through the Handler, reading
// the body included, with a function that does nothing.
func BenchmarkHandler(b *testing.B) {
	v := mustVerifier(b, testKey)
	for _, name := range []string{"json-4KB", "include-documents-30MB"} {
		body := benchPayloads(b)[name]
		sig := Sign(body, testKey)
		h := NewHandler(v, func(context.Context, *Event) error { return nil }, WithDedupe(0, 0))
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
				req.Header.Set("X-DocuSign-Signature-1", sig)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
			}
		})
	}
}
