package envelope

import (
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
	rv := reflect.ValueOf(v)
	e := &encoder{buf: make([]byte, 0, 512), reveal: reveal}
	if err := e.object(rv, encodePlanOf(rv.Type())); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// encoder is one encode: the output, and whether access codes are written.
type encoder struct {
	buf    []byte
	reveal bool
}

func (e *encoder) object(v reflect.Value, p *encodePlan) error {
	e.buf = append(e.buf, '{')
	first := true
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(appendString(e.buf, f.name), ':')
		if err := e.value(fv); err != nil {
			return fmt.Errorf("encoding %s.%s: %w", p.typeName, f.name, err)
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

// value appends v by the table in codec.go. Encoding needs no functions
// made per type, unlike decoding: a switch on the kind is as quick, and
// keeps the first encode in a process (Create's) from planning more than
// it writes.
func (e *encoder) value(v reflect.Value) error {
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		e.time(v)
		return nil
	case reflect.TypeFor[AccessCode]():
		if !e.reveal {
			e.buf = appendString(e.buf, redacted)
			return nil
		}
	}
	switch v.Kind() {
	case reflect.Bool:
		e.buf = append(strconv.AppendBool(append(e.buf, '"'), v.Bool()), '"')
	case reflect.Int, reflect.Int32, reflect.Int64:
		e.buf = append(strconv.AppendInt(append(e.buf, '"'), v.Int(), 10), '"')
	case reflect.Float64:
		e.buf = append(strconv.AppendFloat(append(e.buf, '"'), v.Float(), 'f', -1, 64), '"')
	case reflect.String:
		e.buf = appendString(e.buf, v.String())
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.value(v.Elem())
	case reflect.Slice:
		return e.array(v)
	case reflect.Struct:
		if isModel(v.Type()) {
			return e.object(v, encodePlanOf(v.Type()))
		}
		fallthrough
	default:
		data, err := json.Marshal(v.Interface())
		e.buf = append(e.buf, data...)
		return err
	}
	return nil
}

// time writes DocuSign's REST form; the zero time is "".
func (e *encoder) time(v reflect.Value) {
	var tm time.Time
	if v.CanAddr() { // a pointer in an interface is not boxed
		tm = *v.Addr().Interface().(*time.Time)
	} else {
		tm = v.Interface().(time.Time)
	}
	e.buf = append(e.buf, '"')
	if !tm.IsZero() {
		e.buf = tm.UTC().AppendFormat(e.buf, timeLayout)
	}
	e.buf = append(e.buf, '"')
}

func (e *encoder) array(v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	e.buf = append(e.buf, '[')
	for i := range v.Len() {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.value(v.Index(i)); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, ']')
	return nil
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as encoding/json does.
func appendString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, `\n`...)
			case '\r':
				buf = append(buf, `\r`...)
			case '\t':
				buf = append(buf, `\t`...)
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
