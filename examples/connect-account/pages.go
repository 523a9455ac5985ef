package main

import (
	"html/template"
	"net/http"

	"github.com/esignkit/docusign-go/docusign"
)

// The pages of the host's settings: the integration's card with its
// "Connect DocuSign" button, the list of accounts to choose from, what the
// host stores, and the page that explains a failed connection.
var pages = template.Must(template.New("pages").Parse(`
{{define "head"}}<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{.}} - Settings</title><style>
body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem} .card{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
.button,button{display:inline-block;font-size:1rem;padding:.5rem 1.2rem;border-radius:4px;
background:#4c00ff;color:#fff;border:0;text-decoration:none;cursor:pointer}
table{border-collapse:collapse;width:100%} td,th{text-align:left;padding:.4rem;
border-bottom:1px solid #eee} code{font-size:.9rem} small{color:#666}
</style></head><body><p><small>Example host application: Settings &rsaquo; Integrations</small></p>
{{end}}

{{define "home"}}{{template "head" "Integrations"}}
<h1>Integrations</h1>
<div class="card"><h2>DocuSign eSignature</h2>
<p>Send contracts for signature from this application, and see their status here.</p>
{{with .Stored}}{{if .ID}}<p id="connected">Connected to <b>{{.Name}}</b>
(<code>{{.ID}}</code>, <code>{{.BaseURI}}</code>).</p>{{end}}{{end}}
<p><a class="button" id="connect" href="/connect">Connect DocuSign</a></p>
<p><small>You will sign in to DocuSign{{if .Fake}} (a fake one, running in this
program){{end}} and allow this application to send envelopes for you.</small></p></div>
</body></html>{{end}}

{{define "accounts"}}{{template "head" "Choose an account"}}
<h1>Choose the DocuSign account to use</h1>
<p>Signed in to DocuSign as <b>{{.User}}</b>. Envelopes will be sent from the account you
choose, through its base URI.</p>
<form method="post" action="/confirm"><input type="hidden" name="csrf" value="{{.CSRF}}">
<table><tr><th></th><th>Account</th><th>Account ID</th><th>Base URI</th></tr>
{{range .Accounts}}<tr class="account"><td><input type="radio" name="account_id"
 id="a-{{.ID}}" value="{{.ID}}"{{if .IsDefault}} checked{{end}}></td>
<td><label for="a-{{.ID}}">{{.Name}}</label>
{{- if .IsDefault}} <b class="default">(default)</b>{{end}}</td>
<td><code>{{.ID}}</code></td><td><code>{{.BaseURI}}</code></td></tr>
{{end}}</table>
<p><button type="submit">Use this account</button></p></form></body></html>{{end}}

{{define "stored"}}{{template "head" "Connected"}}
<h1>DocuSign is connected</h1>
<div class="card"><p>The application stores, for this workspace:</p>
<table><tr><th>Account ID</th><td><code id="account-id">{{.ID}}</code></td></tr>
<tr><th>Account name</th><td>{{.Name}}</td></tr>
<tr><th>Base URI</th><td><code id="base-uri">{{.BaseURI}}</code></td></tr></table>
<p><small>It also keeps the OAuth token, encrypted, to act for you later. A token is
never shown on a page.</small></p></div>
<p><a href="/">Back to Integrations</a></p></body></html>{{end}}

{{define "problem"}}{{template "head" .Title}}
<h1>{{.Title}}</h1>
<div class="card"><p>{{.Text}}</p></div>
<p><a class="button" href="/connect">Start again</a> <a href="/">Back to Integrations</a></p>
</body></html>{{end}}
`))

// accountsPage is what the accounts page shows.
type accountsPage struct {
	User     string
	CSRF     string
	Accounts []docusign.Account
}

func render(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The pages carry account data and a form token: keep them out of
	// caches, and out of other sites' frames.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_ = pages.ExecuteTemplate(w, name, data)
}

// problem shows a page explaining why the connection did not go through,
// and what to do.
func problem(w http.ResponseWriter, status int, title, text string) {
	render(w, status, "problem", map[string]string{"Title": title, "Text": text})
}
