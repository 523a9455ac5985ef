package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// This file makes the random inputs of the differential tests: model
// values with awkward contents, and their JSON rewritten in the other
// forms DocuSign writes.

// randomStrings are the contents a random string is made of: DocuSign's
// scalar forms, characters JSON must escape, and invalid UTF-8.
var randomStrings = []string{"", "plain", " spaced ", "True", "FALSE", "1", "12", "-3.5",
	"1e3", "NaN", "null", "2025-08-31T22:01:23.9770000Z", "2022-09-22T15:19:24.5Z", `"`, `\`,
	"/", "\b\f\n\r\t", "\x00", "\x1f", "\x7f", "é", "中", "😀", "\u2028", "<&>", "\xff",
	"\xed\xa0\x80", "\xe4\xb8"}

// fillRandom sets the settable parts of v to random values; depth bounds
// the nesting.
func fillRandom(rng *rand.Rand, v reflect.Value, depth int) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		v.Set(reflect.ValueOf(randomTime(rng)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(randomStrings[rng.IntN(len(randomStrings))])
		}
		v.SetString(b.String())
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Int, reflect.Int32, reflect.Int64:
		n := []int64{0, 1, -1, 120, math.MaxInt64, math.MinInt64, rng.Int64()}[rng.IntN(7)]
		if v.OverflowInt(n) {
			n = int64(int32(n))
		}
		v.SetInt(n)
	case reflect.Int8, reflect.Int16:
		v.SetInt(int64(int8(rng.Uint32())))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(rng.Uint32() >> rng.IntN(32)))
	case reflect.Float32:
		v.SetFloat(float64([]float32{0, 1.25, -3, float32(math.NaN())}[rng.IntN(4)]))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := range rng.IntN(3) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillRandom(rng, k, depth+1)
			fillRandom(rng, e, depth+1)
			if i == 0 || k.Kind() != reflect.String || k.Len() > 0 {
				m.SetMapIndex(k, e)
			}
		}
		v.Set(m)
	case reflect.Interface:
		if e := []any{nil, "x", 1.5, Signer{Name: "in an interface"},
			map[string]any{"a": []any{true}}}[rng.IntN(5)]; e != nil && v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(e))
		}
	case reflect.Float64:
		v.SetFloat([]float64{0, math.Copysign(0, -1), 1.5, -6.5, 1e21, 1e-7, 123456789.125,
			math.NaN(), math.Inf(1), math.Inf(-1), rng.NormFloat64() * 1e3}[rng.IntN(11)])
	case reflect.Pointer:
		if depth < 4 && rng.IntN(3) > 0 {
			p := reflect.New(v.Type().Elem())
			fillRandom(rng, p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Slice:
		switch n := rng.IntN(6); {
		case depth >= 4 || n < 2:
		case n == 2:
			v.Set(reflect.MakeSlice(v.Type(), 0, rng.IntN(2)))
		default:
			s := reflect.MakeSlice(v.Type(), n-2, n-2)
			for i := range s.Len() {
				fillRandom(rng, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() && rng.IntN(10) < 7 {
				fillRandom(rng, f, depth+1)
			}
		}
	}
}

// randomTime returns the zero time, a time in UTC or in another zone, or
// the zero instant in a zone (zero to time.Time.IsZero, not to reflect).
func randomTime(rng *rand.Rand) time.Time {
	t := time.Unix(rng.Int64N(4e9)-1e9, rng.Int64N(1e9)).UTC()
	zone := time.FixedZone("Z", (rng.IntN(27)-12)*1800)
	switch rng.IntN(5) {
	case 0:
		return time.Time{}
	case 1:
		return time.Time{}.In(zone)
	case 2:
		return t.In(zone)
	}
	return t
}

// jsonNode is a JSON value whose members keep their order and duplicates.
type jsonNode struct {
	kind   byte   // '{', '[', '"', '0' (a number) or 'l' (true, false, null)
	text   string // a string's content, a number or a literal as written
	keys   []string
	values []*jsonNode // an object's values, an array's elements
}

// parseJSON reads valid JSON into a tree.
func parseJSON(data []byte) *jsonNode {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var read func() *jsonNode
	read = func() *jsonNode {
		tok, err := dec.Token()
		if err != nil {
			panic(err)
		}
		switch tok := tok.(type) {
		case json.Delim:
			n := &jsonNode{kind: byte(tok)}
			for dec.More() {
				if n.kind == '{' {
					key, _ := dec.Token()
					n.keys = append(n.keys, key.(string))
				}
				n.values = append(n.values, read())
			}
			dec.Token() // the closing delimiter
			return n
		case string:
			return &jsonNode{kind: '"', text: tok}
		case json.Number:
			return &jsonNode{kind: '0', text: tok.String()}
		case bool:
			return &jsonNode{kind: 'l', text: strconv.FormatBool(tok)}
		}
		return &jsonNode{kind: 'l', text: "null"}
	}
	return read()
}

// rewriteJSON writes data, valid JSON, in the other forms that mean the
// same to the codec: numbers and booleans bare or in other cases, "" as
// null, escapes, white space, unknown and repeated members.
func rewriteJSON(rng *rand.Rand, data []byte) []byte {
	var out []byte
	writeNode(rng, &out, rewriteNode(rng, parseJSON(data)))
	return out
}

func rewriteNode(rng *rand.Rand, n *jsonNode) *jsonNode {
	switch n.kind {
	case '{':
		c := &jsonNode{kind: '{'}
		for i, key := range n.keys {
			c.keys = append(c.keys, key)
			c.values = append(c.values, rewriteNode(rng, n.values[i]))
			if rng.IntN(12) == 0 { // the same member again
				c.keys = append(c.keys, key)
				c.values = append(c.values, rewriteNode(rng, n.values[i]))
			}
		}
		if rng.IntN(5) == 0 {
			c.keys = append(c.keys, "unknownMember")
			c.values = append(c.values, randomNode(rng, 0))
		}
		rng.Shuffle(len(c.keys), func(i, j int) {
			c.keys[i], c.keys[j] = c.keys[j], c.keys[i]
			c.values[i], c.values[j] = c.values[j], c.values[i]
		})
		return c
	case '[':
		c := &jsonNode{kind: '['}
		for _, e := range n.values {
			c.values = append(c.values, rewriteNode(rng, e))
		}
		return c
	case '"':
		return rewriteString(rng, n.text)
	}
	return n
}

// rewriteString writes a string member in another of DocuSign's forms.
func rewriteString(rng *rand.Rand, s string) *jsonNode {
	switch roll := rng.IntN(10); {
	case roll == 0:
		return &jsonNode{kind: 'l', text: "null"}
	case s == "" && roll < 4:
		return &jsonNode{kind: 'l', text: "null"}
	case (s == "true" || s == "false") && roll < 4:
		return &jsonNode{kind: 'l', text: s}
	case (s == "true" || s == "false") && roll < 6:
		return &jsonNode{kind: '"', text: strings.ToUpper(s[:1]) + s[1:]}
	case json.Valid([]byte(s)) && len(s) > 0 && (s[0] == '-' || s[0] >= '0' && s[0] <= '9') &&
		roll < 5:
		return &jsonNode{kind: '0', text: s}
	case roll == 8 && rng.IntN(4) == 0:
		return &jsonNode{kind: '"', text: s + "\xff"} // invalid UTF-8, written as it is
	case roll == 9:
		return &jsonNode{kind: '"', text: " " + s + " "}
	}
	return &jsonNode{kind: '"', text: s}
}

// randomNode returns an unknown member's value of any kind.
func randomNode(rng *rand.Rand, depth int) *jsonNode {
	switch k := rng.IntN(7); {
	case depth < 3 && k == 0:
		n := &jsonNode{kind: '{'}
		for i := range rng.IntN(3) {
			n.keys = append(n.keys, fmt.Sprint("k", i))
			n.values = append(n.values, randomNode(rng, depth+1))
		}
		return n
	case depth < 3 && k == 1:
		n := &jsonNode{kind: '['}
		for range rng.IntN(3) {
			n.values = append(n.values, randomNode(rng, depth+1))
		}
		return n
	case k == 2:
		return &jsonNode{kind: '0', text: []string{"0", "-1.5e-3", "12", "1E+400"}[rng.IntN(4)]}
	case k == 3:
		return &jsonNode{kind: 'l', text: []string{"true", "false", "null"}[rng.IntN(3)]}
	}
	return &jsonNode{kind: '"', text: randomStrings[rng.IntN(len(randomStrings))]}
}

var spaces = []string{"", "", "", " ", "\n\t", "\r\n  "}

func writeNode(rng *rand.Rand, out *[]byte, n *jsonNode) {
	space := func() { *out = append(*out, spaces[rng.IntN(len(spaces))]...) }
	space()
	switch n.kind {
	case '{', '[':
		*out = append(*out, n.kind)
		for i, v := range n.values {
			if i > 0 {
				*out = append(*out, ',')
			}
			if n.kind == '{' {
				space()
				writeString(rng, out, n.keys[i])
				space()
				*out = append(*out, ':')
			}
			writeNode(rng, out, v)
		}
		space()
		*out = append(*out, n.kind+2) // '{'+2 is '}', '['+2 is ']'
	case '"':
		writeString(rng, out, n.text)
	default:
		*out = append(*out, n.text...)
	}
	space()
}

// writeString writes s as a JSON string, escaping some characters that
// need no escape, as \uXXXX (surrogate pairs beyond the BMP) or \/.
func writeString(rng *rand.Rand, out *[]byte, s string) {
	b := append(*out, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size]
		i += size
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || rng.IntN(8) == 0 && r != utf8.RuneError:
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				b = fmt.Appendf(b, `\u%04x\u%04X`, r1, r2)
			} else {
				b = fmt.Appendf(b, `\u%04x`, r)
			}
		case r == '/' && rng.IntN(2) == 0:
			b = append(b, `\/`...)
		default:
			b = append(b, raw...) // invalid UTF-8 stays as it is
		}
	}
	*out = append(b, '"')
}
