package auth

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/jwt"

	"github.com/esignkit/docusign-go/docusign"
)

// JWTConfig is a back-end integration that acts for a DocuSign user with
// the JWT grant: it signs an assertion with the integration key's RSA
// private key and trades it for an access token, with no user present. The
// user (or an administrator for the whole organization) consents once, on
// the page ConsentURL links to.
//
// JWTConfig prints, logs and marshals to JSON without PrivateKey.
type JWTConfig struct {
	// IntegrationKey is the integration key (a GUID) from Apps and Keys:
	// the assertion's iss.
	IntegrationKey string
	// UserID is the API user ID (a GUID) of the user to act for: the
	// assertion's sub. It is shown under Apps and Keys and as sub in
	// userinfo; it is not the user's email address.
	UserID string
	// PrivateKey is the PEM of the RSA private key of one of the
	// integration key's keypairs, PKCS#1 ("BEGIN RSA PRIVATE KEY", as
	// DocuSign generates it) or PKCS#8 ("BEGIN PRIVATE KEY"), unencrypted.
	PrivateKey []byte
	// Scopes are the permissions asked for; empty means ScopeSignature.
	// ScopeImpersonation is always added: the JWT grant needs it.
	Scopes []string
	// Environment is docusign.Demo or docusign.Production (or a local fake).
	Environment docusign.Environment
	// HTTPClient sends the token requests, used as it is. When nil,
	// requests go through http.DefaultTransport at the time of each
	// request, and redirects to another host or to plain http are refused.
	HTTPClient *http.Client
	// ConsentRedirectURL is where DocuSign sends the user after the consent
	// page; it must be a redirect URI registered on the integration key.
	// It is used for the ConsentURL of a consent_required *Error.
	ConsentRedirectURL string
}

// Validate reports the first field that cannot work, with the fix:
// IntegrationKey, UserID, PrivateKey (an RSA private key) and Environment
// are required.
func (c JWTConfig) Validate() error {
	_, err := c.validate()
	return err
}

func (c JWTConfig) validate() ([]byte, error) {
	switch {
	case strings.TrimSpace(c.IntegrationKey) == "":
		return nil, errors.New("auth: JWTConfig.IntegrationKey is empty; use the " +
			"integration key (a GUID) from Apps and Keys")
	case strings.TrimSpace(c.UserID) == "":
		return nil, errors.New("auth: JWTConfig.UserID is empty; use the API user ID " +
			"(a GUID) of the user to act for, shown under Apps and Keys")
	case strings.Contains(c.UserID, "@"):
		return nil, errors.New("auth: JWTConfig.UserID is an email address; use the " +
			"user's API user ID (a GUID), shown under Apps and Keys")
	}
	key, err := parsePrivateKey(c.PrivateKey)
	if err != nil {
		return nil, err
	}
	if err := c.Environment.Validate(); err != nil {
		return nil, fmt.Errorf("auth: JWTConfig.%s", strings.TrimPrefix(err.Error(), "docusign: "))
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey cannot be used (%v)",
			ErrMalformedKey, err)
	}
	return der, nil
}

// TokenSource checks c and returns a caching *Source of JWT-grant tokens.
// It makes no request: the first token is asked for by the first call.
// Each token lives one hour and is replaced shortly before it expires (see
// the options). A bad field or option is reported here; a malformed,
// encrypted or non-RSA private key matches ErrMalformedKey, ErrEncryptedKey
// or ErrNotRSAKey.
//
// The assertion is signed (RS256) by golang.org/x/oauth2/jwt with aud the
// account server's bare host, iss the integration key, sub the user ID,
// scope the scopes, iat ten seconds back and exp one hour after iat.
//
// ctx is read for the background refresher only (WithBackgroundRefresh),
// which stops when it ends; ending it does not break the source.
//
// https://developers.docusign.com/platform/auth/jwt/jwt-get-token/
func (c JWTConfig) TokenSource(ctx context.Context, opts ...SourceOption) (oauth2.TokenSource, error) {
	der, err := c.validate()
	if err != nil {
		return nil, err
	}
	s := newSource(ctx, spec{grant: opJWT, client: c.HTTPClient, fetch: c.grant(der)}, opts)
	if s.initErr != nil {
		return nil, s.initErr
	}
	return s, nil
}

// grant returns the fetch of the JWT grant. Expires is left zero on
// purpose: x/oauth2/jws then sets exp to its backdated iat plus one hour,
// whereas a set Expires is counted from the time before the backdating,
// which would make exp-iat longer than the hour DocuSign allows.
func (c JWTConfig) grant(der []byte) fetchFunc {
	jc := &jwt.Config{
		Email:      c.IntegrationKey,
		Subject:    c.UserID,
		PrivateKey: der,
		Scopes:     c.scopes(),
		TokenURL:   c.Environment.Endpoint("/oauth/token"),
		Audience:   c.Environment.Audience(),
	}
	return func(ctx context.Context, _ *oauth2.Token) (*oauth2.Token, error) {
		tok, err := jc.TokenSource(ctx).Token()
		if err != nil {
			return nil, c.grantError(err, time.Now())
		}
		return tok, nil
	}
}

// grantError converts an error of the JWT grant, adding the consent URL to
// consent_required and the clock check to a refused grant.
func (c JWTConfig) grantError(err error, local time.Time) error {
	converted := tokenError(err, opJWT)
	var e *Error
	var re *oauth2.RetrieveError
	if !errors.As(converted, &e) || !errors.As(err, &re) {
		return converted
	}
	checkClock(e, re.Response.Header, local)
	if strings.EqualFold(e.Code, "consent_required") {
		e.ConsentURL = c.ConsentURL(c.ConsentRedirectURL)
	}
	return e
}

// ConsentURL returns the link that a user opens once to consent to this
// integration acting for them (with ScopeImpersonation added to Scopes).
// redirectURL must be a redirect URI registered on the integration key;
// DocuSign sends the user there afterwards, with a code that can be
// ignored. An organization administrator can instead grant consent for
// every user of the organization's domains, in DocuSign Admin.
//
// https://developers.docusign.com/platform/auth/consent/obtaining-individual-consent/
func (c JWTConfig) ConsentURL(redirectURL string) string {
	v := url.Values{
		"response_type": {"code"},
		"scope":         {strings.Join(c.scopes(), " ")},
		"client_id":     {c.IntegrationKey},
	}
	if redirectURL != "" {
		v.Set("redirect_uri", redirectURL)
	}
	return c.Environment.Endpoint("/oauth/auth") + "?" + spaceAsPercent20(v.Encode())
}

func (c JWTConfig) scopes() []string {
	return withScope(withDefault(c.Scopes), ScopeImpersonation)
}
