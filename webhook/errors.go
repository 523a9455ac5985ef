package webhook

import "errors"

// Errors from Verify. None of them ever carries a MAC, a signature header's
// value, a key or any part of the body, so they are safe to log and to
// return to the sender.
var (
	// ErrNotSigned: the request has no X-DocuSign-Signature-N header at all.
	// Either HMAC is not enabled on the Connect configuration (set
	// includeHMAC, and add a key under Connect settings), or the request does
	// not come from DocuSign.
	ErrNotSigned = errors.New("webhook: the request has no X-DocuSign-Signature header; " +
		"enable HMAC on the Connect configuration")
	// ErrNoValidSignature: signature headers are present but none of them is
	// the HMAC of the body under any configured key. The body was changed on
	// the way (a proxy that re-encodes or pretty-prints it breaks the MAC),
	// the key is not one the account uses, or the request is forged.
	ErrNoValidSignature = errors.New("webhook: no X-DocuSign-Signature header matches " +
		"the body under any configured key")
	// ErrMalformedSignature: every signature header examined was not a
	// standard, padded base64 encoding of 32 bytes. Verify returns it
	// together with ErrNoValidSignature (errors.Is matches both), since a
	// malformed header is counted as one that does not match.
	ErrMalformedSignature = errors.New("webhook: the X-DocuSign-Signature headers are not " +
		"base64-encoded HMAC-SHA256 values")
)

// Errors from Parse. A signed message that Parse refuses is acknowledged by
// the Handler and handed to the quarantine callback with one of these.
var (
	// ErrEmptyBody: the message has no content.
	ErrEmptyBody = errors.New("webhook: the message body is empty")
	// ErrUnknownFormat: the body is neither JSON nor XML.
	ErrUnknownFormat = errors.New("webhook: the message is neither JSON (SIM) nor " +
		"XML (DocuSignEnvelopeInformation)")
	// ErrMalformedMessage: the body looks like JSON or XML but cannot be read
	// as a Connect message: invalid syntax, a wrong root element, or a field
	// of the wrong type.
	ErrMalformedMessage = errors.New("webhook: the message is not a valid Connect message")
	// ErrUnknownEvent: the message names an event this package does not know,
	// or none at all.
	ErrUnknownEvent = errors.New("webhook: the message's event type is not known")
)

// verifyError is the error Verify returns when headers are present but none
// matches. It matches ErrNoValidSignature and, when no header could even be
// decoded, ErrMalformedSignature.
type verifyError struct {
	malformed bool
}

func (e verifyError) Error() string {
	if e.malformed {
		return ErrNoValidSignature.Error() + " (none of them is a base64 HMAC-SHA256 value)"
	}
	return ErrNoValidSignature.Error()
}

func (e verifyError) Unwrap() []error {
	if e.malformed {
		return []error{ErrNoValidSignature, ErrMalformedSignature}
	}
	return []error{ErrNoValidSignature}
}
