package docusign

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Account is one DocuSign account a user can act in: its ID and the base URI
// of the data centre that serves it. auth.UserInfo lists a user's accounts;
// a host usually asks the user to confirm one and stores ID and BaseURI.
type Account struct {
	// ID is the account's API ID, a GUID such as
	// "a4ec37d6-0000-0000-0000-143885c220e1".
	ID string
	// Name is the account's display name. It is informational only.
	Name string
	// BaseURI is the account's base URI from userinfo, such as
	// "https://na3.docusign.net". The form with "/restapi" appended, as
	// DocuSign's admin pages show it, is accepted too.
	BaseURI string
	// IsDefault reports whether userinfo marks the account as the user's
	// default one.
	IsDefault bool
}

// Validate reports whether the account can be used by NewClient: a
// non-empty ID and a base URI that NormalizeBaseURI accepts.
func (a Account) Validate() error {
	if err := validateAccountID(a.ID); err != nil {
		return err
	}
	_, err := NormalizeBaseURI(a.BaseURI)
	return err
}

func validateAccountID(id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("docusign: Account.ID is empty; use the account_id of the " +
			"account from userinfo (auth.FetchUserInfo)")
	}
	if strings.ContainsAny(id, "/?#% \t\r\n") {
		return fmt.Errorf("docusign: Account.ID %q is not an account ID; use the "+
			"account_id GUID from userinfo, not a URL or a path", id)
	}
	return nil
}

// NormalizeBaseURI checks a DocuSign account base URI and returns it as a bare
// origin ("https://na3.docusign.net"). It accepts the base_uri of userinfo and
// the same URI followed by "/restapi" or "/restapi/v2.1", with or without a
// trailing slash. It refuses, with an error that says how to fix it, a URI
// without a scheme, plain http on a host other than loopback, a query string
// or fragment, credentials, and any other path. Wrong base URIs are the usual
// cause of DocuSign's USER_AUTHENTICATION_FAILED and
// PARTNER_AUTHENTICATION_FAILED errors, so this runs before any request.
func NormalizeBaseURI(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("docusign: Account.BaseURI is empty; use the base_uri " +
			"of the account from userinfo, such as https://na3.docusign.net")
	}
	u, err := parseOrigin("Account.BaseURI", s)
	if err != nil {
		return "", err
	}
	switch strings.TrimSuffix(strings.ToLower(u.Path), "/") {
	case "", "/restapi", "/restapi/v2.1":
		return u.Scheme + "://" + u.Host, nil
	}
	origin := u.Scheme + "://" + u.Host
	if strings.HasPrefix(strings.ToLower(u.Path), "/restapi/v2") {
		return "", fmt.Errorf("docusign: Account.BaseURI %q includes an API path; use %q "+
			"and put the account ID in Account.ID", raw, origin)
	}
	return "", fmt.Errorf("docusign: Account.BaseURI %q has the path %q; the base URI "+
		"is an origin such as %q, optionally followed by /restapi", raw, u.Path, origin)
}

// parseOrigin parses s as an absolute http(s) URL with a host and nothing
// after its path, naming field in every error.
func parseOrigin(field, s string) (*url.URL, error) {
	if !strings.Contains(s, "://") {
		return nil, fmt.Errorf("docusign: %s %q has no scheme; write it as %q",
			field, s, "https://"+strings.TrimSuffix(hostPart(s), "/"))
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("docusign: %s %q is not a URL: %w; write it as "+
			"https://host", field, s, err)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("docusign: %s %q uses the scheme %q; DocuSign is "+
			"reached over https, as in %q", field, s, u.Scheme, "https://"+u.Host)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("docusign: %s %q has no host; write it as "+
			"https://host, such as https://na3.docusign.net", field, s)
	case u.User != nil:
		return nil, fmt.Errorf("docusign: %s has credentials in it; remove the "+
			"user and password part, they are never sent that way", field)
	case u.RawQuery != "" || u.ForceQuery:
		return nil, fmt.Errorf("docusign: %s %q has a query string; remove "+
			"everything from \"?\" on", field, s)
	case u.Fragment != "" || strings.Contains(s, "#"):
		return nil, fmt.Errorf("docusign: %s %q has a fragment; remove "+
			"everything from \"#\" on", field, s)
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, fmt.Errorf("docusign: %s %q uses plain http; DocuSign is "+
			"reached over https only: write %q", field, s, "https://"+u.Host+u.Path)
	}
	u.Host = strings.ToLower(u.Host)
	return u, nil
}

// hostPart returns s up to its first "/" after any leading slashes, for
// suggesting a fix to a URI typed without its scheme.
func hostPart(s string) string {
	s = strings.TrimLeft(s, "/")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return s
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
