package envelope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// DocuSign writes almost every scalar as a JSON string: "true", "1",
// "2025-08-31T22:01:23.9770000Z", and sometimes null or "". The models keep
// Go types that callers can compute with (bool, int, time.Time), and every
// model's MarshalJSON and UnmarshalJSON go through the two functions below,
// which walk the struct's fields and translate each scalar by its Go type:
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
// Other fields (nested models, slices, Status) go through encoding/json, so
// they use their own methods. Fields tagged omitempty are left out when
// zero, as encoding/json does, and nested structs are left out when zero
// too; fields without omitempty are always written, which is how a request
// sends an explicit "false". Embedded structs are flattened. Unknown JSON
// names are ignored, since DocuSign adds fields often.

// timeLayout is how DocuSign's REST API writes times.
const timeLayout = "2006-01-02T15:04:05.0000000Z"

var (
	timeType      = reflect.TypeFor[time.Time]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
	unmarshalType = reflect.TypeFor[json.Unmarshaler]()
)

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
			omitEmpty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	return out
}

// marshalModel encodes the struct v with DocuSign's scalar forms.
func marshalModel(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	var buf bytes.Buffer
	buf.WriteByte('{')
	for _, f := range fieldsOf(rv.Type()) {
		fv := rv.FieldByIndex(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		buf.WriteString(strconv.Quote(f.name))
		buf.WriteByte(':')
		data, err := encodeValue(fv)
		if err != nil {
			return nil, fmt.Errorf("encoding %s.%s: %w", rv.Type().Name(), f.name, err)
		}
		buf.Write(data)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

func encodeValue(v reflect.Value) ([]byte, error) {
	t := v.Type()
	switch {
	case t == timeType:
		tm := v.Interface().(time.Time)
		if tm.IsZero() {
			return []byte(`""`), nil
		}
		return []byte(`"` + FormatTime(tm) + `"`), nil
	case t.Implements(marshalerType):
		return json.Marshal(v.Interface())
	}
	switch v.Kind() {
	case reflect.Bool:
		return []byte(`"` + strconv.FormatBool(v.Bool()) + `"`), nil
	case reflect.Pointer:
		if v.IsNil() {
			return []byte("null"), nil
		}
		return encodeValue(v.Elem())
	case reflect.Int, reflect.Int32, reflect.Int64:
		return []byte(`"` + strconv.FormatInt(v.Int(), 10) + `"`), nil
	case reflect.Float64:
		return []byte(`"` + strconv.FormatFloat(v.Float(), 'f', -1, 64) + `"`), nil
	case reflect.String:
		return json.Marshal(v.String())
	}
	return json.Marshal(v.Interface())
}

// unmarshalModel decodes data into the struct that ptr points to, reading
// DocuSign's scalar forms.
func unmarshalModel(data []byte, ptr any) error {
	if isNull(data) {
		return nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	rv := reflect.ValueOf(ptr).Elem()
	for _, f := range fieldsOf(rv.Type()) {
		raw, ok := members[f.name]
		if !ok {
			continue
		}
		if err := decodeValue(rv.FieldByIndex(f.index), raw); err != nil {
			return fmt.Errorf("decoding %s.%s: %w", rv.Type().Name(), f.name, err)
		}
	}
	return nil
}

func decodeValue(v reflect.Value, raw json.RawMessage) error {
	t := v.Type()
	switch {
	case t == timeType:
		s, err := scalarText(raw)
		if err != nil {
			return err
		}
		tm, err := ParseTime(s)
		v.Set(reflect.ValueOf(tm))
		return err
	case reflect.PointerTo(t).Implements(unmarshalType):
		return json.Unmarshal(raw, v.Addr().Interface())
	}
	switch v.Kind() {
	case reflect.Bool:
		b, _, err := decodeBool(raw)
		v.SetBool(b)
		return err
	case reflect.Pointer:
		return decodePointer(v, raw)
	case reflect.Int, reflect.Int32, reflect.Int64:
		return decodeNumber(raw, func(s string) error {
			n, err := strconv.ParseInt(s, 10, t.Bits())
			v.SetInt(n)
			return err
		})
	case reflect.Float64:
		return decodeNumber(raw, func(s string) error {
			n, err := strconv.ParseFloat(s, 64)
			v.SetFloat(n)
			return err
		})
	case reflect.String:
		s, err := scalarText(raw)
		v.SetString(s)
		return err
	}
	if isNull(raw) {
		return nil
	}
	return json.Unmarshal(raw, v.Addr().Interface())
}

// decodePointer fills a *bool (the only pointer scalar the models use) or
// any other pointer through encoding/json; null and "" leave it nil.
func decodePointer(v reflect.Value, raw json.RawMessage) error {
	if v.Type().Elem().Kind() != reflect.Bool {
		if isNull(raw) {
			v.SetZero()
			return nil
		}
		return json.Unmarshal(raw, v.Addr().Interface())
	}
	b, set, err := decodeBool(raw)
	if err != nil || !set {
		v.SetZero()
		return err
	}
	v.Set(reflect.ValueOf(&b))
	return nil
}

// decodeBool reads a boolean in any of DocuSign's forms. set is false for
// null and "".
func decodeBool(raw json.RawMessage) (b, set bool, err error) {
	s, err := scalarText(raw)
	s = strings.TrimSpace(s)
	if err != nil || s == "" {
		return false, false, err
	}
	b, err = strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		return false, false, fmt.Errorf("%s is not a boolean", raw)
	}
	return b, true, nil
}

// decodeNumber passes the text of a number, quoted or bare, to parse; null
// and "" are zero.
func decodeNumber(raw json.RawMessage, parse func(string) error) error {
	s, err := scalarText(raw)
	s = strings.TrimSpace(s)
	if err != nil || s == "" {
		return err
	}
	if parse(s) != nil {
		return fmt.Errorf("%s is not a number of this field's kind", raw)
	}
	return nil
}

// scalarText returns the text of a JSON string, number or boolean; null is
// "". Objects and arrays are an error.
func scalarText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || isNull(raw):
		return "", nil
	case raw[0] == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case raw[0] == '{' || raw[0] == '[':
		return "", errors.New("an object or array where a single value belongs")
	}
	return string(raw), nil
}

func isNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }
