package envelope

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The decoder reads JSON straight from the bytes: no tokens are boxed in
// interfaces, and a string without escapes is read in place. It accepts
// exactly the JSON that encoding/json accepts (RFC 8259: strings with
// escapes, numbers, true, false, null, nesting up to maxDepth when a value
// is skipped), and unescapes strings as encoding/json does, invalid UTF-8
// and lone surrogates becoming U+FFFD.

// maxDepth is how deeply a skipped value may nest, encoding/json's limit.
const maxDepth = 10000

// decoder is one decode: the input, the read position, and a buffer for
// strings that need unescaping.
type decoder struct {
	data    []byte
	pos     int
	scratch []byte
}

// syntaxError is malformed JSON at a byte offset.
type syntaxError struct {
	msg    string
	offset int
}

func (e *syntaxError) Error() string {
	return "malformed JSON at byte " + strconv.Itoa(e.offset) + ": " + e.msg
}

// fail returns a syntax error at the read position.
func (d *decoder) fail(msg string) error { return &syntaxError{msg: msg, offset: d.pos} }

// failHere reports the byte at the read position as unexpected.
func (d *decoder) failHere(expected string) error {
	if d.pos >= len(d.data) {
		return d.fail("unexpected end of input, expecting " + expected)
	}
	return d.fail(fmt.Sprintf("unexpected %q, expecting %s", d.data[d.pos], expected))
}

// peek skips white space and returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return c
		}
	}
	return 0
}

// consume skips white space and the byte c, reporting whether it was there.
func (d *decoder) consume(c byte) bool {
	if d.peek() == c {
		d.pos++
		return true
	}
	return false
}

// literal reads the word (true, false or null) at the read position.
func (d *decoder) literal(word string) ([]byte, error) {
	end := d.pos + len(word)
	if end > len(d.data) || string(d.data[d.pos:end]) != word {
		return nil, d.failHere(word)
	}
	text := d.data[d.pos:end]
	d.pos = end
	return text, nil
}

// number reads the number at the read position and returns it as written.
func (d *decoder) number() ([]byte, error) {
	start, data := d.pos, d.data
	i := start
	digits := func() bool {
		from := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i > from
	}
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case !digits():
		d.pos = i
		return nil, d.failHere("a digit")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			d.pos = i
			return nil, d.failHere("a digit after the decimal point")
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			d.pos = i
			return nil, d.failHere("a digit in the exponent")
		}
	}
	d.pos = i
	return data[start:i], nil
}

// str reads the string at the read position, which holds its opening
// quote, and returns its content unescaped. The result points into the
// input when the string has no escapes and is valid UTF-8, as almost
// every string DocuSign sends is, and into the decoder's scratch buffer
// otherwise; either way it is valid until the next read.
func (d *decoder) str() ([]byte, error) {
	data := d.data
	start := d.pos + 1
	ascii := true
	for i := plainRun(data, start); i < len(data); i = plainRun(data, i) {
		switch c := data[i]; {
		case c == '"':
			text := data[start:i]
			if !ascii && !utf8.Valid(text) {
				return d.unescape(start)
			}
			d.pos = i + 1
			return text, nil
		case c == '\\':
			return d.unescape(start)
		case c < 0x20:
			d.pos = i
			return nil, d.fail("control character in a string")
		}
		ascii = false // c >= 0x80
		i++
	}
	d.pos = len(data)
	return nil, d.fail("unterminated string")
}

// plainRun returns the index of the first byte of data, from i on, that a
// string scan must look at: a quote, a backslash, a control character or
// a byte of a multi-byte character; len(data) if there is none. It tests
// eight bytes at a time: DocuSign's strings are mostly plain ASCII, and
// its longest (URIs, IDs) run to dozens of bytes.
func plainRun(data []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		quotes, backslashes := x^(ones*'"'), x^(ones*'\\')
		// A byte's high bit is set in special when the byte is zero in
		// quotes or backslashes, is below 0x20, or has its own high bit set.
		// Borrows may mark a byte above a marked one too; the byte-wise
		// test below sorts those out.
		special := (quotes-ones)&^quotes | (backslashes-ones)&^backslashes |
			(x-ones*0x20)&^x | x
		if special&highs != 0 {
			break
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return i
		}
	}
	return i
}

// unescape reads the rest of a string whose content starts at data[start]
// into the scratch buffer, replacing escapes by what they stand for and
// each byte of invalid UTF-8 by U+FFFD.
func (d *decoder) unescape(start int) ([]byte, error) {
	data, out := d.data, d.scratch[:0]
	i := start
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos, d.scratch = i+1, out
			return out, nil
		case c < 0x20:
			d.pos = i
			return nil, d.fail("control character in a string")
		case c < utf8.RuneSelf && c != '\\':
			out = append(out, c)
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(data[i:])
			out = utf8.AppendRune(out, r) // RuneError for an invalid byte
			i += size
		default:
			var err error
			if out, i, err = d.escape(out, i); err != nil {
				return nil, err
			}
		}
	}
	d.pos = len(data)
	return nil, d.fail("unterminated string")
}

// escape appends what the escape at data[i] (a backslash) stands for and
// returns the index after it.
func (d *decoder) escape(out []byte, i int) ([]byte, int, error) {
	data := d.data
	if i+1 >= len(data) {
		d.pos = len(data)
		return nil, 0, d.fail("unterminated string")
	}
	switch c := data[i+1]; c {
	case '"', '\\', '/':
		return append(out, c), i + 2, nil
	case 'b':
		return append(out, '\b'), i + 2, nil
	case 'f':
		return append(out, '\f'), i + 2, nil
	case 'n':
		return append(out, '\n'), i + 2, nil
	case 'r':
		return append(out, '\r'), i + 2, nil
	case 't':
		return append(out, '\t'), i + 2, nil
	case 'u':
		r, ok := hex4(data[i+2:])
		if !ok {
			d.pos = i
			return nil, 0, d.fail(`\u not followed by four hexadecimal digits`)
		}
		i += 6
		if utf16.IsSurrogate(r) {
			// A pair stands for one rune; a surrogate on its own is
			// U+FFFD, and what follows it is read by itself.
			if r2, ok := lowSurrogate(data[i:]); ok {
				if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
					return utf8.AppendRune(out, pair), i + 6, nil
				}
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(out, r), i, nil
	}
	d.pos = i
	return nil, 0, d.fail(fmt.Sprintf("invalid escape \\%c", data[i+1]))
}

// lowSurrogate returns the rune of a \uXXXX escape at the start of b.
func lowSurrogate(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	return hex4(b[2:])
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// skip reads past the next value, checking that it is well formed, and
// returns its bytes as written.
func (d *decoder) skip() ([]byte, error) {
	d.peek()
	start := d.pos
	err := d.skipValue(0)
	return d.data[start:d.pos], err
}

func (d *decoder) skipValue(depth int) error {
	switch c := d.peek(); {
	case c == '{' || c == '[':
		if depth == maxDepth {
			return d.fail("nesting deeper than " + strconv.Itoa(maxDepth) + " levels")
		}
		return d.skipContainer(c, depth+1)
	case c == '"':
		return d.skipString()
	case c == 't':
		_, err := d.literal("true")
		return err
	case c == 'f':
		_, err := d.literal("false")
		return err
	case c == 'n':
		_, err := d.literal("null")
		return err
	case c == '-' || c >= '0' && c <= '9':
		_, err := d.number()
		return err
	}
	return d.failHere("a value")
}

// skipContainer skips the object or array that opens with c.
func (d *decoder) skipContainer(c byte, depth int) error {
	end := byte(']')
	if c == '{' {
		end = '}'
	}
	d.pos++
	if d.consume(end) {
		return nil
	}
	for {
		if end == '}' {
			if err := d.key(); err != nil {
				return err
			}
		}
		if err := d.skipValue(depth); err != nil {
			return err
		}
		if d.consume(end) {
			return nil
		}
		if !d.consume(',') {
			return d.failHere(fmt.Sprintf("a comma or %q", end))
		}
	}
}

// key reads past an object's member name and its colon.
func (d *decoder) key() error {
	if d.peek() != '"' {
		return d.failHere("a member name")
	}
	if err := d.skipString(); err != nil {
		return err
	}
	if !d.consume(':') {
		return d.failHere("a colon")
	}
	return nil
}

// skipString reads past the string at the read position, checking its
// escapes.
func (d *decoder) skipString() error {
	data := d.data
	for i := plainRun(data, d.pos+1); i < len(data); i = plainRun(data, i) {
		switch c := data[i]; {
		case c == '"':
			d.pos = i + 1
			return nil
		case c < 0x20:
			d.pos = i
			return d.fail("control character in a string")
		case c == '\\':
			// escape checks the escape; what it writes to scratch is dropped.
			var err error
			if _, i, err = d.escape(d.scratch[:0], i); err != nil {
				return err
			}
		default: // a byte of a multi-byte character, kept as it is
			i++
		}
	}
	d.pos = len(data)
	return d.fail("unterminated string")
}
