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
// DocuSign's scalar forms, in one pass over data. Members are decoded over
// what the struct holds: one the JSON does not name is left as it is.
func unmarshalModel(data []byte, ptr any) error {
	v := reflect.ValueOf(ptr).Elem()
	d := &decoder{data: data}
	if err := d.object(v, decodePlanOf(v.Type())); err != nil {
		return err
	}
	if d.peek() != 0 || d.pos < len(data) {
		return d.failHere("the end after the object")
	}
	return nil
}

// object decodes an object into the model v; null leaves v as it is.
func (d *decoder) object(v reflect.Value, p *decodePlan) error {
	switch d.peek() {
	case 'n':
		_, err := d.literal("null")
		return err
	case '{':
		d.pos++
	default:
		return d.misplaced("an object")
	}
	if d.consume('}') {
		return nil
	}
	for {
		if d.peek() != '"' {
			return d.failHere("a member name")
		}
		name, err := d.str()
		if err != nil {
			return err
		}
		if !d.consume(':') {
			return d.failHere("a colon")
		}
		if f, ok := p.byName[string(name)]; !ok {
			_, err = d.skip()
		} else if err = f.decode(d, v.FieldByIndex(f.index)); err != nil {
			err = fmt.Errorf("decoding %s.%s: %w", p.typeName, f.name, err)
		}
		if err != nil {
			return err
		}
		if d.consume('}') {
			return nil
		}
		if !d.consume(',') {
			return d.failHere(`a comma or "}"`)
		}
	}
}

// array decodes an array into the slice v, element by element, reusing
// its backing array; null leaves v as it is.
func (d *decoder) array(v reflect.Value, elem decodeFunc) error {
	switch d.peek() {
	case 'n':
		_, err := d.literal("null")
		return err
	case '[':
		d.pos++
	default:
		return d.misplaced("an array")
	}
	v.SetLen(0)
	if d.consume(']') {
		return nil
	}
	for i := 0; ; i++ {
		if i == v.Cap() {
			v.Grow(1)
		}
		v.SetLen(i + 1)
		e := v.Index(i)
		e.SetZero()
		if err := elem(d, e); err != nil {
			return err
		}
		if d.consume(']') {
			return nil
		}
		if !d.consume(',') {
			return d.failHere(`a comma or "]"`)
		}
	}
}

// scalar reads a single value and returns its text: a string's content, a
// number as written, "true" or "false", and nothing for null. The text is
// valid until the next read.
func (d *decoder) scalar() ([]byte, error) {
	switch c := d.peek(); {
	case c == '"':
		return d.str()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		_, err := d.literal("null")
		return nil, err
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == '{' || c == '[':
		return nil, fmt.Errorf("%c where a single value belongs", c)
	}
	return nil, d.failHere("a value")
}

// misplaced reports the value at the read position where what belongs. A
// string is quoted and cut short, so that the error stays one short line.
func (d *decoder) misplaced(what string) error {
	c := d.peek()
	if d.pos == len(d.data) {
		return d.failHere(what)
	}
	if c == '{' || c == '[' {
		return fmt.Errorf("%c where %s belongs", c, what)
	}
	text, err := d.scalar()
	switch {
	case err != nil:
		return err
	case c == '"':
		return fmt.Errorf("%.40q where %s belongs", text, what)
	}
	return fmt.Errorf("%s where %s belongs", text, what)
}

// decoderFor returns the function that decodes a value of type t, by the
// table in codec.go. Only arrays need a function made for them; the
// others are shared by every field of their kind.
func decoderFor(t reflect.Type) decodeFunc {
	switch {
	case t == reflect.TypeFor[Status]():
		return decodeStatus
	case t == reflect.TypeFor[RecipientStatus]():
		return decodeRecipientStatus
	case isModel(t):
		return decodeModel
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		elem := decoderFor(t.Elem())
		return func(d *decoder, v reflect.Value) error { return d.array(v, elem) }
	case t.Kind() == reflect.Pointer && t.Elem().Kind() != reflect.Bool:
		return decodePointer
	case hasUnmarshalJSON(t):
		return decodeUnmarshaler
	case t == reflect.TypeFor[time.Time]():
		return decodeTime
	}
	switch t.Kind() {
	case reflect.String:
		return decodeString
	case reflect.Bool:
		return decodeBool
	case reflect.Pointer: // to a bool
		return decodeBoolPointer
	case reflect.Int, reflect.Int32, reflect.Int64:
		return decodeInt
	case reflect.Float64:
		return decodeFloat
	}
	return decodeUnsupported
}

// hasUnmarshalJSON reports whether a *t has an UnmarshalJSON method that
// the codec hands values to. Only a defined type of some package can have
// methods, and time.Time's is not used: the codec reads DocuSign's forms.
func hasUnmarshalJSON(t reflect.Type) bool {
	return t.PkgPath() != "" && t != reflect.TypeFor[time.Time]() &&
		reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]())
}

func decodeModel(d *decoder, v reflect.Value) error { return d.object(v, decodePlanOf(v.Type())) }

func decodeUnsupported(d *decoder, v reflect.Value) error {
	text, err := d.scalar()
	if err != nil {
		return err
	}
	return fmt.Errorf("cannot store %.40q in a %s", text, v.Type())
}

func decodeString(d *decoder, v reflect.Value) error { return decodeText(d, v, nil) }

// decodeStatus reads a Status through ParseStatus, as its UnmarshalJSON
// does.
func decodeStatus(d *decoder, v reflect.Value) error {
	return decodeText(d, v, func(s string) string { return string(ParseStatus(s)) })
}

// decodeRecipientStatus reads a RecipientStatus through
// ParseRecipientStatus, as its UnmarshalJSON does.
func decodeRecipientStatus(d *decoder, v reflect.Value) error {
	return decodeText(d, v, func(s string) string { return string(ParseRecipientStatus(s)) })
}

// decodeText stores a scalar's text in the string v, through normalize
// when there is one.
func decodeText(d *decoder, v reflect.Value, normalize func(string) string) error {
	text, err := d.scalar()
	if err != nil {
		return err
	}
	s := string(text)
	if normalize != nil {
		s = normalize(s)
	}
	v.SetString(s)
	return nil
}

func decodeBool(d *decoder, v reflect.Value) error {
	text, err := d.scalar()
	if err != nil {
		return err
	}
	b, _, err := parseBool(text)
	v.SetBool(b)
	return err
}

// decodeBoolPointer decodes a *bool: nil for null and "".
func decodeBoolPointer(d *decoder, v reflect.Value) error {
	text, err := d.scalar()
	if err != nil {
		return err
	}
	b, set, err := parseBool(text)
	if err != nil || !set {
		v.SetZero()
		return err
	}
	p := reflect.New(v.Type().Elem())
	p.Elem().SetBool(b)
	v.Set(p)
	return nil
}

// numberText reads a number's text without surrounding space. It is
// empty for null and "", which leave a number as it is.
func (d *decoder) numberText() ([]byte, error) {
	text, err := d.scalar()
	return bytes.TrimSpace(text), err
}

// decodeInt decodes an int, int32 or int64.
func decodeInt(d *decoder, v reflect.Value) error {
	text, err := d.numberText()
	if err != nil || len(text) == 0 {
		return err
	}
	n, err := strconv.ParseInt(string(text), 10, v.Type().Bits())
	v.SetInt(n)
	if err != nil {
		return notANumber(text)
	}
	return nil
}

// decodeFloat decodes a float64.
func decodeFloat(d *decoder, v reflect.Value) error {
	text, err := d.numberText()
	if err != nil || len(text) == 0 {
		return err
	}
	n, err := strconv.ParseFloat(string(text), 64)
	v.SetFloat(n)
	if err != nil {
		return notANumber(text)
	}
	return nil
}

func notANumber(text []byte) error {
	return fmt.Errorf("%.40q is not a number of this field's kind", text)
}

func decodeTime(d *decoder, v reflect.Value) error {
	text, err := d.scalar()
	if err != nil {
		return err
	}
	tm, err := ParseTime(string(text))
	*v.Addr().Interface().(*time.Time) = tm // Set would box tm in an interface
	return err
}

// decodePointer decodes a pointer to a model, or to anything encoding/json
// reads, into a new value; null makes it nil.
func decodePointer(d *decoder, v reflect.Value) error {
	if d.peek() == 'n' {
		_, err := d.literal("null")
		v.SetZero()
		return err
	}
	elem := reflect.New(v.Type().Elem())
	var err error
	if t := elem.Elem().Type(); isModel(t) {
		err = d.object(elem.Elem(), decodePlanOf(t))
	} else {
		var raw []byte
		if raw, err = d.skip(); err == nil {
			err = json.Unmarshal(raw, elem.Interface())
		}
	}
	v.Set(elem)
	return err
}

// decodeUnmarshaler hands the value as written to v's UnmarshalJSON.
func decodeUnmarshaler(d *decoder, v reflect.Value) error {
	raw, err := d.skip()
	if err != nil {
		return err
	}
	return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
}

// parseBool reads a boolean in any of DocuSign's forms. set is false for
// null and "".
func parseBool(text []byte) (b, set bool, err error) {
	switch string(text) { // the forms DocuSign sends, read without copying
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	s := strings.TrimSpace(string(text))
	if s == "" {
		return false, false, nil
	}
	b, err = strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		return false, false, fmt.Errorf("%.40q is not a boolean", s)
	}
	return b, true, nil
}

// scalarText returns the text of a raw JSON string, number or boolean;
// null is "". Objects and arrays are an error. The models' codec reads
// Status and RecipientStatus itself; this serves their UnmarshalJSON when
// encoding/json calls it.
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
