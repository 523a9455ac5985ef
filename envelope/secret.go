package envelope

import (
	"fmt"
	"io"
	"log/slog"
)

// AccessCode is a code a recipient must enter before opening the envelope:
// a secret the host shares with the recipient. Create sends it to DocuSign
// as it is; everywhere else it reads "[redacted]": fmt (every verb), slog,
// and the JSON the models' MarshalJSON writes, so that logging a Signer or
// a Definition, as text or as JSON, does not reveal it. A host that stores
// definitions as JSON keeps the codes apart.
type AccessCode string

const redacted = "[redacted]"

// String returns "[redacted]"; use string(code) for the code itself.
func (AccessCode) String() string { return redacted }

// GoString returns "[redacted]", for %#v.
func (AccessCode) GoString() string { return redacted }

// Format prints "[redacted]" for every verb, %x and %q included.
func (AccessCode) Format(f fmt.State, _ rune) { io.WriteString(f, redacted) }

// LogValue logs the code as "[redacted]".
func (AccessCode) LogValue() slog.Value { return slog.StringValue(redacted) }
