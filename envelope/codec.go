package envelope

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// DocuSign writes almost every scalar as a JSON string: "true", "1",
// "2025-08-31T22:01:23.9770000Z", and sometimes null or "". The models keep
// Go types that callers can compute with (bool, int, time.Time), and every
// model's MarshalJSON and UnmarshalJSON go through encodeModel and
// decodeModel (encode.go, decode.go), which walk the struct's fields and
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
// names are skipped, since DocuSign adds fields often.

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
	return time.Time{}, fmt.Errorf("%q is not a DocuSign timestamp such as "+
		"2025-08-31T22:01:23.9770000Z", s)
}

// FormatTime writes t as DocuSign's REST API does, in UTC with seven
// fractional digits.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// field is one JSON member of a model.
type field struct {
	name      string
	index     []int
	omitEmpty bool
}

// fieldsOf lists the JSON members of struct type t in declaration order,
// flattening embedded structs. Unexported fields and `json:"-"` are skipped.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			for _, f := range fieldsOf(sf.Type) {
				f.index = append([]int{i}, f.index...)
				out = append(out, f)
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{name: name, index: []int{i},
			omitEmpty: hasOption(opts, "omitempty")})
	}
	return out
}

// hasOption reports whether a tag's comma-separated options include opt.
func hasOption(opts, opt string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// fieldCache remembers the fields of each struct type during one encode or
// decode, so that a page of a hundred envelopes reads the tags of Envelope
// once, not a hundred times. It lives only as long as the call.
type fieldCache map[reflect.Type][]field

func (c fieldCache) of(t reflect.Type) []field {
	fs, ok := c[t]
	if !ok {
		fs = fieldsOf(t)
		c[t] = fs
	}
	return fs
}

// isModel reports whether t is a struct of this package, which the codec
// walks itself rather than through its JSON methods.
func isModel(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeFor[field]().PkgPath()
}
