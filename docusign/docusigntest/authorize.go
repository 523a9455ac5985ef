package docusigntest

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// authRequest is a validated /oauth/auth request waiting for the user's
// decision on the consent page.
type authRequest struct {
	clientID    string
	redirectURI string
	scope       string
	state       string
	challenge   string
	expires     time.Time
}

// authCode is an issued authorization code, valid once.
type authCode struct {
	clientID    string
	redirectURI string
	scope       string
	challenge   string
	expires     time.Time
}

const (
	codeLifetime     = 2 * time.Minute
	authPageLifetime = 10 * time.Minute
)

// parseAuthRequest checks the query of an /oauth/auth request. An error
// about the client or the redirect URI is shown to the user (there is no
// safe place to redirect to); the others are redirected, as OAuth says.
func (s *Server) parseAuthRequest(q url.Values) (*authRequest, *redirectError, error) {
	req := &authRequest{
		clientID: q.Get("client_id"), redirectURI: q.Get("redirect_uri"),
		scope: q.Get("scope"), state: q.Get("state"),
		challenge: q.Get("code_challenge"), expires: s.now().Add(authPageLifetime),
	}
	if req.clientID != s.ik {
		return nil, nil, fmt.Errorf("the client_id %q is not an integration key of this "+
			"server; use Credentials().ClientID", req.clientID)
	}
	u, err := url.Parse(req.redirectURI)
	if err != nil || !u.IsAbs() || u.Fragment != "" {
		return nil, nil, fmt.Errorf("the redirect_uri %q is not an absolute URI", req.redirectURI)
	}
	if len(s.cfg.redirectURIs) > 0 && !slices.Contains(s.cfg.redirectURIs, req.redirectURI) {
		return nil, nil, fmt.Errorf("the redirect_uri %q is not registered for this "+
			"integration key", req.redirectURI)
	}
	fail := func(code, desc string) (*authRequest, *redirectError, error) {
		return nil, &redirectError{uri: req.redirectURI, state: req.state, code: code,
			desc: desc}, nil
	}
	switch {
	case q.Get("response_type") != "code":
		return fail("unsupported_response_type", "response_type must be code")
	case strings.TrimSpace(req.scope) == "":
		return fail("invalid_scope", "scope is required")
	case req.challenge != "" && q.Get("code_challenge_method") != "S256":
		return fail("invalid_request", "code_challenge_method must be S256")
	case req.challenge == "" && q.Get("code_challenge_method") != "":
		return fail("invalid_request", "code_challenge_method without code_challenge")
	}
	return req, nil, nil
}

// redirectError is an OAuth error sent back to the client's redirect URI.
type redirectError struct{ uri, state, code, desc string }

func (e *redirectError) location() string {
	q := url.Values{"error": {e.code}}
	if e.desc != "" {
		q.Set("error_description", e.desc)
	}
	if e.state != "" {
		q.Set("state", e.state)
	}
	return withQuery(e.uri, q)
}

// withQuery adds q to the query of uri.
func withQuery(uri string, q url.Values) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	v := u.Query()
	for k, vals := range q {
		v[k] = vals
	}
	u.RawQuery = v.Encode()
	return u.String()
}

// approve issues a code for req and returns where to send the user. Scopes
// including impersonation record the user's consent for the JWT grant.
func (s *Server) approve(req *authRequest) string {
	code := newSecret(24)
	s.mu.Lock()
	s.codes[code] = &authCode{clientID: req.clientID, redirectURI: req.redirectURI,
		scope: req.scope, challenge: req.challenge, expires: s.now().Add(codeLifetime)}
	if hasScope(req.scope, "impersonation") {
		s.consent = true
	}
	s.mu.Unlock()
	q := url.Values{"code": {code}}
	if req.state != "" {
		q.Set("state", req.state)
	}
	return withQuery(req.redirectURI, q)
}

func hasScope(scope, want string) bool {
	return slices.Contains(strings.Fields(scope), want)
}

// Approve plays a user who opens authURL (an /oauth/auth URL of this
// server) and clicks "Allow": it returns the redirect URL carrying the code
// and the state, as the browser would be sent to. An invalid request gives
// an error, or the redirect URL carrying the OAuth error.
func (s *Server) Approve(authURL string) (redirectURL string, err error) {
	u, err := url.Parse(authURL)
	if err != nil {
		return "", fmt.Errorf("docusigntest: Approve: %w", err)
	}
	if u.Path != "/oauth/auth" {
		return "", fmt.Errorf("docusigntest: Approve: %q is not an /oauth/auth URL", u.Path)
	}
	req, redir, err := s.parseAuthRequest(u.Query())
	switch {
	case err != nil:
		return "", fmt.Errorf("docusigntest: Approve: %w", err)
	case redir != nil:
		return redir.location(), nil
	}
	return s.approve(req), nil
}

// Deny plays a user who opens authURL and clicks "Deny": it returns the
// redirect URL carrying error=access_denied.
func (s *Server) Deny(authURL string) (redirectURL string, err error) {
	u, err := url.Parse(authURL)
	if err != nil {
		return "", fmt.Errorf("docusigntest: Deny: %w", err)
	}
	req, redir, err := s.parseAuthRequest(u.Query())
	switch {
	case err != nil:
		return "", fmt.Errorf("docusigntest: Deny: %w", err)
	case redir != nil:
		return redir.location(), nil
	}
	return denied(req).location(), nil
}

func denied(req *authRequest) *redirectError {
	return &redirectError{uri: req.redirectURI, state: req.state, code: "access_denied",
		desc: "The user denied the request."}
}

// GrantConsent records the user's consent to the integration for the JWT
// grant, as approving the consent page with the impersonation scope does.
func (s *Server) GrantConsent() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.consent = true
}

// RevokeConsent withdraws the user's consent: JWT grants answer
// {"error":"consent_required"} until it is granted again. Tokens already
// issued stay valid, as with DocuSign.
func (s *Server) RevokeConsent() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.consent = false
}

func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	req, redir, err := s.parseAuthRequest(r.URL.Query())
	switch {
	case err != nil:
		s.renderOAuthError(w, err)
		return
	case redir != nil:
		http.Redirect(w, r, redir.location(), http.StatusFound)
		return
	case s.cfg.autoApprove:
		http.Redirect(w, r, s.approve(req), http.StatusFound)
		return
	}
	id := newSecret(18)
	s.mu.Lock()
	s.authReqs[id] = req
	s.mu.Unlock()
	s.renderConsent(w, id, req)
}

func (s *Server) handleConsentForm(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderOAuthError(w, errors.New("the consent form could not be read"))
		return
	}
	id := r.PostForm.Get("request")
	s.mu.Lock()
	req := s.authReqs[id]
	delete(s.authReqs, id)
	s.mu.Unlock()
	if req == nil || s.now().After(req.expires) {
		s.renderOAuthError(w, errors.New("this consent page has expired or was already "+
			"answered; start the sign-in again"))
		return
	}
	if r.PostForm.Get("decision") != "allow" {
		http.Redirect(w, r, denied(req).location(), http.StatusFound)
		return
	}
	http.Redirect(w, r, s.approve(req), http.StatusFound)
}
