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

// unmarshalModel decodes data into the struct that ptr points to, reading
// DocuSign's scalar forms, in one pass over data.
func unmarshalModel(data []byte, ptr any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	d := &decoder{dec: dec, fields: fieldCache{}}
	return d.object(reflect.ValueOf(ptr).Elem())
}

// decoder is one decode: the token stream and the fields of the types met.
type decoder struct {
	dec    *json.Decoder
	fields fieldCache
}

func (d *decoder) object(v reflect.Value) error {
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
		f := lookup(fields, name)
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

func lookup(fields []field, name string) *field {
	for i := range fields {
		if fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

func (d *decoder) value(v reflect.Value) error {
	t := v.Type()
	switch {
	case isModel(t):
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
	return setScalar(v, tok)
}

func (d *decoder) array(v reflect.Value) error {
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
func (d *decoder) pointer(v reflect.Value) error {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return err
	}
	if isNull(raw) {
		v.SetZero()
		return nil
	}
	elem := reflect.New(v.Type().Elem())
	var err error
	if isModel(elem.Elem().Type()) {
		err = unmarshalModel(raw, elem.Interface())
	} else {
		err = json.Unmarshal(raw, elem.Interface())
	}
	v.Set(elem)
	return err
}

// setScalar stores one JSON token (a string, json.Number, bool or nil) in
// v by v's type.
func setScalar(v reflect.Value, tok any) error {
	text := scalarToken(tok)
	if v.Type() == reflect.TypeFor[time.Time]() {
		tm, err := ParseTime(text)
		v.Set(reflect.ValueOf(tm))
		return err
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		b, _, err := parseBool(text)
		v.SetBool(b)
		return err
	case reflect.Pointer: // *bool
		b, set, err := parseBool(text)
		if err != nil || !set {
			v.SetZero()
			return err
		}
		v.Set(reflect.ValueOf(&b))
	case reflect.Int, reflect.Int32, reflect.Int64:
		return parseNumber(text, func(s string) error {
			n, err := strconv.ParseInt(s, 10, v.Type().Bits())
			v.SetInt(n)
			return err
		})
	case reflect.Float64:
		return parseNumber(text, func(s string) error {
			n, err := strconv.ParseFloat(s, 64)
			v.SetFloat(n)
			return err
		})
	default:
		return fmt.Errorf("cannot store %q in a %s", text, v.Type())
	}
	return nil
}

// scalarToken returns the text of a token: a string as it is, a number's
// digits, "true" or "false", and "" for null.
func scalarToken(tok any) string {
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

// parseBool reads a boolean in any of DocuSign's forms. set is false for
// null and "".
func parseBool(s string) (b, set bool, err error) {
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

// parseNumber passes a number's text to parse; "" is zero.
func parseNumber(s string, parse func(string) error) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if parse(s) != nil {
		return fmt.Errorf("%q is not a number of this field's kind", s)
	}
	return nil
}

// scalarText returns the text of a raw JSON string, number or boolean;
// null is "". Objects and arrays are an error.
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
