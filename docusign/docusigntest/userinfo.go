package docusigntest

import (
	"net/http"
	"strings"
)

// userInfo is the account server's /oauth/userinfo body.
type userInfo struct {
	Sub        string            `json:"sub"`
	Name       string            `json:"name"`
	GivenName  string            `json:"given_name"`
	FamilyName string            `json:"family_name"`
	Created    string            `json:"created"`
	Email      string            `json:"email"`
	Accounts   []userInfoAccount `json:"accounts"`
}

type userInfoAccount struct {
	AccountID   string `json:"account_id"`
	IsDefault   bool   `json:"is_default"`
	AccountName string `json:"account_name"`
	BaseURI     string `json:"base_uri"`
}

func (s *Server) handleUserInfo(w http.ResponseWriter, r *http.Request) {
	tok := s.bearer(r)
	if tok == nil {
		s.note(r, "missing, unknown or expired access token")
		writeOAuthJSON(w, http.StatusUnauthorized, oauthError{Error: "invalid_token",
			Description: "The presented token is invalid."})
		return
	}
	given, family, _ := strings.Cut(s.cfg.userName, " ")
	info := userInfo{Sub: tok.userID, Name: s.cfg.userName, GivenName: given,
		FamilyName: family, Created: "2024-01-02T03:04:05.67", Email: s.cfg.userEmail}
	for _, a := range s.Accounts() {
		info.Accounts = append(info.Accounts, userInfoAccount{AccountID: a.ID,
			IsDefault: a.IsDefault, AccountName: a.Name, BaseURI: a.BaseURI})
	}
	writeOAuthJSON(w, http.StatusOK, info)
}
