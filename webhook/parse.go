package webhook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// utf8BOM is the byte-order mark some XML writers put first.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse reads a Connect message in either format, told apart by its
// content (never by a Content-Type header, which proxies and fakes get
// wrong): a JSON object is a JSON SIM message, an XML document a legacy
// DocuSignEnvelopeInformation. Verify the message before parsing it.
//
// The error matches ErrEmptyBody, ErrUnknownFormat, ErrMalformedMessage or
// ErrUnknownEvent, and names the field at fault.
//
// The event's Documents are views into body, not copies: keep body
// unchanged while they are in use.
func Parse(body []byte) (*Event, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, utf8BOM), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, ErrEmptyBody
	}
	var (
		ev  *Event
		err error
	)
	switch trimmed[0] {
	case '{':
		ev, err = parseJSON(trimmed)
	case '<':
		ev, err = parseXML(trimmed)
	default:
		return nil, ErrUnknownFormat
	}
	if err != nil {
		return nil, err
	}
	if ev.GeneratedAt.IsZero() {
		sum := sha256.Sum256(body)
		ev.fallbackKey = "sha256:" + hex.EncodeToString(sum[:])
	}
	return ev, nil
}

// malformed wraps ErrMalformedMessage with what was wrong.
func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformedMessage, fmt.Sprintf(format, args...))
}

// unknownEvent wraps ErrUnknownEvent with the event's name, shortened and
// quoted so that a hostile value cannot forge log lines.
func unknownEvent(name string) error {
	if len(name) > 64 {
		name = name[:64] + "…"
	}
	if name == "" {
		return fmt.Errorf("%w: the message names no event", ErrUnknownEvent)
	}
	return fmt.Errorf("%w: %s", ErrUnknownEvent, strconv.Quote(name))
}

// checkIDs refuses a message about an envelope or a recipient that does not
// say which envelope.
func checkIDs(ev *Event, field string) error {
	if ev.Type.IsTemplate() || strings.TrimSpace(ev.EnvelopeID) != "" {
		return nil
	}
	return malformed("%s is missing; a %s message names its envelope", field, ev.Type)
}
