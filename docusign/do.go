package docusign

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/esignkit/docusign-go/internal/transport"
)

// Response is DocuSign's answer to a successful Do. Its Body has been read
// and closed, unless Do's out argument asked for the body.
type Response struct {
	*http.Response
	// RateLimit is the quota state this response reported.
	RateLimit RateLimit
}

// TraceToken returns the X-DocuSign-TraceToken header, which DocuSign
// support asks for when a call needs investigating.
func (r *Response) TraceToken() string { return r.Header.Get("X-DocuSign-TraceToken") }

// Do sends one request to the account's REST API and decodes the answer. It
// is what the service packages are built on, and it serves the endpoints
// they do not wrap.
//
// path is relative to the account, such as "/envelopes/{envelopeId}"; it
// may carry a query string. The relative "uri" values in DocuSign's
// responses work as they are, and so does a full
// "/restapi/v2.1/accounts/{accountId}/…" path of the same account; such a
// path of another account is refused.
//
// in is the request body: nil for none; a Body, streamed as it is; []byte
// or json.RawMessage, sent as JSON as they are; anything else, encoded as
// JSON.
//
// out receives the answer: nil discards it; a *io.ReadCloser receives the
// open body, which the caller must close (for downloads); anything else is
// decoded from JSON.
//
// Do retries under the client's RetryPolicy, replays the request once with
// a new token when DocuSign answers 401 and the token source implements
// TokenInvalidator, and refuses locally, without a request, while the
// hourly quota is known to be used up. Errors from DocuSign are *APIError;
// all errors match the package's sentinels with errors.Is.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) (*Response, error) {
	u, name, err := c.resolve(path)
	if err != nil {
		return nil, err
	}
	body, err := encodeBody(in)
	if err != nil {
		return nil, err
	}
	if until, rl := c.quotaBlock(time.Now()); !until.IsZero() {
		return nil, &APIError{Code: "HOURLY_APIINVOCATION_LIMIT_EXCEEDED", RateLimit: rl,
			RetryAt: until, Method: method, Path: name}
	}
	req := transport.Request{Method: method, URL: u, Idempotent: idempotent(ctx, method)}
	if body != nil {
		req.Body, req.ContentLength = body.open, body.size
	}
	var refused *APIError // the 401 that made the client replay the request
	for {
		tok, err := TokenFrom(ctx, c.ts)
		if err != nil {
			return nil, withRefusal(err, refused)
		}
		req.Header = c.header(tok.Type()+" "+tok.AccessToken, body, out)
		resp, err := c.engine.Do(ctx, req)
		if err == nil {
			return c.decode(resp, method, name, out)
		}
		inv, canRefresh := c.ts.(TokenInvalidator)
		var se *transport.StatusError
		if refused == nil && canRefresh && errors.As(err, &se) && se.StatusCode == 401 {
			refused = apiError(se, method, name)
			inv.InvalidateToken(tok)
			continue
		}
		if !reachedTransport(err) {
			return nil, withRefusal(c.convert(err, method, name), refused)
		}
		err = c.convert(err, method, name)
		c.blockOnQuota(err)
		return nil, err
	}
}

// reachedTransport reports whether err comes from sending the request, as
// opposed to preparing it (its body could not be opened again, say).
func reachedTransport(err error) bool {
	var se *transport.StatusError
	var te *transport.TransportError
	return errors.As(err, &se) || errors.As(err, &te)
}

// withRefusal joins err, which stopped the replay of a request DocuSign
// refused with 401, to that refusal, so that the error still matches
// ErrUnauthorized and says why the replay did not happen. With no refusal
// it returns err.
func withRefusal(err error, refused *APIError) error {
	if refused == nil {
		return err
	}
	return &requestError{
		msg: refused.Error() + "; the request could not be replayed with a new " +
			"token: " + err.Error(),
		errs: []error{refused, err},
	}
}

// resolve turns Do's path into an absolute URL under the account, and a
// name for errors and logs (the path without its query).
func (c *Client) resolve(path string) (*url.URL, string, error) {
	if strings.Contains(path, "://") {
		return nil, "", fmt.Errorf("docusign: Do takes a path relative to the "+
			"account, such as /envelopes, not the URL %q", transport.RedactURL(path))
	}
	rel, err := url.Parse(path)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its text repeats the whole path, query string included
		}
		name, _, _ := strings.Cut(path, "?")
		return nil, "", fmt.Errorf("docusign: Do: the path %q is not valid: %w", name, err)
	}
	p := "/" + strings.TrimPrefix(rel.EscapedPath(), "/")
	if rest, ok := strings.CutPrefix(p, c.base.EscapedPath()); ok &&
		(rest == "" || rest[0] == '/') {
		p = rest
	} else if strings.HasPrefix(p, "/restapi/") {
		return nil, "", fmt.Errorf("docusign: Do: the path %q is not under the "+
			"account %s; give a path relative to the account, such as /envelopes, "+
			"or use a Client of the other account", p, c.account.ID)
	}
	if p == "" || p == "/" {
		return nil, "", errors.New("docusign: Do needs a path under the account, " +
			"such as /envelopes")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return nil, "", fmt.Errorf("docusign: Do: the path %q has dot segments", p)
		}
	}
	u, err := url.Parse(c.base.String() + p)
	if err != nil {
		return nil, "", fmt.Errorf("docusign: Do: the path is not valid: %w", err)
	}
	u.RawQuery = rel.RawQuery
	return u, p, nil
}

func (c *Client) header(auth string, body *encodedBody, out any) http.Header {
	h := http.Header{}
	h.Set("Authorization", auth)
	h.Set("User-Agent", c.userAgent)
	if _, stream := out.(*io.ReadCloser); stream {
		h.Set("Accept", "*/*")
	} else {
		h.Set("Accept", "application/json")
	}
	if body != nil && body.contentType != "" {
		h.Set("Content-Type", body.contentType)
	}
	return h
}

// decode turns a response the transport passed as successful into Do's
// results: a 1xx or 3xx answer (a redirect the caller's client did not
// follow) is an error too.
func (c *Client) decode(resp *http.Response, method, name string, out any) (*Response, error) {
	r := &Response{Response: resp, RateLimit: parseRateLimit(resp.Header)}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, transport.DefaultMaxErrorBody))
		resp.Body.Close()
		code, msg := decodeErrorBody(data)
		if msg == "" {
			msg = "unexpected status " + resp.Status
		}
		return nil, &APIError{StatusCode: resp.StatusCode, Code: code, Message: msg,
			TraceToken: r.TraceToken(), RateLimit: r.RateLimit, Method: method,
			Path: name, Body: data, Attempts: 1}
	}
	switch v := out.(type) {
	case *io.ReadCloser:
		*v = resp.Body
		return r, nil
	case nil:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		return r, nil
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNoContent {
		return r, nil
	}
	err := json.NewDecoder(resp.Body).Decode(out)
	// The decoder stops at the end of the value; reading what follows (a
	// newline, the last chunk) lets the transport reuse the connection.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	if errors.Is(err, io.EOF) {
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("docusign: %s %s: decoding DocuSign's answer: %w", method, name, err)
	}
	return r, nil
}

// convert turns a transport error into the package's errors.
func (c *Client) convert(err error, method, name string) error {
	var se *transport.StatusError
	if errors.As(err, &se) {
		return apiError(se, method, name)
	}
	var te *transport.TransportError
	if !errors.As(err, &te) {
		return fmt.Errorf("docusign: %s %s: %w", method, name, err)
	}
	re := &requestError{msg: fmt.Sprintf("docusign: %s %s: %v", method, name, te.Err),
		errs: []error{te.Err}}
	if te.Ambiguous {
		re.msg += " (the request was sent and may have taken effect: outcome unknown)"
		re.errs = append(re.errs, ErrOutcomeUnknown)
	}
	if te.Last != nil {
		last := apiError(te.Last, method, name)
		re.msg += "; the last answer was: " + last.Error()
		re.errs = append(re.errs, last)
	}
	return re
}

func apiError(se *transport.StatusError, method, name string) *APIError {
	code, msg := decodeErrorBody(se.Body)
	return &APIError{
		StatusCode:     se.StatusCode,
		Code:           code,
		Message:        msg,
		TraceToken:     se.Header.Get("X-DocuSign-TraceToken"),
		RateLimit:      parseRateLimit(se.Header),
		RetryAt:        se.RetryAt,
		Method:         method,
		Path:           name,
		Body:           se.Body,
		Attempts:       se.Attempts,
		outcomeUnknown: se.Ambiguous,
		stopped:        se.Stopped,
	}
}

// requestError is a failure without a DocuSign answer, wrapping its cause,
// ErrOutcomeUnknown when that applies, and the last *APIError of an earlier
// attempt.
type requestError struct {
	msg  string
	errs []error
}

func (e *requestError) Error() string   { return e.msg }
func (e *requestError) Unwrap() []error { return e.errs }
