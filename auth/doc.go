// Package auth gets the access tokens that DocuSign's APIs take, through
// the two OAuth 2.0 grants an integration uses, and finds the accounts a
// token can act in.
//
// # Connecting a user's account: the authorization-code grant
//
// A host application whose users "add the DocuSign integration" sends each
// user to DocuSign to sign in and consent, then receives a code on its
// redirect URI and trades it for a token. Config holds the integration;
// PKCE is recommended for every client and required for public ones:
//
//	conf := auth.Config{
//		ClientID:     integrationKey,
//		ClientSecret: secretKey,
//		RedirectURL:  "https://app.example.com/docusign/callback",
//		Scopes:       []string{auth.ScopeSignature, auth.ScopeExtended},
//		Environment:  docusign.Demo,
//	}
//	verifier := auth.GenerateVerifier() // kept in the user's session with state
//	http.Redirect(w, r, conf.AuthCodeURL(state, auth.WithPKCE(verifier)), http.StatusFound)
//
// and, on the redirect URI, after checking state:
//
//	tok, err := conf.Exchange(ctx, r.URL.Query().Get("code"), auth.WithPKCE(verifier))
//	ts := conf.TokenSource(ctx, tok, auth.OnRefresh(store))
//
// The source refreshes the token with its refresh token before it expires
// (access tokens of this grant live eight hours). DocuSign may rotate the
// refresh token on each refresh, so every new token goes to OnRefresh before
// anyone uses it: store the whole token there and pass it to TokenSource
// on the next run.
//
// # Acting for a user from a back end: the JWT grant
//
// A service that acts for a user with no one present signs an assertion with
// the RSA private key of its integration key:
//
//	ts, err := auth.JWTConfig{
//		IntegrationKey: integrationKey,
//		UserID:         userID, // the API user ID, a GUID
//		PrivateKey:     pemBytes,
//		Environment:    docusign.Demo,
//	}.TokenSource(ctx)
//
// TokenSource checks the configuration and the key (PKCS#1 or PKCS#8 PEM,
// unencrypted, RSA) and makes no request. The assertion is built and signed
// by golang.org/x/oauth2/jwt; its tokens live one hour and carry no refresh
// token, so the source signs a new assertion each time.
//
// # Consent
//
// The JWT grant works only once the user has consented to the integration
// acting for them (scope impersonation), or an administrator has granted
// consent for the organization. Until then DocuSign answers
// consent_required, which comes back as an *Error whose ConsentURL is the
// link to open as that user:
//
//	var e *auth.Error
//	if errors.As(err, &e) && e.ConsentURL != "" {
//		fmt.Println("Grant consent once at", e.ConsentURL)
//	}
//
// The same link is JWTConfig.ConsentURL. Every OAuth error DocuSign
// commonly answers (invalid_grant with no_valid_keys_or_signatures,
// issuer_not_found or user_not_found, invalid_client, invalid_token, ...)
// is an *Error whose text gives the usual cause and the remedy. A JWT grant
// refused because the local clock is off is named as such: it matches
// ErrClockSkew, and Error.ClockSkew says by how much. DocuSign does not
// document what it answers to an assertion dated in the future or expired
// (it is believed to be a bare invalid_grant), so the package measures the
// skew from the Date header of DocuSign's answer instead of relying on the
// body; a skew is looked for only when a grant is refused.
//
// # Accounts: userinfo
//
// A token acts for a user; the REST API is called for one of the user's
// accounts, at the base URI of the data centre that holds it. FetchUserInfo
// lists them:
//
//	info, err := auth.FetchUserInfo(ctx, ts, docusign.Demo)
//	acct, err := info.DefaultAccount() // or info.Account(storedAccountID)
//	client, err := docusign.NewClient(ts, acct)
//
// # Caching
//
// Both grants return a *Source, a caching oauth2.TokenSource meant to be
// built once per user and shared. It hands out its token until a few
// minutes before expiry (WithRefreshSkew), then gets a new one with a
// single request however many goroutines ask: they all wait for it and
// share its token or its error. After a failure, callers get the same error
// without a new request for a short back-off (WithFailureBackoff). The
// request runs under its own timeout (WithRefreshTimeout), detached from
// any caller; each caller stops waiting when its own context ends
// (TokenContext). A token response without expires_in is used for ten
// minutes only; a huge expires_in is capped at a day.
//
// A docusign.Client given a *Source passes each request's context to it
// and, when DocuSign answers 401 to a token the source still holds, drops
// that token (InvalidateToken), gets a new one and replays the request
// once. No goroutine outlives its refresh unless WithBackgroundRefresh asks
// for one: it replaces the token before any caller has to wait; stop it with
// Close or by ending the context given to TokenSource.
//
// # Secrets
//
// Config, JWTConfig and Source print (every fmt verb), log (slog) and
// marshal to JSON without client secret, private key or token, and no error
// or log line of the package contains a token, an assertion, a code or a
// key. The package logs only through a *slog.Logger given with WithLogger.
package auth
