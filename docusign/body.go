package docusign

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Body is a request body that Do streams as it is instead of encoding it as
// JSON: a multipart envelope with its documents, or a document's bytes.
type Body struct {
	// ContentType is sent as the Content-Type header.
	ContentType string
	// Open returns a reader over the whole body. Do calls it once for each
	// attempt; a body that can be read only once returns an error from its
	// second call, and the request is then not retried.
	Open func() (io.ReadCloser, error)
	// Size is the body's length in bytes, or -1 when unknown; an unknown
	// length is sent with chunked transfer encoding.
	Size int64
}

// notIdempotentKey marks a context whose calls must not be repeated.
type notIdempotentKey struct{}

// NotIdempotent returns a context under which Do treats every call as not
// safe to repeat, whatever its method, in the way it treats a POST: it is
// retried only when nothing reached DocuSign. Use it for a PUT that sends
// email, such as resending an envelope.
func NotIdempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, notIdempotentKey{}, true)
}

func idempotent(ctx context.Context, method string) bool {
	if v, _ := ctx.Value(notIdempotentKey{}).(bool); v {
		return false
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// encodedBody is a request body ready for the transport.
type encodedBody struct {
	contentType string
	open        func() (io.ReadCloser, error)
	size        int64
}

// encodeBody turns Do's in argument into a body: nil for none, a Body as
// it is, []byte or json.RawMessage as ready JSON, anything else through
// encoding/json. A bare io.Reader is refused, since it could be neither
// streamed again on a retry nor told from a value to encode.
func encodeBody(in any) (*encodedBody, error) {
	switch v := in.(type) {
	case nil:
		return nil, nil
	case Body:
		return streamBody(v)
	case *Body:
		if v == nil {
			return nil, nil
		}
		return streamBody(*v)
	case io.Reader:
		return nil, errors.New("docusign: Do was given an io.Reader; wrap it in a " +
			"docusign.Body, whose Open can be called again for a retry")
	case json.RawMessage:
		return jsonBytes(v), nil
	case []byte:
		return jsonBytes(v), nil
	}
	data, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("docusign: encoding the request body: %w", err)
	}
	return jsonBytes(data), nil
}

func streamBody(b Body) (*encodedBody, error) {
	if b.Open == nil {
		return nil, errors.New("docusign: Body.Open is nil; set it to a function " +
			"that returns a new reader over the body")
	}
	size := b.Size
	if size <= 0 {
		size = -1
	}
	return &encodedBody{contentType: b.ContentType, open: b.Open, size: size}, nil
}

func jsonBytes(data []byte) *encodedBody {
	return &encodedBody{
		contentType: "application/json",
		open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		},
		size: int64(len(data)),
	}
}
