package webhook

import (
	"bytes"
	"strconv"
	"strings"
)

// An include-documents message carries every document base64-encoded in
// PDFBytes: tens of megabytes of text inside a few kilobytes of message.
// Decoding that text as JSON or XML would copy it (twice, through the
// envelope models' codec) and scan it byte by byte. Instead the values are
// lifted out before decoding: each PDFBytes value is found with a fast
// substring search, kept as a view into the body, and replaced in a small
// copy of the message by a placeholder ("#0", "#1", ...) that the decoders
// read in its place. A Document then decodes its view only when read.
//
// Every PDFBytes string is lifted, so a placeholder seen after decoding
// always stands for a lifted value. A value with escapes (JSON "\/" or an
// XML character reference) is lifted too, and unescaped when read.

// lifted is one PDFBytes value: a view into the message body.
type lifted struct {
	// raw is the value's text: for JSON, with its quotes when escaped.
	raw []byte
	// escaped says raw holds JSON escapes or XML references.
	escaped bool
}

var (
	jsonPDFKey  = []byte(`"PDFBytes"`)
	xmlPDFOpen  = []byte(`<PDFBytes>`)
	xmlPDFClose = []byte(`</PDFBytes>`)
)

// placeholderIndex returns the index of the lifted value that placeholder
// stands for, if it is one.
func placeholderIndex(placeholder string, values []lifted) (int, bool) {
	rest, ok := strings.CutPrefix(placeholder, "#")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(rest)
	return i, err == nil && i >= 0 && i < len(values)
}

// liftJSON lifts the string values of every "PDFBytes" member out of body.
// It returns body itself when there is none. A match inside a string
// cannot be a member name: its quote would be escaped.
func liftJSON(body []byte) ([]byte, []lifted) {
	var (
		out    []byte
		values []lifted
		last   int
	)
	for i := 0; ; {
		j := bytes.Index(body[i:], jsonPDFKey)
		if j < 0 {
			break
		}
		key := i + j
		i = key + len(jsonPDFKey)
		if escapedAt(body, key) {
			continue
		}
		p := skipJSONSpace(body, i)
		if p >= len(body) || body[p] != ':' {
			continue
		}
		p = skipJSONSpace(body, p+1)
		if p >= len(body) || body[p] != '"' {
			continue
		}
		end, escaped := jsonStringEnd(body, p+1)
		if end < 0 {
			break // unterminated: the decoder reports it
		}
		v := lifted{raw: body[p+1 : end], escaped: escaped}
		if escaped {
			v.raw = body[p : end+1]
		}
		out = append(out, body[last:p]...)
		out = append(out, '"', '#')
		out = strconv.AppendInt(out, int64(len(values)), 10)
		out = append(out, '"')
		values = append(values, v)
		last, i = end+1, end+1
	}
	if values == nil {
		return body, nil
	}
	return append(out, body[last:]...), values
}

// escapedAt reports whether the quote at body[i] is escaped by an odd run
// of backslashes.
func escapedAt(body []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && body[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

func skipJSONSpace(body []byte, i int) int {
	for i < len(body) && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r') {
		i++
	}
	return i
}

// jsonStringEnd returns the index of the quote that ends the string whose
// content starts at body[i], or -1, and whether the string has escapes.
func jsonStringEnd(body []byte, i int) (int, bool) {
	escaped := false
	for {
		q := bytes.IndexByte(body[i:], '"')
		if q < 0 {
			return -1, escaped
		}
		end := i + q
		if bytes.IndexByte(body[i:end], '\\') >= 0 {
			escaped = true
			if escapedAt(body, end) {
				i = end + 1
				continue
			}
		}
		return end, escaped
	}
}

// liftXML lifts the text of every <PDFBytes> element out of body. An
// element holding anything but text (a CDATA section, a comment) is left
// for the XML decoder.
func liftXML(body []byte) ([]byte, []lifted) {
	var (
		out    []byte
		values []lifted
		last   int
	)
	for i := 0; ; {
		j := bytes.Index(body[i:], xmlPDFOpen)
		if j < 0 {
			break
		}
		start := i + j + len(xmlPDFOpen)
		i = start
		lt := bytes.IndexByte(body[start:], '<')
		if lt < 0 {
			break
		}
		end := start + lt
		if !bytes.HasPrefix(body[end:], xmlPDFClose) {
			continue
		}
		raw := body[start:end]
		values = append(values, lifted{raw: raw, escaped: bytes.IndexByte(raw, '&') >= 0})
		out = append(out, body[last:start]...)
		out = append(out, '#')
		out = strconv.AppendInt(out, int64(len(values)-1), 10)
		last, i = end, end+len(xmlPDFClose)
	}
	if values == nil {
		return body, nil
	}
	return append(out, body[last:]...), values
}
