package envelope

import (
	"fmt"
	"strings"
	"time"
)

// DocuSign writes almost every scalar as a JSON string: "true", "1",
// "2025-08-31T22:01:23.9770000Z", and sometimes null or "". The models keep
// Go types that callers can compute with (bool, int, time.Time), and every
// model's MarshalJSON and UnmarshalJSON go through marshalModel and
// unmarshalModel (encode.go, decode.go), which walk the struct's fields and
// translate each scalar by its Go type:
//
//	Go type     decoded from                           encoded as
//	string      "x", null, a bare number or boolean    "x"
//	bool        "true" "false" "True" true false "" null  "true" / "false"
//	*bool       as bool; null and "" leave it nil      "true" / "false"
//	int, int64  "12" 12 "" null                        "12"
//	float64     "1.5" 1.5 "" null                      "1.5"
//	time.Time   REST's 7-digit fractions, Connect's     "2006-01-02T15:04:05.0000000Z"
//	            trimmed ones, no zone (read as UTC)
//
// Nested models and slices of them are walked in the same pass, so a whole
// envelope is read in one scan. Fields tagged omitempty are left out when
// zero, as encoding/json does, and nested structs are left out when zero
// too; fields without omitempty are always written, which is how a request
// sends an explicit "false". Embedded structs are flattened. Unknown JSON
// names are skipped, since DocuSign adds fields often; member names are
// matched exactly, letter case included.
//
// Each model type is read from its struct tags once per process, into a
// plan (plan.go), and the decoder reads the JSON bytes directly (scan.go)
// rather than through encoding/json's tokens. Both are held to the first,
// simpler implementation of this table by differential tests
// (codec_diff_test.go).

// timeLayout is how DocuSign's REST API writes times.
const timeLayout = "2006-01-02T15:04:05.0000000Z"

// ParseTime reads a DocuSign timestamp: REST's "2025-08-31T22:01:23.9770000Z",
// Connect's trimmed "2022-09-22T15:19:24.5Z", any RFC 3339 offset, or a
// time without a zone ("2020-03-28T23:56:33.873", as legacy Connect XML
// writes it in the sender's zone), which is read as UTC. An empty string is
// the zero time.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, nil
	}
	// s is copied so that it does not escape: the decoder passes a string
	// that lives on its stack. Like every error of the codec, it quotes at
	// most 40 characters of the value, so that a huge one cannot flood a log.
	return time.Time{}, fmt.Errorf("%.40q is not a DocuSign timestamp such as "+
		"2025-08-31T22:01:23.9770000Z", strings.Clone(s))
}

// FormatTime writes t as DocuSign's REST API does, in UTC with seven
// fractional digits.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }
