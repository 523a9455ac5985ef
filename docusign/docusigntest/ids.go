package docusigntest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"time"
)

// newGUID returns a random version 4 UUID, the form of DocuSign's IDs.
func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[:8], h[8:12], h[12:16], h[16:20], h[20:])
}

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-` +
	`[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func isGUID(s string) bool { return guidPattern.MatchString(s) }

// newSecret returns n random bytes as unpadded URL-safe base64, for tokens,
// codes and keys.
func newSecret(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// timeFormat writes a timestamp of an answer; the zero time is "".
type timeFormat func(time.Time) string

// restTime is DocuSign's REST timestamp: UTC with seven fractional digits.
const restTime = "2006-01-02T15:04:05.0000000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(restTime)
}

// connectTime is the timestamp of the envelope inside a Connect message:
// DocuSign's captures carry milliseconds with the trailing zeros trimmed
// ("2022-09-22T15:19:24.5Z", "…:40.403Z"), unlike REST answers.
func connectTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.999Z")
}
