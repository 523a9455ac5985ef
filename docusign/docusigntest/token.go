package docusigntest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"strings"
	"time"
)

// accessToken is an issued access token.
type accessToken struct {
	userID  string
	scope   string
	expires time.Time
}

// refreshGrant is an issued refresh token, valid until it is used.
type refreshGrant struct {
	clientID string
	scope    string
	expires  time.Time
}

const (
	jwtTokenLifetime  = time.Hour
	codeTokenLifetime = 8 * time.Hour
	refreshLifetime   = 30 * 24 * time.Hour
	jwtBearerGrant    = "urn:ietf:params:oauth:grant-type:jwt-bearer"
)

// oauthError is the account server's error body.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
	reason      string // why, for the request log only
}

// tokenResponse is the account server's token body.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope,omitempty"`
}

func invalidGrant(desc, reason string) *oauthError {
	return &oauthError{Error: "invalid_grant", Description: desc, reason: reason}
}

func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		s.tokenError(w, r, &oauthError{Error: "invalid_request",
			reason: "the token request must be application/x-www-form-urlencoded"})
		return
	}
	if err := r.ParseForm(); err != nil {
		s.tokenError(w, r, &oauthError{Error: "invalid_request", reason: err.Error()})
		return
	}
	var (
		resp *tokenResponse
		oerr *oauthError
	)
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		resp, oerr = s.exchangeCode(r)
	case "refresh_token":
		resp, oerr = s.exchangeRefresh(r)
	case jwtBearerGrant:
		resp, oerr = s.exchangeJWT(r.PostForm.Get("assertion"))
	default:
		oerr = &oauthError{Error: "unsupported_grant_type",
			reason: "grant_type " + r.PostForm.Get("grant_type") + " is not supported"}
	}
	if oerr != nil {
		s.tokenError(w, r, oerr)
		return
	}
	writeOAuthJSON(w, http.StatusOK, resp)
}

func (s *Server) tokenError(w http.ResponseWriter, r *http.Request, e *oauthError) {
	s.note(r, e.reason)
	writeOAuthJSON(w, http.StatusBadRequest, e)
}

func writeOAuthJSON(w http.ResponseWriter, status int, v any) {
	data, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// clientAuth identifies the client of a code or refresh grant: HTTP Basic
// for a confidential client, the client_id form field for a public one.
func (s *Server) clientAuth(r *http.Request) (clientID string, public bool, e *oauthError) {
	if id, secret, ok := r.BasicAuth(); ok {
		if id != s.ik {
			return "", false, invalidGrant("issuer_not_found", "unknown client_id in Basic auth")
		}
		if subtle.ConstantTimeCompare([]byte(secret), []byte(s.secret)) != 1 {
			return "", false, invalidGrant("expired_client_token", "wrong client secret")
		}
		return id, false, nil
	}
	id := r.PostForm.Get("client_id")
	if id == "" {
		return "", false, &oauthError{Error: "invalid_client",
			reason: "no Basic client authentication and no client_id"}
	}
	if id != s.ik {
		return "", false, invalidGrant("issuer_not_found", "unknown client_id")
	}
	if secret := r.PostForm.Get("client_secret"); secret != "" {
		if subtle.ConstantTimeCompare([]byte(secret), []byte(s.secret)) != 1 {
			return "", false, invalidGrant("expired_client_token", "wrong client secret")
		}
		return id, false, nil
	}
	return id, true, nil
}

func (s *Server) exchangeCode(r *http.Request) (*tokenResponse, *oauthError) {
	clientID, public, oerr := s.clientAuth(r)
	if oerr != nil {
		return nil, oerr
	}
	code := r.PostForm.Get("code")
	s.mu.Lock()
	grant := s.codes[code]
	delete(s.codes, code)
	s.mu.Unlock()
	verifier := r.PostForm.Get("code_verifier")
	switch {
	case grant == nil:
		return nil, invalidGrant("", "unknown or already used authorization code")
	case s.now().After(grant.expires):
		return nil, invalidGrant("", "the authorization code expired")
	case grant.clientID != clientID:
		return nil, invalidGrant("", "the code was issued to another client")
	case r.PostForm.Has("redirect_uri") && r.PostForm.Get("redirect_uri") != grant.redirectURI:
		return nil, invalidGrant("", "redirect_uri differs from the authorization request")
	case grant.challenge == "" && public:
		return nil, &oauthError{Error: "invalid_client",
			reason: "a public client must use PKCE or authenticate with its secret"}
	case grant.challenge != "" && verifier == "":
		return nil, &oauthError{Error: "invalid_request", reason: "code_verifier is missing"}
	case grant.challenge != "" && !pkceMatches(verifier, grant.challenge):
		return nil, invalidGrant("", "code_verifier does not match code_challenge")
	}
	return s.issueWithRefresh(clientID, grant.scope), nil
}

func pkceMatches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	want := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

func (s *Server) exchangeRefresh(r *http.Request) (*tokenResponse, *oauthError) {
	clientID, _, oerr := s.clientAuth(r)
	if oerr != nil {
		return nil, oerr
	}
	rt := r.PostForm.Get("refresh_token")
	s.mu.Lock()
	grant := s.refreshes[rt]
	if grant != nil && grant.clientID == clientID {
		delete(s.refreshes, rt)
	}
	s.mu.Unlock()
	switch {
	case grant == nil:
		return nil, invalidGrant("", "unknown, rotated or revoked refresh token")
	case grant.clientID != clientID:
		return nil, invalidGrant("", "the refresh token was issued to another client")
	case s.now().After(grant.expires):
		return nil, invalidGrant("", "the refresh token expired")
	}
	return s.issueWithRefresh(clientID, grant.scope), nil
}

func (s *Server) issueWithRefresh(clientID, scope string) *tokenResponse {
	resp := s.issue(scope, codeTokenLifetime)
	resp.RefreshToken = newSecret(32)
	s.mu.Lock()
	s.refreshes[resp.RefreshToken] = &refreshGrant{clientID: clientID, scope: scope,
		expires: s.now().Add(refreshLifetime)}
	s.mu.Unlock()
	return resp
}

func (s *Server) issue(scope string, life time.Duration) *tokenResponse {
	tok := newSecret(32)
	s.mu.Lock()
	s.tokens[tok] = &accessToken{userID: s.userID, scope: scope, expires: s.now().Add(life)}
	s.mu.Unlock()
	return &tokenResponse{AccessToken: tok, TokenType: "Bearer",
		ExpiresIn: int(life / time.Second), Scope: scope}
}

// ExpireTokens makes every access token issued so far expired, so that the
// next API call with one is answered 401 USER_AUTHENTICATION_FAILED (a
// token DocuSign revoked early). Refresh tokens stay valid.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	past := s.now().Add(-time.Second)
	for _, t := range s.tokens {
		t.expires = past
	}
}

// bearer returns the valid access token of a request, or nil.
func (s *Server) bearer(r *http.Request) *accessToken {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[strings.TrimSpace(tok)]
	if t == nil || !s.now().Before(t.expires) {
		return nil
	}
	return t
}
