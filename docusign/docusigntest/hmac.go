package docusigntest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
)

// HMACSignature returns the X-DocuSign-Signature-N value DocuSign computes
// for body with key: base64 (standard, padded) of HMAC-SHA256 keyed with the
// key's UTF-8 bytes as typed (a key that looks like base64 is not decoded)
// over the exact body bytes.
func HMACSignature(body []byte, key string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// CheckSignature reports whether any X-DocuSign-Signature-N header of h
// (N from 1 to 100) is body's signature under key, comparing in constant
// time. It is a test helper for listeners' tests; production code should
// use package webhook.
func CheckSignature(body []byte, h http.Header, key string) bool {
	want, _ := base64.StdEncoding.DecodeString(HMACSignature(body, key))
	for n := 1; n <= 100; n++ {
		v := h.Get(fmt.Sprintf("X-DocuSign-Signature-%d", n))
		if v == "" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(v)
		if err == nil && hmac.Equal(got, want) {
			return true
		}
	}
	return false
}

// signatureHeaders adds one X-DocuSign-Signature-N per key to h, and the
// digest name.
func signatureHeaders(h http.Header, body []byte, keys []string) {
	for i, k := range keys {
		h.Set(fmt.Sprintf("X-DocuSign-Signature-%d", i+1), HMACSignature(body, k))
	}
	h.Set("X-Authorization-Digest", "HMACSHA256")
}
