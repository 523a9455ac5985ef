package docusign

import (
	"fmt"
	"net/url"
	"strings"
)

// Environment names a DocuSign account server: the host that runs OAuth
// (/oauth/auth, /oauth/token, /oauth/userinfo) for one family of accounts.
// REST calls do not go there; they go to the base URI of the account, which
// userinfo reports.
type Environment struct {
	// AuthServer is the OAuth server's origin, such as
	// "https://account-d.docusign.com", without a path.
	AuthServer string
}

// Demo is DocuSign's developer environment, where free developer accounts
// live and where an integration is built and tested.
var Demo = Environment{AuthServer: "https://account-d.docusign.com"}

// Production is DocuSign's live environment. Production accounts are served
// from a data-centre host (such as https://na3.docusign.net) that userinfo
// names; never guess it.
var Production = Environment{AuthServer: "https://account.docusign.com"}

// Audience returns the bare host of the account server, such as
// "account-d.docusign.com": the "aud" claim of a JWT grant assertion. It
// keeps a port when AuthServer has one, as a local fake server does.
func (e Environment) Audience() string {
	u, err := url.Parse(e.AuthServer)
	if err != nil || u.Host == "" {
		return strings.TrimSuffix(e.AuthServer, "/")
	}
	return u.Host
}

// Endpoint returns the absolute URL of path on the account server, for
// example Endpoint("/oauth/token").
func (e Environment) Endpoint(path string) string {
	return strings.TrimSuffix(e.AuthServer, "/") + "/" + strings.TrimPrefix(path, "/")
}

// Validate reports whether AuthServer is an absolute https origin (plain
// http is accepted on loopback hosts only, for local fakes), without a path:
// Endpoint appends the /oauth paths itself.
func (e Environment) Validate() error {
	if e.AuthServer == "" {
		return fmt.Errorf("docusign: Environment.AuthServer is empty; " +
			"use docusign.Demo or docusign.Production")
	}
	u, err := parseOrigin("Environment.AuthServer", e.AuthServer)
	if err != nil {
		return err
	}
	if u.Path != "" && u.Path != "/" {
		return fmt.Errorf("docusign: Environment.AuthServer %q has the path %q; use "+
			"the origin alone, %q", e.AuthServer, u.Path, u.Scheme+"://"+u.Host)
	}
	return nil
}

// ParseEnvironment returns the environment a configuration names: "demo"
// (DocuSign's developer environment) or "production", in any letter case.
// It is how a program reads a setting such as DOCUSIGN_ENV.
func ParseEnvironment(name string) (Environment, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "demo":
		return Demo, nil
	case "production":
		return Production, nil
	}
	return Environment{}, fmt.Errorf("docusign: unknown environment %q; use demo "+
		"(the developer environment) or production", name)
}
