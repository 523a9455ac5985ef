package webhook

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"
)

// fuzzKeys are the keys of the Verifier the fuzz targets and A20 check.
var fuzzKeys = []string{testKey, "k2"}

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
	v := mustVerifier(f, fuzzKeys...)
	f.Fuzz(func(t *testing.T, body []byte, sig1 string, n1 uint8, sig2 string, n2 uint8) {
		checkVerify(t, v, body, sig1, n1, sig2, n2)
	})
}

// checkVerify fails t unless Verify, given sig1 and sig2 in the signature
// headers numbered n1 and n2, succeeds exactly when one of the examined
// headers is, byte for byte, the signature of body under one of fuzzKeys.
func checkVerify(t *testing.T, v *Verifier, body []byte, sig1 string, n1 uint8, sig2 string,
	n2 uint8) {
	t.Helper()
	h := http.Header{}
	h.Add(fmt.Sprintf("X-DocuSign-Signature-%d", n1), sig1)
	h.Add(fmt.Sprintf("X-DocuSign-Signature-%d", n2), sig2)
	err := v.Verify(body, h)

	examined := func(n uint8) bool { return n >= 1 && int(n) <= MaxSignatureHeaders }
	want := false
	for _, k := range fuzzKeys {
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
	f.Fuzz(checkParse)
}

// checkParse fails t unless Parse either returns an error matching one of
// its sentinels and no event, or a usable event: a known type, a format, a
// dedupe key, an envelope ID for an envelope or recipient event, and
// documents that can be read.
func checkParse(t *testing.T, body []byte) {
	t.Helper()
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
}

// TestA20_VerifyAndParseHoldOnMangledMessages runs the fuzz targets'
// checks over the samples mangled at random (a seeded generator, so every
// run checks the same inputs): Verify never panics and accepts only a
// header holding a configured key's MAC of the exact body, and Parse never
// panics and returns an event or one of its errors. `go test -fuzz`
// explores further from the same checks.
func TestA20_VerifyAndParseHoldOnMangledMessages(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20, 20))
	v := mustVerifier(t, fuzzKeys...)
	for _, name := range []string{fullJSON, minimalSIM, xmlDone, xmlSent} {
		original := readSample(t, name)
		for range 250 {
			body := mangle(rng, original)
			sigs := []string{Sign(body, fuzzKeys[rng.IntN(2)]), Sign(original, testKey),
				Sign(body, otherKey), "", "not base64"}
			checkVerify(t, v, body, sigs[rng.IntN(len(sigs))], uint8(rng.IntN(110)),
				sigs[rng.IntN(len(sigs))], uint8(rng.IntN(110)))
			checkParse(t, body)
		}
	}
}

// mangle returns a copy of b with one to three random changes: a byte
// flipped, replaced by a JSON or XML delimiter, removed or doubled, or the
// copy cut short.
func mangle(rng *rand.Rand, b []byte) []byte {
	out := append([]byte(nil), b...)
	const delimiters = `{}[]<>"\:,/= `
	for range 1 + rng.IntN(3) {
		if len(out) == 0 {
			return out
		}
		i := rng.IntN(len(out))
		switch rng.IntN(5) {
		case 0:
			out[i] ^= byte(1 << rng.IntN(8))
		case 1:
			out[i] = delimiters[rng.IntN(len(delimiters))]
		case 2:
			out = append(out[:i], out[i+1:]...)
		case 3:
			out = append(out[:i+1], out[i:]...)
		default:
			out = out[:i]
		}
	}
	return out
}
