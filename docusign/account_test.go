package docusign

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeBaseURI_AcceptsUserinfoAndPastedForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"userinfo base_uri", "https://na3.docusign.net", "https://na3.docusign.net"},
		{"trailing slash", "https://na3.docusign.net/", "https://na3.docusign.net"},
		{"pasted with restapi", "https://na3.docusign.net/restapi", "https://na3.docusign.net"},
		{"restapi and slash", "https://na3.docusign.net/restapi/", "https://na3.docusign.net"},
		{"restapi with version", "https://demo.docusign.net/restapi/v2.1",
			"https://demo.docusign.net"},
		{"surrounding spaces", "  https://eu.docusign.net \n", "https://eu.docusign.net"},
		{"upper-case host", "https://NA3.DocuSign.net", "https://na3.docusign.net"},
		{"explicit port", "https://na3.docusign.net:443", "https://na3.docusign.net:443"},
		{"http on loopback IPv4", "http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http on loopback IPv6", "http://[::1]:9000/restapi", "http://[::1]:9000"},
		{"http on localhost", "http://localhost:1234", "http://localhost:1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizeBaseURI(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNormalizeBaseURI_RefusesWithTheFix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		says     []string
	}{
		{"empty", "", []string{"Account.BaseURI is empty", "base_uri"}},
		{"no scheme", "na3.docusign.net", []string{"no scheme", `"https://na3.docusign.net"`}},
		{"no scheme with path", "na3.docusign.net/restapi",
			[]string{"no scheme", `"https://na3.docusign.net"`}},
		{"no scheme with port", "na3.docusign.net:443", []string{"no scheme"}},
		{"plain http", "http://na3.docusign.net",
			[]string{"plain http", `"https://na3.docusign.net"`}},
		{"query string", "https://na3.docusign.net?env=demo", []string{"query string"}},
		{"empty query", "https://na3.docusign.net?", []string{"query string"}},
		{"fragment", "https://na3.docusign.net#top", []string{"fragment"}},
		{"credentials", "https://user:pw@na3.docusign.net", []string{"credentials"}},
		{"other scheme", "ftp://na3.docusign.net", []string{`scheme "ftp"`}},
		{"no host", "https:///restapi", []string{"no host"}},
		{"account path", "https://na3.docusign.net/restapi/v2.1/accounts/123",
			[]string{"API path", "Account.ID"}},
		{"old API version", "https://na3.docusign.net/restapi/v2/accounts/123",
			[]string{"API path"}},
		{"other path", "https://na3.docusign.net/api", []string{`path "/api"`, "/restapi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NormalizeBaseURI(tt.in)
			require.Error(t, err)
			for _, s := range tt.says {
				assert.Contains(t, err.Error(), s)
			}
		})
	}
}

func TestNormalizeBaseURI_NeverRepeatsCredentials(t *testing.T) {
	t.Parallel()
	_, err := NormalizeBaseURI("https://user:hunter2@na3.docusign.net")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2")
}

func TestAccountValidate_NamesTheField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		acct Account
		says string
	}{
		{"missing ID", Account{BaseURI: "https://na3.docusign.net"}, "Account.ID is empty"},
		{"URL as ID", Account{ID: "https://x/y", BaseURI: "https://na3.docusign.net"},
			"not an account ID"},
		{"bad base URI", Account{ID: "1", BaseURI: "na3.docusign.net"}, "Account.BaseURI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.acct.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.says)
		})
	}
	require.NoError(t, testAccount.Validate())
}

func TestEnvironment_AudienceIsTheBareHost(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "account-d.docusign.com", Demo.Audience())
	assert.Equal(t, "account.docusign.com", Production.Audience())
	local := Environment{AuthServer: "https://127.0.0.1:8443/"}
	assert.Equal(t, "127.0.0.1:8443", local.Audience())
	assert.Equal(t, "https://127.0.0.1:8443/oauth/token", local.Endpoint("/oauth/token"))
	assert.Equal(t, "https://account-d.docusign.com/oauth/userinfo", Demo.Endpoint("oauth/userinfo"))
	require.NoError(t, Demo.Validate())
	require.NoError(t, Production.Validate())
	assert.ErrorContains(t, Environment{}.Validate(), "docusign.Demo")
	assert.ErrorContains(t, Environment{AuthServer: "account-d.docusign.com"}.Validate(),
		"no scheme")
	require.NoError(t, local.Validate(), "a trailing slash is no path")
	pasted := Environment{AuthServer: "https://account-d.docusign.com/oauth/token"}
	assert.ErrorContains(t, pasted.Validate(),
		`has the path "/oauth/token"; use the origin alone, "https://account-d.docusign.com"`)
}

func TestParseEnvironment_NamesDemoAndProduction(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]Environment{
		"demo": Demo, "Demo": Demo, " production ": Production, "PRODUCTION": Production,
	} {
		got, err := ParseEnvironment(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	for _, bad := range []string{"", "prod", "sandbox"} {
		_, err := ParseEnvironment(bad)
		assert.ErrorContains(t, err, "use demo", bad)
	}
}
