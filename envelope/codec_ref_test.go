package envelope

// This file keeps the first implementation of the models' codec, which
// read json.Decoder's tokens and rebuilt its field tables on every call, as
// the reference that the differential tests (codec_diff_test.go) compare
// the codec with. It is frozen: fix nothing here unless the documented
// behaviour (the table in codec.go) changes.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// refUnmarshalModel decodes data into the struct that ptr points to, reading
// DocuSign's scalar forms, in one pass over data.
func refUnmarshalModel(data []byte, ptr any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	d := &refDecoder{dec: dec, fields: refFieldCache{}}
	return d.object(reflect.ValueOf(ptr).Elem())
}

// refDecoder is one decode: the token stream and the fields of the types met.
type refDecoder struct {
	dec    *json.Decoder
	fields refFieldCache
}

func (d *refDecoder) object(v reflect.Value) error {
	dec := d.dec
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("%v where an object belongs", tok)
	}
	fields := d.fields.of(v.Type())
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		f := refLookup(fields, name)
		if f == nil {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if err := d.value(v.FieldByIndex(f.index)); err != nil {
			return fmt.Errorf("decoding %s.%s: %w", v.Type().Name(), name, err)
		}
	}
	_, err = dec.Token() // the closing brace
	return err
}

func refLookup(fields []refField, name string) *refField {
	for i := range fields {
		if fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

func (d *refDecoder) value(v reflect.Value) error {
	t := v.Type()
	switch {
	case refIsModel(t):
		return d.object(v)
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		return d.array(v)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() != reflect.Bool:
		return d.pointer(v)
	case t != reflect.TypeFor[time.Time]() && reflect.PointerTo(t).Implements(
		reflect.TypeFor[json.Unmarshaler]()):
		return d.dec.Decode(v.Addr().Interface())
	}
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok {
		return fmt.Errorf("%v where a single value belongs", d)
	}
	return refSetScalar(v, tok)
}

func (d *refDecoder) array(v reflect.Value) error {
	tok, err := d.dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("%v where an array belongs", tok)
	}
	v.SetLen(0)
	for i := 0; d.dec.More(); i++ {
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		if err := d.value(v.Index(i)); err != nil {
			return err
		}
	}
	_, err = d.dec.Token()
	return err
}

// pointer decodes into a pointer to a model (or to anything encoding/json
// reads); null leaves it nil.
func (d *refDecoder) pointer(v reflect.Value) error {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return err
	}
	if refIsNull(raw) {
		v.SetZero()
		return nil
	}
	elem := reflect.New(v.Type().Elem())
	var err error
	if refIsModel(elem.Elem().Type()) {
		err = refUnmarshalModel(raw, elem.Interface())
	} else {
		err = json.Unmarshal(raw, elem.Interface())
	}
	v.Set(elem)
	return err
}

// refSetScalar stores one JSON token (a string, json.Number, bool or nil) in
// v by v's type.
func refSetScalar(v reflect.Value, tok any) error {
	text := refScalarToken(tok)
	if v.Type() == reflect.TypeFor[time.Time]() {
		tm, err := refParseTime(text)
		v.Set(reflect.ValueOf(tm))
		return err
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		b, _, err := refParseBool(text)
		v.SetBool(b)
		return err
	case reflect.Pointer: // *bool
		b, set, err := refParseBool(text)
		if err != nil || !set {
			v.SetZero()
			return err
		}
		v.Set(reflect.ValueOf(&b))
	case reflect.Int, reflect.Int32, reflect.Int64:
		return refParseNumber(text, func(s string) error {
			n, err := strconv.ParseInt(s, 10, v.Type().Bits())
			v.SetInt(n)
			return err
		})
	case reflect.Float64:
		return refParseNumber(text, func(s string) error {
			n, err := strconv.ParseFloat(s, 64)
			v.SetFloat(n)
			return err
		})
	default:
		return fmt.Errorf("cannot store %q in a %s", text, v.Type())
	}
	return nil
}

// refScalarToken returns the text of a token: a string as it is, a number's
// digits, "true" or "false", and "" for null.
func refScalarToken(tok any) string {
	switch t := tok.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

// refParseBool reads a boolean in any of DocuSign's forms. set is false for
// null and "".
func refParseBool(s string) (b, set bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return false, false, nil
	}
	b, err = strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		return false, false, fmt.Errorf("%q is not a boolean", s)
	}
	return b, true, nil
}

// refParseNumber passes a number's text to parse; "" is zero.
func refParseNumber(s string, parse func(string) error) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if parse(s) != nil {
		return fmt.Errorf("%q is not a number of this refField's kind", s)
	}
	return nil
}

func refIsNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

func refEncode(v any, reveal bool) ([]byte, error) {
	e := &refEncoder{fields: refFieldCache{}, reveal: reveal}
	if err := e.object(reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}

// refEncoder is one refEncode: the output, the fields of the types met, and
// whether access codes are written.
type refEncoder struct {
	buf    bytes.Buffer
	fields refFieldCache
	reveal bool
}

func (e *refEncoder) object(v reflect.Value) error {
	buf := &e.buf
	buf.WriteByte('{')
	first := true
	for _, f := range e.fields.of(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && refIsEmpty(fv) {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		refAppendString(buf, f.name)
		buf.WriteByte(':')
		if err := e.value(fv); err != nil {
			return fmt.Errorf("encoding %s.%s: %w", v.Type().Name(), f.name, err)
		}
	}
	buf.WriteByte('}')
	return nil
}

func refIsEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

func (e *refEncoder) value(v reflect.Value) error {
	buf := &e.buf
	if v.Type() == reflect.TypeFor[time.Time]() {
		tm := v.Interface().(time.Time)
		if tm.IsZero() {
			buf.WriteString(`""`)
		} else {
			buf.WriteString(`"` + refFormatTime(tm) + `"`)
		}
		return nil
	}
	if v.Type() == reflect.TypeFor[AccessCode]() && !e.reveal {
		refAppendString(buf, redacted)
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		buf.WriteString(`"` + strconv.FormatBool(v.Bool()) + `"`)
	case reflect.Int, reflect.Int32, reflect.Int64:
		buf.WriteString(`"` + strconv.FormatInt(v.Int(), 10) + `"`)
	case reflect.Float64:
		buf.WriteString(`"` + strconv.FormatFloat(v.Float(), 'f', -1, 64) + `"`)
	case reflect.String:
		refAppendString(buf, v.String())
	case reflect.Pointer:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		return e.value(v.Elem())
	case reflect.Slice:
		return e.array(v)
	case reflect.Struct:
		if refIsModel(v.Type()) {
			return e.object(v)
		}
		fallthrough
	default:
		data, err := json.Marshal(v.Interface())
		buf.Write(data)
		return err
	}
	return nil
}

func (e *refEncoder) array(v reflect.Value) error {
	buf := &e.buf
	if v.IsNil() {
		buf.WriteString("null")
		return nil
	}
	buf.WriteByte('[')
	for i := range v.Len() {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := e.value(v.Index(i)); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}

// refAppendString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func refAppendString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[c>>4])
				buf.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

// refParseTime reads a DocuSign timestamp: REST's "2025-08-31T22:01:23.9770000Z",
// Connect's trimmed "2022-09-22T15:19:24.5Z", any RFC 3339 offset, or a
// time without a zone ("2020-03-28T23:56:33.873", as legacy Connect XML
// writes it in the sender's zone), which is read as UTC. An empty string is
// the zero time.
func refParseTime(s string) (time.Time, error) {
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

// refFormatTime writes t as DocuSign's REST API does, in UTC with seven
// fractional digits.
func refFormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// refField is one JSON member of a model.
type refField struct {
	name      string
	index     []int
	omitEmpty bool
}

// refFieldsOf lists the JSON members of struct type t in declaration order,
// flattening embedded structs. Unexported fields and `json:"-"` are skipped.
func refFieldsOf(t reflect.Type) []refField {
	var out []refField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			for _, f := range refFieldsOf(sf.Type) {
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
		out = append(out, refField{name: name, index: []int{i},
			omitEmpty: refHasOption(opts, "omitempty")})
	}
	return out
}

// refHasOption reports whether a tag's comma-separated options include opt.
func refHasOption(opts, opt string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// refFieldCache remembers the fields of each struct type during one refEncode or
// decode, so that a page of a hundred envelopes reads the tags of Envelope
// once, not a hundred times. It lives only as long as the call.
type refFieldCache map[reflect.Type][]refField

func (c refFieldCache) of(t reflect.Type) []refField {
	fs, ok := c[t]
	if !ok {
		fs = refFieldsOf(t)
		c[t] = fs
	}
	return fs
}

// refIsModel reports whether t is a struct of this package, which the codec
// walks itself rather than through its JSON methods.
func refIsModel(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeFor[refField]().PkgPath()
}
