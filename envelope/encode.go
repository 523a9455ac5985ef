package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// marshalModel encodes the struct v with DocuSign's scalar forms, access
// codes redacted: what the models' MarshalJSON writes, and so what a log
// handler that encodes JSON writes.
func marshalModel(v any) ([]byte, error) { return encode(v, false) }

// marshalRequest encodes the struct v for a request to DocuSign, access
// codes included.
func marshalRequest(v any) ([]byte, error) { return encode(v, true) }

func encode(v any, reveal bool) ([]byte, error) {
	e := &encoder{fields: fieldCache{}, reveal: reveal}
	if err := e.object(reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}

// encoder is one encode: the output, the fields of the types met, and
// whether access codes are written.
type encoder struct {
	buf    bytes.Buffer
	fields fieldCache
	reveal bool
}

func (e *encoder) object(v reflect.Value) error {
	buf := &e.buf
	buf.WriteByte('{')
	first := true
	for _, f := range e.fields.of(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		appendString(buf, f.name)
		buf.WriteByte(':')
		if err := e.value(fv); err != nil {
			return fmt.Errorf("encoding %s.%s: %w", v.Type().Name(), f.name, err)
		}
	}
	buf.WriteByte('}')
	return nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

func (e *encoder) value(v reflect.Value) error {
	buf := &e.buf
	if v.Type() == reflect.TypeFor[time.Time]() {
		tm := v.Interface().(time.Time)
		if tm.IsZero() {
			buf.WriteString(`""`)
		} else {
			buf.WriteString(`"` + FormatTime(tm) + `"`)
		}
		return nil
	}
	if v.Type() == reflect.TypeFor[AccessCode]() && !e.reveal {
		appendString(buf, redacted)
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
		appendString(buf, v.String())
	case reflect.Pointer:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		return e.value(v.Elem())
	case reflect.Slice:
		return e.array(v)
	case reflect.Struct:
		if isModel(v.Type()) {
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

func (e *encoder) array(v reflect.Value) error {
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

// appendString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func appendString(buf *bytes.Buffer, s string) {
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
