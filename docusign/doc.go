// Package docusign is the core of the DocuSign eSignature SDK: the Client
// that calls the REST API v2.1 of one account, the account and environment
// it needs, DocuSign's errors and rate limits, and the low-level Do that the
// service packages (envelope, and the endpoints they do not wrap) build on.
//
// # Connecting
//
// A Client needs an oauth2.TokenSource and an Account. Package auth provides
// both: a JWT or authorization-code token source, and auth.FetchUserInfo,
// which lists the user's accounts with their base URIs.
//
//	ts, err := auth.JWTConfig{...}.TokenSource(ctx)
//	info, err := auth.FetchUserInfo(ctx, ts, docusign.Demo)
//	acct, err := info.DefaultAccount()
//	client, err := docusign.NewClient(ts, acct)
//
// A host that stored the account the user confirmed builds it directly:
//
//	client, err := docusign.NewClient(ts, docusign.Account{
//		ID:      "a4ec37d6-0000-0000-0000-143885c220e1",
//		BaseURI: "https://na3.docusign.net",
//	})
//
// NewClient makes no network call. It checks the base URI first (see
// NormalizeBaseURI): a URI without https, with a query string, or with a
// path other than /restapi is refused with an error that says how to fix it,
// because a wrong base URI otherwise surfaces as DocuSign's misleading
// USER_AUTHENTICATION_FAILED.
//
// # Errors
//
// DocuSign's error answers are *APIError, with the HTTP status, DocuSign's
// errorCode and message, and the trace token to quote to DocuSign support.
// All errors match the sentinels with errors.Is:
//
//	_, err := envelopes.Get(ctx, id, nil)
//	switch {
//	case errors.Is(err, docusign.ErrNotFound):        // no such envelope
//	case errors.Is(err, docusign.ErrRateLimited):     // quota; see APIError.RetryAt
//	case errors.Is(err, docusign.ErrUnauthorized):    // token or base URI refused
//	case errors.Is(err, docusign.ErrOutcomeUnknown):  // a create may have happened
//	}
//
// DocuSign sends most of these with HTTP 400 and a code, not with 404 or
// 429, so the sentinels look at the code as well as the status.
//
// # Retries and rate limits
//
// The client retries under a RetryPolicy (DefaultRetryPolicy unless
// WithRetryPolicy says otherwise): idempotent calls on 429, 500, 502, 503,
// 504 and on connection errors, POST only when nothing reached DocuSign or
// DocuSign refused it for a burst quota, with jittered backoff, Retry-After
// honoured up to a cap, and a per-client retry budget. An hourly quota is
// never slept on: the call fails with ErrRateLimited and the reset time, and
// the client refuses calls locally until then. RateLimit returns the quota
// state of the last response.
//
// # Testing code that uses the SDK
//
// Without WithHTTPClient, requests go through http.DefaultTransport as it is
// when each request is made, so gock intercepts them with no setup:
//
//	defer gock.Off()
//	gock.New("https://na3.docusign.net").
//		Get("/restapi/v2.1/accounts/123/envelopes/abc").
//		Reply(200).JSON(map[string]string{"envelopeId": "abc", "status": "sent"})
//
// With httptest, pass the server's client with WithHTTPClient and its URL as
// the account's BaseURI (plain http is accepted on loopback). For a whole
// DocuSign (OAuth, envelopes, Connect, signing), use package docusigntest.
//
// # Logging and secrets
//
// The client is quiet unless WithLogger gives it a *slog.Logger; then it
// logs one debug line per attempt with method, path (never the query),
// status, attempt, duration and trace token. Tokens, headers and bodies are
// never logged, and no error text contains them.
package docusign
