package auth

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/internal/transport"
)

// httpClient returns the caller's client as it is, or the package's own:
// requests go through http.DefaultTransport as it is at the time of each
// request (so that gock and the like intercept them), and a redirect to
// another host or from https to http is refused, so that a 307 or 308 on a
// token request never carries the client secret, the assertion or the code
// elsewhere, and a redirected userinfo call never carries the access token.
// A caller's own client keeps its own redirect policy.
func httpClient(hc *http.Client) *http.Client {
	if hc != nil {
		return hc
	}
	return transport.NewHTTPClient(nil, 0)
}

// withClient returns ctx carrying, where x/oauth2 looks for its client, a
// copy of hc whose requests end when ctx ends as well as when their own
// context does. x/oauth2's JWT grant sends its request without a context,
// so this is what bounds it by the refresh timeout and lets Close cancel it.
func withClient(ctx context.Context, hc *http.Client) context.Context {
	c := *hc
	c.Transport = boundTransport{ctx: ctx, next: hc.Transport}
	return context.WithValue(ctx, oauth2.HTTPClient, &c)
}

// boundTransport sends each request under ctx as well as under the
// request's own context.
type boundTransport struct {
	ctx  context.Context
	next http.RoundTripper // nil: http.DefaultTransport at the time of the request
}

func (t boundTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	ctx, cancel := context.WithCancelCause(req.Context())
	stop := context.AfterFunc(t.ctx, func() { cancel(context.Cause(t.ctx)) })
	release := func() {
		stop()
		cancel(nil)
	}
	resp, err := next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = transport.OnClose(resp.Body, release)
	return resp, nil
}
