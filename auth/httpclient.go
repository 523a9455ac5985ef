package auth

import (
	"context"
	"net/http"
	"time"

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

// withClient returns ctx, whose deadline is the refresh timeout (if any), carrying
// hc where x/oauth2 looks for its client. x/oauth2's JWT grant sends its
// request without a context, so hc's own Timeout is set too, a second past
// the context's deadline: whichever bounds the request, the context has
// expired by the time the request fails, which is how a timeout is told.
func withClient(ctx context.Context, hc *http.Client, timeout time.Duration) context.Context {
	limit := timeout + time.Second
	if timeout > 0 && (hc.Timeout == 0 || hc.Timeout > limit) {
		c := *hc
		c.Timeout = limit
		hc = &c
	}
	return context.WithValue(ctx, oauth2.HTTPClient, hc)
}
