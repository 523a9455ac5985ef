package webhook

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// errTooLarge is the reason a body past the cap is refused.
var errTooLarge = errors.New("the body is larger than the handler's cap (WithMaxBodySize)")

// initialBodyBuffer is the first buffer readBody allocates for a body of
// unknown or large size.
const initialBodyBuffer = 64 << 10

// readBody reads the whole body through http.MaxBytesReader, so that no
// more than maxBytes+1 bytes are ever read. A declared Content-Length past the
// cap is refused before reading anything.
//
// The buffer doubles as the body arrives, up to the declared length (or the
// cap, when none is declared), rather than being allocated at the declared
// length at once: a sender then has to send half the bytes it declares
// before the handler holds them all, and a 30 MB message still costs one
// buffer of its size plus the smaller ones that led to it.
func readBody(w http.ResponseWriter, r *http.Request, maxBytes int64) ([]byte, error) {
	if r.ContentLength > maxBytes {
		return nil, errTooLarge
	}
	limit := maxBytes + 1
	if r.ContentLength >= 0 {
		limit = r.ContentLength + 1 // room to see the end of the body
	}
	rd := http.MaxBytesReader(w, r.Body, maxBytes)
	defer rd.Close()
	buf := make([]byte, 0, min(limit, initialBodyBuffer))
	for {
		if len(buf) == cap(buf) {
			size := min(max(2*int64(cap(buf)), 512), max(limit, int64(len(buf))+1))
			grown := make([]byte, len(buf), size)
			copy(grown, buf)
			buf = grown
		}
		n, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errTooLarge
		}
		if err != nil {
			return nil, fmt.Errorf("reading the body: %w", err)
		}
	}
}
