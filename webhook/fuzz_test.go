package webhook

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
)

// FuzzVerify checks that Verify never panics and that it succeeds exactly
// when one of the examined headers is, byte for byte, the signature of the
// body under one of the configured keys.
func FuzzVerify(f *testing.F) {
	for _, name := range []string{fullJSON, minimalSIM, xmlDone, xmlSent} {
		body := readSample(f, name)
		f.Add(body, Sign(body, testKey), uint8(1), "", uint8(2))
		f.Add(body, Sign(body, otherKey), uint8(3), Sign(body, "k2"), uint8(7))
	}
	f.Add([]byte{}, "", uint8(0), "=", uint8(255))
	f.Add([]byte("x"), base64.URLEncoding.EncodeToString(make([]byte, 32)), uint8(1),
		"sha256=abc", uint8(101))
	keys := []string{testKey, "k2"}
	v, err := NewVerifier(keys...)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, sig1 string, n1 uint8, sig2 string, n2 uint8) {
		h := http.Header{}
		h.Add(fmt.Sprintf("X-DocuSign-Signature-%d", n1), sig1)
		h.Add(fmt.Sprintf("X-DocuSign-Signature-%d", n2), sig2)
		err := v.Verify(body, h)

		examined := func(n uint8) bool { return n >= 1 && int(n) <= MaxSignatureHeaders }
		want := false
		for _, k := range keys {
			mac := Sign(body, k)
			// Only the first value of a header counts: with n1 == n2 the
			// second value is not examined.
			want = want || (examined(n1) && sig1 == mac) ||
				(examined(n2) && n2 != n1 && sig2 == mac)
		}
		switch {
		case err == nil && !want:
			t.Fatalf("verified without a matching signature: %q %q", sig1, sig2)
		case err != nil && want:
			t.Fatalf("refused a matching signature: %v", err)
		case err != nil && !errors.Is(err, ErrNoValidSignature) && !errors.Is(err, ErrNotSigned):
			t.Fatalf("unexpected error %v", err)
		}
	})
}

// FuzzParse checks that Parse never panics, that every error matches one
// of its sentinels, and that every event it returns is usable: a known
// type, a format, a dedupe key, and documents that can be read.
func FuzzParse(f *testing.F) {
	for _, name := range []string{fullJSON, minimalSIM, xmlDone, xmlSent} {
		f.Add(readSample(f, name))
	}
	f.Add(includeDocumentsJSON(f, []byte("%PDF-1.7"), []byte("certificate")))
	f.Add([]byte(`{"event":"envelope-sent","data":{"envelopeId":"e","envelopeSummary":` +
		`{"envelopeDocuments":[{"PDFBytes":"QU\/JD"}]}}}`))
	f.Add([]byte(`<DocuSignEnvelopeInformation xmlns="http://www.docusign.net/API/3.0">` +
		`<EnvelopeStatus><Status>Sent</Status><EnvelopeID>e</EnvelopeID></EnvelopeStatus>` +
		`<DocumentPDFs><DocumentPDF><PDFBytes>QUJD&#10;</PDFBytes></DocumentPDF>` +
		`</DocumentPDFs></DocuSignEnvelopeInformation>`))
	f.Add([]byte(""))
	f.Add([]byte("{"))
	f.Add([]byte("<"))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := Parse(body)
		if err != nil {
			if ev != nil {
				t.Fatal("an event with an error")
			}
			for _, sentinel := range []error{ErrEmptyBody, ErrUnknownFormat,
				ErrMalformedMessage, ErrUnknownEvent} {
				if errors.Is(err, sentinel) {
					return
				}
			}
			t.Fatalf("error matches no sentinel: %v", err)
		}
		if !ev.Type.Known() || (ev.Format != FormatJSON && ev.Format != FormatXML) {
			t.Fatalf("event of type %q, format %v", ev.Type, ev.Format)
		}
		if ev.DedupeKey() == "" {
			t.Fatal("no dedupe key")
		}
		if !ev.Type.IsTemplate() && ev.EnvelopeID == "" {
			t.Fatal("an envelope event without an envelope ID")
		}
		for _, d := range ev.Documents {
			_, _ = io.Copy(io.Discard, io.LimitReader(d.Open(), 1<<16))
			_ = d.String()
		}
		_, _ = ev.StatusUpdate()
	})
}
