package docusigntest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"runtime"
	"testing"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// BenchmarkMultipartUpload256MiB streams a 256 MiB document through a
// multipart create and reports the bytes allocated per upload: the fake
// spills documents past 1 MiB to a temporary file, so the figure stays far
// below the document's size.
func BenchmarkMultipartUpload256MiB(b *testing.B) {
	const size = 256 << 20
	srv := docusigntest.NewServer()
	defer srv.Close()
	tok, err := srv.IssueToken()
	if err != nil {
		b.Fatal(err)
	}
	def := definition("sent")
	def["documents"] = []any{map[string]any{"documentId": "1", "name": "Big",
		"fileExtension": "pdf"}}
	js, _ := json.Marshal(def)
	url := srv.URL() + "/restapi/v2.1/accounts/" + srv.Account().ID + "/envelopes"
	httpClient := srv.Client()
	chunk := make([]byte, 1<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			h := textproto.MIMEHeader{"Content-Type": {"application/json"},
				"Content-Disposition": {"form-data"}}
			p, _ := mw.CreatePart(h)
			_, _ = p.Write(js)
			h = textproto.MIMEHeader{"Content-Type": {"application/pdf"},
				"Content-Disposition": {`file; filename="Big.pdf"; documentid=1`}}
			p, _ = mw.CreatePart(h)
			for written := 0; written < size; written += len(chunk) {
				if _, err := p.Write(chunk); err != nil {
					pw.CloseWithError(err)
					return
				}
			}
			pw.CloseWithError(mw.Close())
		}()
		req, _ := http.NewRequest(http.MethodPost, url, pr)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := httpClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			b.Fatal(fmt.Sprint("status ", resp.StatusCode))
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20),
		"MiB-alloc/op")
	b.SetBytes(size)
}
