package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// Config is an integration that users connect their DocuSign account to,
// through the authorization-code grant: AuthCodeURL sends the user to
// DocuSign, Exchange turns the code DocuSign sends back into a token, and
// TokenSource keeps that token fresh with its refresh token.
//
// A confidential client (a web server) sets ClientSecret and authenticates
// with it (HTTP Basic); a public client (a desktop or mobile app, which
// cannot keep a secret) leaves it empty and uses PKCE (WithPKCE) instead.
//
// Config prints, logs and marshals to JSON without ClientSecret.
type Config struct {
	// ClientID is the integration key (a GUID) from Apps and Keys.
	ClientID string
	// ClientSecret is one of the integration key's secret keys; empty for a
	// public client.
	ClientSecret string
	// RedirectURL is where DocuSign sends the user back with the code. It
	// must be one of the redirect URIs registered on the integration key,
	// character for character.
	RedirectURL string
	// Scopes are the permissions asked for; empty means ScopeSignature. Add
	// ScopeExtended for a refresh token that lasts.
	Scopes []string
	// Environment is docusign.Demo or docusign.Production (or a local fake).
	Environment docusign.Environment
	// HTTPClient sends the token requests, used as it is (its transport,
	// timeout and redirect policy). When nil, requests go through
	// http.DefaultTransport at the time of each request, and redirects to
	// another host or to plain http are refused.
	HTTPClient *http.Client
}

// Validate reports the first field that cannot work, with the fix:
// ClientID, RedirectURL and Environment are required.
func (c Config) Validate() error {
	switch {
	case strings.TrimSpace(c.ClientID) == "":
		return errors.New("auth: Config.ClientID is empty; use the integration key " +
			"(a GUID) from Apps and Keys")
	case strings.TrimSpace(c.RedirectURL) == "":
		return errors.New("auth: Config.RedirectURL is empty; use a redirect URI " +
			"registered on the integration key, such as https://app.example.com/callback")
	}
	if u, err := url.Parse(c.RedirectURL); err != nil || !u.IsAbs() {
		return fmt.Errorf("auth: Config.RedirectURL %q is not an absolute URL; use the "+
			"redirect URI registered on the integration key", c.RedirectURL)
	}
	if err := c.Environment.Validate(); err != nil {
		return fmt.Errorf("auth: Config.%s", strings.TrimPrefix(err.Error(), "docusign: "))
	}
	return nil
}

// AuthCodeURL returns the URL of DocuSign's sign-in and consent page for
// this integration. Send the user there; DocuSign redirects them to
// RedirectURL with "code" and "state" in the query. state must be an
// unguessable value tied to the user's session, checked on their return
// (it defends against cross-site request forgery). With WithPKCE the URL
// carries the S256 challenge of the verifier.
//
// AuthCodeURL does not check c: call Validate once at start-up.
//
// https://developers.docusign.com/platform/auth/authcode/authcode-get-token/
func (c Config) AuthCodeURL(state string, opts ...AuthOption) string {
	s := newAuthSettings(opts)
	return spaceAsPercent20(c.oauth2().AuthCodeURL(state, s.codeOptions(false)...))
}

// Exchange trades the code of DocuSign's redirect for a token, with the
// same WithPKCE verifier as AuthCodeURL when it had one. The token carries
// a refresh token; store the whole token (it marshals to JSON) and pass it
// to TokenSource. A public client must use PKCE.
//
// An OAuth error answer is an *Error, such as invalid_grant for a code that
// expired or was used already. The request is bounded by ctx and by
// DefaultRefreshTimeout.
//
// https://developers.docusign.com/platform/auth/authcode/authcode-get-token/
func (c Config) Exchange(ctx context.Context, code string, opts ...AuthOption) (*oauth2.Token, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s := newAuthSettings(opts)
	if err := checkExchange(code, s.verifier, c.ClientSecret == ""); err != nil {
		return nil, err
	}
	issued := time.Now()
	ctx, cancel := context.WithTimeout(ctx, DefaultRefreshTimeout)
	defer cancel()
	ctx = withClient(ctx, httpClient(c.HTTPClient))
	tok, err := c.oauth2().Exchange(ctx, code, s.codeOptions(true)...)
	if err != nil {
		return nil, tokenError(err, opExchange)
	}
	return withExpiry(tok, issued), nil
}

func checkExchange(code, verifier string, public bool) error {
	switch {
	case strings.TrimSpace(code) == "":
		return errors.New("auth: Exchange: the code is empty; pass the \"code\" query " +
			"parameter of DocuSign's redirect (and check \"state\" first)")
	case public && verifier == "":
		return errors.New("auth: Exchange: a public client (no Config.ClientSecret) " +
			"must use PKCE: pass the same WithPKCE(verifier) to AuthCodeURL and Exchange")
	case verifier != "" && !validVerifier(verifier):
		return errors.New("auth: WithPKCE: the verifier must be 43 to 128 characters " +
			"of A-Z, a-z, 0-9 and -._~; use GenerateVerifier")
	}
	return nil
}

func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for _, r := range v {
		ok := r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("-._~", r)
		if !ok {
			return false
		}
	}
	return true
}

// TokenSource returns a caching *Source that hands out tok until shortly
// before it expires, then refreshes it (grant_type=refresh_token). Each new
// token goes to the OnRefresh option, when given, before any caller gets
// it: DocuSign may rotate refresh tokens, so store every one.
//
// tok is the token from Exchange, or one the host stored; a token without
// an expiry is used for a short while only, then refreshed. ctx is read
// for the background refresher only (WithBackgroundRefresh), which stops
// when it ends; ending it does not break the source. An invalid Config or
// option makes every call of the source return the error.
//
// One case cannot be made safe: when the connection fails after DocuSign
// received a refresh request, DocuSign may have rotated the refresh token
// without the answer arriving, and the next attempt sends the old one,
// which DocuSign then refuses (invalid_grant): the user connects again.
func (c Config) TokenSource(ctx context.Context, tok *oauth2.Token, opts ...SourceOption) oauth2.TokenSource {
	err := c.Validate()
	if err == nil && (tok == nil || (tok.AccessToken == "" && tok.RefreshToken == "")) {
		err = errors.New("auth: Config.TokenSource needs the token from Exchange, or " +
			"one stored from an earlier run")
	}
	return newSource(ctx, spec{grant: opRefresh, client: c.HTTPClient, fetch: c.refresher(),
		initial: tok, err: err}, opts)
}

// refresher returns the fetch of the refresh grant.
func (c Config) refresher() fetchFunc {
	oc := c.oauth2()
	return func(ctx context.Context, last *oauth2.Token) (*oauth2.Token, error) {
		if last == nil || last.RefreshToken == "" {
			return nil, errors.New("auth: token refresh: the token has no refresh token; " +
				"the user must connect the account again")
		}
		tok, err := oc.TokenSource(ctx, &oauth2.Token{RefreshToken: last.RefreshToken}).Token()
		if err != nil {
			return nil, tokenError(err, opRefresh)
		}
		return tok, nil
	}
}

// oauth2 returns c as x/oauth2's configuration: Basic authentication for
// a confidential client, client_id in the form (and no secret) for a
// public one.
func (c Config) oauth2() *oauth2.Config {
	style := oauth2.AuthStyleInHeader
	if c.ClientSecret == "" {
		style = oauth2.AuthStyleInParams
	}
	return &oauth2.Config{
		ClientID:     c.ClientID,
		ClientSecret: c.ClientSecret,
		RedirectURL:  c.RedirectURL,
		Scopes:       withDefault(c.Scopes),
		Endpoint: oauth2.Endpoint{
			AuthURL:   c.Environment.Endpoint("/oauth/auth"),
			TokenURL:  c.Environment.Endpoint("/oauth/token"),
			AuthStyle: style,
		},
	}
}
