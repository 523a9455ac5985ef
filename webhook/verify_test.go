package webhook

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey    = "fake-connect-hmac-secret-for-tests"
	otherKey   = "sample-hmac-key"
	fullJSON   = "json-sim-envelope-completed-full.json"
	minimalSIM = "json-sim-recipient-completed-minimal.json"
	xmlDone    = "xml-legacy-envelope-completed.xml"
	xmlSent    = "xml-legacy-envelope-sent.xml"
)

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func signed(sigs ...string) http.Header {
	h := http.Header{}
	for i, s := range sigs {
		h.Set(fmt.Sprintf("X-DocuSign-Signature-%d", i+1), s)
	}
	return h
}

func mustVerifier(t testing.TB, keys ...string) *Verifier {
	t.Helper()
	v, err := NewVerifier(keys...)
	require.NoError(t, err)
	return v
}

type vector struct{ file, secret, signature string }

// readVectors reads every row of the table in testdata/HMAC-VECTORS.md, so
// that a vector added there is tested without touching this file.
func readVectors(t *testing.T) []vector {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "HMAC-VECTORS.md"))
	require.NoError(t, err)
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) != 6 || !strings.HasSuffix(strings.TrimSpace(cells[1]), ".json") &&
			!strings.HasSuffix(strings.TrimSpace(cells[1]), ".xml") {
			continue
		}
		out = append(out, vector{
			file:      strings.TrimSpace(cells[1]),
			secret:    strings.Trim(strings.TrimSpace(cells[3]), "`"),
			signature: strings.Trim(strings.TrimSpace(cells[4]), "`"),
		})
	}
	require.NoError(t, sc.Err())
	return out
}

func TestHMACVectors_EveryPublishedVectorVerifiesAndSignMatches(t *testing.T) {
	t.Parallel()
	vectors := readVectors(t)
	require.Len(t, vectors, 6, "HMAC-VECTORS.md has six file vectors")
	for _, vec := range vectors {
		t.Run(vec.file+"/"+vec.secret, func(t *testing.T) {
			t.Parallel()
			body := readSample(t, vec.file)
			assert.Equal(t, vec.signature, Sign(body, vec.secret))
			v := mustVerifier(t, vec.secret)
			assert.NoError(t, v.Verify(body, signed(vec.signature)))
		})
	}
	t.Run("inline", func(t *testing.T) {
		body := []byte(`{"event":"envelope-completed"}`)
		want := "7XUqpoO0ceDbWa35QPy+EAPdrBoLtO9CUNOGdczMACA="
		assert.Equal(t, want, Sign(body, testKey))
		assert.NoError(t, mustVerifier(t, testKey).Verify(body, signed(want)))
	})
}

func TestNewVerifier_RefusesWhiteSpaceAroundAKey(t *testing.T) {
	t.Parallel()
	_, err := NewVerifier(" " + testKey + "\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "key 1 of 1")
	assert.NotContains(t, err.Error(), testKey)
}

func TestA2_HeaderSpellingVariantsAreFound(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	sig := Sign(body, testKey)
	v := mustVerifier(t, testKey)
	for _, name := range []string{
		"X-DocuSign-Signature-1", "x-docusign-signature-1", "X-Docusign-Signature-1",
		"X-DOCUSIGN-SIGNATURE-1",
	} {
		t.Run("Set "+name, func(t *testing.T) {
			h := http.Header{}
			h.Set(name, sig)
			assert.NoError(t, v.Verify(body, h))
		})
		t.Run("raw map key "+name, func(t *testing.T) {
			assert.NoError(t, v.Verify(body, http.Header{name: {sig}}))
		})
	}
}

func TestA3_NoSignatureHeaderIsErrNotSigned(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	v := mustVerifier(t, testKey)
	for name, h := range map[string]http.Header{
		"nil":                    nil,
		"empty":                  {},
		"unrelated":              {"X-Authorization-Digest": {"HMACSHA256"}, "Content-Type": {"a/b"}},
		"prefix only, no number": {"X-Docusign-Signature-": {Sign(body, testKey)}},
	} {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, v.Verify(body, h), ErrNotSigned)
			assertRefused(t, v, body, h)
		})
	}
}

func TestA4_EmptySignatureHeaderIsMalformed(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	v := mustVerifier(t, testKey)
	for name, h := range map[string]http.Header{
		"empty value": {"X-Docusign-Signature-1": {""}},
		"no values":   {"X-Docusign-Signature-1": {}},
	} {
		t.Run(name, func(t *testing.T) {
			err := v.Verify(body, h)
			assert.ErrorIs(t, err, ErrNoValidSignature)
			assert.ErrorIs(t, err, ErrMalformedSignature)
			assert.NotErrorIs(t, err, ErrNotSigned)
			assertRefused(t, v, body, h)
		})
	}
}

func TestA5_BodyTamperedAfterSigningIsRejected(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	v := mustVerifier(t, testKey)

	var parsed any
	require.NoError(t, json.Unmarshal(body, &parsed))
	compact, err := json.Marshal(parsed)
	require.NoError(t, err)
	pretty, err := json.MarshalIndent(parsed, "", "  ")
	require.NoError(t, err)
	xml := readSample(t, xmlDone)

	flip := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 0x01
		return c
	}
	crlf := bytes.ReplaceAll(xml, []byte("\n"), []byte("\r\n"))
	for name, tc := range map[string]struct {
		signed, sent []byte
	}{
		"first byte flipped":     {body, flip(body, 0)},
		"middle byte flipped":    {body, flip(body, len(body)/2)},
		"last byte flipped":      {body, flip(body, len(body)-1)},
		"trailing newline added": {body, append(bytes.Clone(body), '\n')},
		"re-serialized":          {body, compact},
		"pretty-printed":         {body, pretty},
		"truncated":              {body, body[:len(body)-1]},
		"emptied":                {body, nil},
		"LF to CRLF":             {xml, crlf},
		"CRLF to LF":             {crlf, xml},
		"final newline removed":  {append(bytes.Clone(xml), '\n'), xml},
	} {
		t.Run(name, func(t *testing.T) {
			require.NotEqual(t, string(tc.signed), string(tc.sent))
			h := signed(Sign(tc.signed, testKey))
			require.NoError(t, v.Verify(tc.signed, h))
			assert.ErrorIs(t, v.Verify(tc.sent, h), ErrNoValidSignature)
			assertRefused(t, v, tc.sent, h)
		})
	}
}

func TestA6_SignedWithADifferentSecretIsRejected(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	v := mustVerifier(t, testKey)
	h := signed(Sign(body, otherKey))
	err := v.Verify(body, h)
	assert.ErrorIs(t, err, ErrNoValidSignature)
	assert.NotErrorIs(t, err, ErrMalformedSignature)
	assertRefused(t, v, body, h)
}

func TestA7_RotationAcceptsEitherConfiguredKey(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	const oldKey, newKey, strayKey = "old-key", "new-key", "stray-key"
	v := mustVerifier(t, oldKey, newKey)
	assert.NoError(t, v.Verify(body, signed(Sign(body, oldKey))), "old only")
	assert.NoError(t, v.Verify(body, signed(Sign(body, newKey))), "new only")
	assert.NoError(t, v.Verify(body, signed(Sign(body, strayKey), Sign(body, newKey))),
		"DocuSign sends one header per account key; one of ours is enough")
	assert.ErrorIs(t, v.Verify(body, signed(Sign(body, strayKey))), ErrNoValidSignature,
		"neither")
	assertRefused(t, v, body, signed(Sign(body, strayKey)))
	for _, key := range []string{oldKey, newKey} {
		th := newTestHandler(t, v)
		assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, key))).Code)
		assert.Equal(t, 1, th.rec.count())
	}
}

func TestA8_EveryPresentHeaderIsConsideredEvenWithGaps(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	good, bad := Sign(body, testKey), Sign(body, otherKey)
	v := mustVerifier(t, testKey)
	assert.NoError(t, v.Verify(body, signed(bad, bad, good)), "only -3 valid")
	gap := http.Header{}
	gap.Set("X-DocuSign-Signature-1", bad)
	gap.Set("X-DocuSign-Signature-3", good)
	assert.NoError(t, v.Verify(body, gap), "-1 and -3, no -2")
	high := http.Header{}
	high.Set(fmt.Sprintf("X-DocuSign-Signature-%d", MaxSignatureHeaders), good)
	assert.NoError(t, v.Verify(body, high), "the highest number examined")
}

func TestA9_HostileHeaderCountIsBoundedWork(t *testing.T) {
	// Not parallel: AllocsPerRun refuses to run beside parallel tests.
	body := readSample(t, minimalSIM)
	bad := Sign(body, otherKey)
	good := Sign(body, testKey)
	h := http.Header{}
	for i := 1; i <= 1000; i++ {
		h.Set(fmt.Sprintf("X-DocuSign-Signature-%d", i), bad)
	}
	v := mustVerifier(t, testKey, "second-key")
	decoded, present := signatureHeaders(h)
	assert.True(t, present)
	assert.Len(t, decoded, MaxSignatureHeaders, "at most the documented cap is decoded")

	assert.ErrorIs(t, v.Verify(body, h), ErrNoValidSignature)
	assertRefused(t, v, body, h)
	h.Set(fmt.Sprintf("X-DocuSign-Signature-%d", MaxSignatureHeaders+1), good)
	assert.ErrorIs(t, v.Verify(body, h), ErrNoValidSignature,
		"headers numbered past the cap are not examined")
	h.Set("X-DocuSign-Signature-7", good)
	assert.NoError(t, v.Verify(body, h), "a match within the cap is found")

	allocs := testing.AllocsPerRun(20, func() { _ = v.Verify(body, h) })
	assert.Less(t, allocs, 40.0, "one HMAC per key, not one per header")

	// A header map built by hand can hold one name in many spellings; the
	// cap counts each of them.
	variants := http.Header{}
	for i := 0; len(variants) < 2*MaxSignatureHeaders; i++ {
		name := []byte("x-docusign-signature-1")
		for j, c := range name {
			if i>>j&1 == 1 && c >= 'a' && c <= 'z' {
				name[j] = c - 'a' + 'A'
			}
		}
		variants[string(name)] = []string{bad}
	}
	decoded, _ = signatureHeaders(variants)
	assert.Len(t, decoded, MaxSignatureHeaders, "spellings of one name count against the cap")
	assert.ErrorIs(t, v.Verify(body, http.Header{"X-Docusign-Signature-07": {good}}),
		ErrNoValidSignature, "nor does a number written with a leading zero count")
}

func TestA10_NonCanonicalEncodingsCountAsNoMatch(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	mac := hmac.New(sha256.New, []byte(testKey))
	mac.Write(body)
	raw := mac.Sum(nil)
	good := base64.StdEncoding.EncodeToString(raw)
	require.Equal(t, good, Sign(body, testKey))
	require.Contains(t, good, "+", "this vector has a character that differs in URL-safe base64")
	v := mustVerifier(t, testKey)
	require.NoError(t, v.Verify(body, signed(good)))

	for name, value := range map[string]string{
		"not base64":         strings.Repeat("!", len(good)),
		"URL-safe alphabet":  base64.URLEncoding.EncodeToString(raw),
		"unpadded":           base64.RawStdEncoding.EncodeToString(raw),
		"31 decoded bytes":   base64.StdEncoding.EncodeToString(raw[:31]),
		"33 decoded bytes":   base64.StdEncoding.EncodeToString(append(bytes.Clone(raw), 0)),
		"hex digest":         hex.EncodeToString(raw),
		"sha256= prefix":     "sha256=" + good,
		"leading space":      " " + good,
		"trailing space":     good + " ",
		"trailing newline":   good + "\n",
		"embedded newline":   good[:20] + "\n" + good[20:43],
		"non-zero pad bits":  good[:42] + string(good[42]+1) + "=",
		"double padding":     good[:43] + "==",
		"lower-cased base64": strings.ToLower(good),
	} {
		t.Run(name, func(t *testing.T) {
			require.NotEqual(t, good, value)
			var err error
			assert.NotPanics(t, func() { err = v.Verify(body, signed(value)) })
			assert.ErrorIs(t, err, ErrNoValidSignature)
			assertRefused(t, v, body, signed(value))
		})
	}
}

func TestA11_NoKeysMeansNoVerifier(t *testing.T) {
	t.Parallel()
	for name, keys := range map[string][]string{
		"no keys":        nil,
		"empty slice":    {},
		"one empty key":  {""},
		"an empty among": {testKey, ""},
	} {
		t.Run(name, func(t *testing.T) {
			v, err := NewVerifier(keys...)
			assert.Error(t, err)
			assert.Nil(t, v)
		})
	}
	t.Run("a handler without a verifier answers 500 to everything", func(t *testing.T) {
		body := readSample(t, minimalSIM)
		th := newTestHandler(t, nil)
		w := th.post(body, signed(Sign(body, testKey)))
		assert.Equal(t, http.StatusInternalServerError, w.Code)
		assert.Zero(t, th.spy.calls.Load())
		assert.Zero(t, th.rec.count())
	})
	t.Run("zero Verifier refuses", func(t *testing.T) {
		body := readSample(t, minimalSIM)
		h := signed(Sign(body, ""))
		assert.Error(t, (&Verifier{}).Verify(body, h))
		var nilV *Verifier
		assert.Error(t, nilV.Verify(body, h))
	})
}

func TestA12_Base64LookingKeyIsUsedVerbatim(t *testing.T) {
	t.Parallel()
	// Computed with openssl, independently of this package:
	//   openssl dgst -sha256 -hmac "$KEY" -binary FILE | base64
	// and, for the wrong reading that decodes the key first,
	//   openssl dgst -sha256 -mac HMAC -macopt hexkey:$(decoded key) ...
	const key = "Qm9yZWRBbmRCYXNlNjRMb29raW5nS2V5Rm9yVGVzdHM="
	const verbatim = "6wRBRZsyd0mbDwrFkon0TO2h6egL3cjra2S0mEfgPzw="
	const decodedKey = "ThgXF2LP7owztf86rsj5Fm2dygruJmRHFW97VhhJkWA="
	_, err := base64.StdEncoding.DecodeString(key)
	require.NoError(t, err, "the key must really look like base64")

	body := readSample(t, fullJSON)
	v := mustVerifier(t, key)
	assert.Equal(t, verbatim, Sign(body, key))
	assert.NoError(t, v.Verify(body, signed(verbatim)))
	assert.ErrorIs(t, v.Verify(body, signed(decodedKey)), ErrNoValidSignature)
	assertRefused(t, v, body, signed(decodedKey))
	th := newTestHandler(t, v)
	assert.Equal(t, http.StatusOK, th.post(body, signed(verbatim)).Code)
}

func TestA17_MismatchInFirstOrLastByteIsRejected(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	mac := hmac.New(sha256.New, []byte(testKey))
	mac.Write(body)
	raw := mac.Sum(nil)
	v := mustVerifier(t, testKey)
	for _, i := range []int{0, len(raw) - 1} {
		wrong := bytes.Clone(raw)
		wrong[i] ^= 0x80
		err := v.Verify(body, signed(base64.StdEncoding.EncodeToString(wrong)))
		assert.ErrorIs(t, err, ErrNoValidSignature, "byte %d", i)
	}
}

func TestVerifier_PrintsNoKey(t *testing.T) {
	t.Parallel()
	v := mustVerifier(t, testKey, otherKey)
	holder := struct {
		V  *Verifier
		VV Verifier
	}{v, *v}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		for _, val := range []any{v, *v, holder, &holder, v.keys, v.keys[0]} {
			out := fmt.Sprintf(verb, val)
			assert.NotContains(t, out, testKey, verb)
			assert.NotContains(t, out, otherKey, verb)
			assert.NotContains(t, out, hex.EncodeToString([]byte(testKey))[:16], verb)
			assert.NotContains(t, out, "102 97 107 101", verb) // "fake" as %d bytes
		}
	}
	j, err := json.Marshal(holder)
	require.NoError(t, err)
	assert.NotContains(t, string(j), testKey)
	assert.NotContains(t, string(j), base64.StdEncoding.EncodeToString([]byte(testKey))[:12])
}
