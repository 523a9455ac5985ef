package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// MaxSignatureHeaders is how many X-DocuSign-Signature-N headers Verify
// examines at most: those numbered 1 to MaxSignatureHeaders. Headers with a
// higher number are ignored, so a request with thousands of them costs no
// more than one with a hundred. DocuSign sends one header per HMAC key of
// the account; the published limit on keys is not confirmed, and 100 is the
// highest figure seen.
const MaxSignatureHeaders = 100

// signaturePrefix is the canonical form of the header name without its
// number, as net/http stores it.
const signaturePrefix = "X-Docusign-Signature-"

// macSize is the length of an HMAC-SHA256 value, and encodedMACSize that of
// its standard padded base64 encoding.
const (
	macSize        = sha256.Size
	encodedMACSize = (macSize + 2) / 3 * 4
)

// Verifier checks that a Connect message was signed by DocuSign with one of
// the account's HMAC keys. It holds the keys and is safe for concurrent use.
// Printing or logging a Verifier shows how many keys it has, never the keys.
type Verifier struct {
	keys []secret
}

// NewVerifier returns a Verifier that accepts a message signed with any of
// keys, each the HMAC secret exactly as DocuSign showed it when it was
// created (a 44-character string that looks like base64 but is used as it
// is, never decoded). Give both the old and the new key while rotating.
//
// It fails with no key, or with an empty one: there is no way to build a
// Verifier that accepts unsigned messages.
func NewVerifier(keys ...string) (*Verifier, error) {
	if len(keys) == 0 {
		return nil, errors.New("webhook: NewVerifier needs at least one HMAC key; " +
			"copy it from the Connect settings of the DocuSign account")
	}
	v := &Verifier{keys: make([]secret, 0, len(keys))}
	for i, k := range keys {
		if k == "" {
			return nil, fmt.Errorf("webhook: NewVerifier: key %d of %d is empty; "+
				"pass only the keys the account has", i+1, len(keys))
		}
		if strings.TrimSpace(k) != k {
			return nil, fmt.Errorf("webhook: NewVerifier: key %d of %d starts or ends "+
				"with white space; copy the key without it", i+1, len(keys))
		}
		v.keys = append(v.keys, secret(k))
	}
	return v, nil
}

// Verify returns nil when one of the X-DocuSign-Signature-N headers of h is
// the HMAC-SHA256 of body under one of the Verifier's keys. body must be the
// exact bytes received, before any parsing: re-encoding or re-indenting
// JSON, adding or removing a final newline, or changing line endings all
// break the signature.
//
// Headers are looked up case-insensitively, any number from 1 to
// MaxSignatureHeaders counts (gaps are fine), and any match wins, so keys
// can be rotated without downtime. Each key's MAC is computed once, and
// compared with hmac.Equal in constant time against each header's decoded
// bytes.
//
// Decoding is strict: a header counts only when it is exactly a standard,
// padded base64 encoding of 32 bytes, with nothing around it. URL-safe or
// unpadded base64, hex, a "sha256=" prefix or spaces count as no match.
//
// The error is ErrNotSigned when there is no signature header, and
// otherwise matches ErrNoValidSignature (and ErrMalformedSignature when no
// header could be decoded).
func (v *Verifier) Verify(body []byte, h http.Header) error {
	if v == nil || len(v.keys) == 0 {
		return errors.New("webhook: Verify on a Verifier not built by NewVerifier")
	}
	candidates, present := signatureHeaders(h)
	if !present {
		return ErrNotSigned
	}
	if len(candidates) == 0 {
		return verifyError{malformed: true}
	}
	var computed [macSize]byte
	for _, key := range v.keys {
		mac := hmac.New(sha256.New, key)
		mac.Write(body)
		sum := mac.Sum(computed[:0])
		for i := range candidates {
			if hmac.Equal(sum, candidates[i][:]) {
				return nil
			}
		}
	}
	return verifyError{}
}

// signatureHeaders returns the decoded values of the signature headers of h
// numbered 1 to MaxSignatureHeaders, and whether h has any signature header
// at all. It walks the header map once rather than probing each number, and
// keeps only the first value of each header.
func signatureHeaders(h http.Header) (decoded [][macSize]byte, present bool) {
	seen := 0
	for name, values := range h {
		if len(name) <= len(signaturePrefix) ||
			!strings.EqualFold(name[:len(signaturePrefix)], signaturePrefix) {
			continue
		}
		present = true
		if !validHeaderNumber(name[len(signaturePrefix):]) || len(values) == 0 {
			continue
		}
		if seen++; seen > MaxSignatureHeaders {
			break
		}
		if d, ok := decodeSignature(values[0]); ok {
			decoded = append(decoded, d)
		}
	}
	return decoded, present
}

// validHeaderNumber reports whether s is a decimal number from 1 to
// MaxSignatureHeaders without a leading zero.
func validHeaderNumber(s string) bool {
	if s == "" || s[0] == '0' || len(s) > 3 {
		return false
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= MaxSignatureHeaders
}

// decodeSignature decodes a header value that is exactly the standard,
// padded base64 encoding of a 32-byte MAC.
func decodeSignature(value string) ([macSize]byte, bool) {
	var out [macSize]byte
	// The length check also rules out the line breaks that the base64
	// decoder would otherwise skip. 44 characters without padding decode to
	// 33 bytes, so the buffer has room for one more than a MAC.
	if len(value) != encodedMACSize {
		return out, false
	}
	var buf [macSize + 1]byte
	n, err := base64.StdEncoding.Strict().Decode(buf[:], []byte(value))
	if err != nil || n != macSize {
		return out, false
	}
	copy(out[:], buf[:n])
	return out, true
}

// Sign returns the value DocuSign puts in an X-DocuSign-Signature-N header
// for body under key: the standard base64 encoding of HMAC-SHA256(key,
// body), with key's UTF-8 bytes as the HMAC key. Use it to sign deliveries in
// tests of a handler.
func Sign(body []byte, key string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
