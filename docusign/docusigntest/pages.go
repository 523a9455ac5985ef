package docusigntest

import (
	"errors"
	"html/template"
	"net/http"
)

// The pages a person sees in a browser: the OAuth consent page, the
// signing page behind a recipient view URL and the sending page behind a
// sender view URL. They are plain HTML forms, so tests can drive them with
// an HTTP client as well.

var pages = template.Must(template.New("pages").Parse(`
{{define "head"}}<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{.}} - docusigntest</title><style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem} .box{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
button{font-size:1rem;padding:.5rem 1.5rem;margin-right:.5rem;border-radius:4px;cursor:pointer}
.primary{background:#ffc820;border:1px solid #c90} small{color:#666}
</style></head><body><p><small>docusigntest: a fake DocuSign for tests</small></p>{{end}}

{{define "consent"}}{{template "head" "Allow access"}}
<h1>Allow access to your DocuSign account?</h1>
<div class="box"><p><b>{{.User}}</b> ({{.Email}})</p>
<p>The application with integration key <code>{{.ClientID}}</code> asks for: <b>{{.Scope}}</b></p>
<p><small>It will be sent back to {{.Redirect}}</small></p></div>
<form method="post" action="/oauth/auth"><input type="hidden" name="request" value="{{.ID}}">
<button class="primary" name="decision" value="allow">Allow</button>
<button name="decision" value="deny">Deny</button></form></body></html>{{end}}

{{define "signing"}}{{template "head" "Sign"}}
<h1>{{.Subject}}</h1>
<div class="box"><p>{{.Name}}, please review and sign.</p>{{if .Blurb}}<p>{{.Blurb}}</p>{{end}}
<ul>{{range .Documents}}<li><a href="{{$.Base}}/documents/{{.ID}}">{{.Name}}</a></li>{{end}}</ul>
</div>
<form method="post" action="{{.Base}}">
<button class="primary" name="action" value="sign">Sign</button>
<button name="action" value="decline">Decline</button>
<p><label>Reason for declining (optional)<br><input name="reason" size="40"></label></p>
</form></body></html>{{end}}

{{define "sending"}}{{template "head" "Send"}}
<h1>{{.Subject}}</h1>
<div class="box"><p>Documents:</p><ul>{{range .Documents}}<li>{{.Name}}</li>{{end}}</ul>
<p>Recipients:</p><ul>{{range .Recipients}}<li>{{.}}</li>{{end}}</ul></div>
<form method="post" action="{{.Base}}">
<button class="primary" name="action" value="send">Send</button>
<button name="action" value="cancel">Cancel</button></form></body></html>{{end}}

{{define "message"}}{{template "head" .Title}}<h1>{{.Title}}</h1>
<div class="box"><p>{{.Text}}</p></div></body></html>{{end}}

{{define "home"}}{{template "head" "Inbox"}}<h1>Inbox</h1>
<p>Account server and REST API at <code>{{.Origin}}</code>. Every recipient's mail
comes here: a signer whose turn it is can sign from this page.</p>
{{range .Envelopes}}<div class="box"><p><b>{{.Subject}}</b> <small>{{.ID}}</small><br>
Status: {{.Status}}</p><ul>{{range .Recipients}}<li>{{.Name}} &lt;{{.Email}}&gt;: {{.Status}}
{{if .CanSign}} <a href="/inbox/sign/{{.EnvelopeID}}/{{.ID}}">Review and sign</a>{{end}}
</li>{{end}}</ul></div>{{else}}<div class="box"><p>No envelope yet.</p></div>{{end}}
</body></html>{{end}}
`))

type docLink struct{ ID, Name string }

func render(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pages.ExecuteTemplate(w, name, data)
}

func renderMessage(w http.ResponseWriter, status int, title, text string) {
	render(w, status, "message", map[string]string{"Title": title, "Text": text})
}

func (s *Server) renderOAuthError(w http.ResponseWriter, err error) {
	renderMessage(w, http.StatusBadRequest, "This sign-in request is not valid", err.Error())
}

func (s *Server) renderConsent(w http.ResponseWriter, id string, req *authRequest) {
	render(w, http.StatusOK, "consent", map[string]string{"ID": id, "User": s.cfg.userName,
		"Email": s.cfg.userEmail, "ClientID": req.clientID, "Scope": req.scope,
		"Redirect": req.redirectURI})
}

type inboxEnvelope struct {
	ID, Subject, Status string
	Recipients          []inboxRecipient
}

type inboxRecipient struct {
	EnvelopeID, ID, Name, Email, Status string
	CanSign                             bool
}

// renderHome shows the inbox: every envelope, newest first, with a link to
// sign for each signer whose turn it is, as the invitation email would.
func (s *Server) renderHome(w http.ResponseWriter) {
	s.mu.Lock()
	var list []inboxEnvelope
	for i := len(s.order) - 1; i >= 0; i-- {
		e := s.order[i]
		ie := inboxEnvelope{ID: e.id, Subject: e.subject, Status: e.status}
		for _, r := range e.recipients {
			ie.Recipients = append(ie.Recipients, inboxRecipient{EnvelopeID: e.id, ID: r.id,
				Name: r.name, Email: r.email, Status: r.status,
				CanSign: r.kind == "signer" && e.inProgress() &&
					(r.status == statusSent || r.status == statusDelivered)})
		}
		list = append(list, ie)
	}
	s.mu.Unlock()
	render(w, http.StatusOK, "home", map[string]any{"Origin": s.origin, "Envelopes": list})
}

// handleInboxSign opens the signing page for a signer from the inbox, as
// the link of DocuSign's invitation email does; it returns to the inbox.
func (s *Server) handleInboxSign(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, rc, err := s.signerTurn(r.PathValue("envelopeId"), r.PathValue("recipientId"))
	if err != nil {
		renderMessage(w, http.StatusConflict, "Nothing to sign", err.Error())
		return
	}
	token := newSecret(24)
	s.views[token] = &view{envelopeID: e.id, recipientID: rc.id, returnURL: s.origin + "/",
		expires: s.now().Add(viewLifetime)}
	http.Redirect(w, r, "/Signing/MTRedeem/v1/"+token, http.StatusFound)
}

func documentLinks(e *envelope) []docLink {
	var out []docLink
	for _, d := range e.documents {
		out = append(out, docLink{ID: d.id, Name: d.name})
	}
	return out
}

var errViewGone = errors.New("this link is not valid: it was already used or never issued")

// activeView returns the live view of a page request and its envelope, or
// answers the request itself. The caller holds s.mu.
func (s *Server) activeView(w http.ResponseWriter, r *http.Request) (*view, *envelope) {
	v, expired := s.findView(r.PathValue("token"))
	switch {
	case v == nil:
		renderMessage(w, http.StatusNotFound, "Link not valid", errViewGone.Error())
		return nil, nil
	case expired:
		redirectEvent(w, r, v.returnURL, "ttl_expired")
		return nil, nil
	}
	return v, s.envelopes[v.envelopeID]
}
