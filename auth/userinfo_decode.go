package auth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/esignkit/docusign-go/docusign"
)

// userInfoJSON is the wire form of /oauth/userinfo.
type userInfoJSON struct {
	Sub        string `json:"sub"`
	Name       string `json:"name"`
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
	Email      string `json:"email"`
	Created    string `json:"created"`
	Accounts   []struct {
		AccountID   string   `json:"account_id"`
		AccountName string   `json:"account_name"`
		BaseURI     string   `json:"base_uri"`
		IsDefault   flexBool `json:"is_default"`
	} `json:"accounts"`
}

func decodeUserInfo(body []byte) (*UserInfo, error) {
	var w userInfoJSON
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("auth: userinfo: decoding DocuSign's answer: %w", err)
	}
	info := &UserInfo{UserID: w.Sub, Name: w.Name, GivenName: w.GivenName,
		FamilyName: w.FamilyName, Email: w.Email, Created: w.Created,
		Accounts: make([]docusign.Account, 0, len(w.Accounts))}
	for _, a := range w.Accounts {
		base := a.BaseURI
		if norm, err := docusign.NormalizeBaseURI(base); err == nil {
			base = norm
		}
		info.Accounts = append(info.Accounts, docusign.Account{ID: a.AccountID,
			Name: a.AccountName, BaseURI: base, IsDefault: bool(a.IsDefault)})
	}
	return info, nil
}

// flexBool reads is_default as DocuSign sends it, a JSON boolean, and as
// some of DocuSign's own SDKs relay it, the string "true" or "false".
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch strings.ToLower(strings.Trim(string(data), `"`)) {
	case "true":
		*b = true
	case "false", "", "null":
		*b = false
	default:
		return fmt.Errorf("is_default is %s, not a boolean", data)
	}
	return nil
}
