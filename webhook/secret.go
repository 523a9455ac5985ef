package webhook

import (
	"fmt"
	"log/slog"
)

// secret is an HMAC key. Every way of printing, logging or encoding it shows
// a placeholder, so a key never leaks through a struct that holds it.
type secret []byte

const redacted = "[redacted]"

// Format prints the placeholder whatever the verb.
func (secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue logs the placeholder.
func (secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON encodes the placeholder.
func (secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText encodes the placeholder.
func (secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// describe is what a Verifier prints as: how many keys, never which.
func (v Verifier) describe() string {
	return fmt.Sprintf("webhook.Verifier{keys: %d %s}", len(v.keys), redacted)
}

// Format prints the Verifier with the number of its keys and none of their
// bytes, whatever the verb.
func (v Verifier) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(v.describe())) }

// String describes the Verifier without its keys.
func (v Verifier) String() string { return v.describe() }

// GoString describes the Verifier without its keys.
func (v Verifier) GoString() string { return v.describe() }

// LogValue logs the number of keys only.
func (v Verifier) LogValue() slog.Value { return slog.IntValue(len(v.keys)) }

// MarshalJSON encodes the number of keys only.
func (v Verifier) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, `{"keys":%d}`, len(v.keys)), nil
}
