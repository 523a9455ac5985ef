package main

import (
	"log/slog"
	"net/http"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
)

// app is the host's "add the integration" flow: four routes of a settings
// page. It holds no token after the callback: a host would store the
// token (encrypted) with the chosen account, and build its token source
// with auth.OnRefresh to keep each rotated refresh token.
type app struct {
	conf     auth.Config
	sessions *sessions
	logger   *slog.Logger // nil: quiet
	fake     bool         // the DocuSign is the in-process fake
}

// routes returns the app's handler.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.home)
	mux.HandleFunc("GET /connect", a.connect)
	mux.HandleFunc("GET /callback", a.callback)
	mux.HandleFunc("GET /accounts", a.accounts)
	mux.HandleFunc("POST /confirm", a.confirm)
	return mux
}

// home is the integration's card: connected to an account, or not yet.
func (a *app) home(w http.ResponseWriter, r *http.Request) {
	var stored docusign.Account
	if s := a.sessions.get(r); s != nil {
		a.sessions.with(func() { stored = s.stored })
	}
	render(w, http.StatusOK, "home", map[string]any{"Fake": a.fake, "Stored": stored})
}

// connect starts a connection: a new state and PKCE verifier, kept in the
// browser's session, and the redirect to DocuSign's sign-in and consent.
func (a *app) connect(w http.ResponseWriter, r *http.Request) {
	s := a.sessions.start(w, r)
	state, verifier := randomString(24), auth.GenerateVerifier()
	a.sessions.with(func() {
		s.state, s.verifier, s.authStarted = state, verifier, a.sessions.now()
		s.accounts, s.csrf = nil, ""
	})
	http.Redirect(w, r, a.conf.AuthCodeURL(state, auth.WithPKCE(verifier)), http.StatusFound)
}

// callback is where DocuSign sends the browser back. The state must be
// the one this browser's session holds, and it works once: a missing or
// different state (a forged or replayed callback) is refused before the
// code is used.
func (a *app) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s := a.sessions.get(r)
	var verifier string
	var ok, expired bool
	if s != nil {
		a.sessions.with(func() {
			expired = s.state != "" && !s.pending(a.sessions.now())
			ok = !expired && sameSecret(q.Get("state"), s.state)
			if ok || expired {
				verifier = s.verifier
				s.state, s.verifier = "", ""
			}
		})
	}
	switch {
	case s == nil:
		problem(w, http.StatusBadRequest, "No connection in progress",
			"This browser has not started connecting DocuSign here (or its session "+
				"expired), so this answer from DocuSign cannot be accepted.")
		return
	case expired:
		problem(w, http.StatusBadRequest, "The connection took too long",
			"More than 10 minutes passed since you clicked Connect DocuSign.")
		return
	case !ok:
		problem(w, http.StatusBadRequest, "This answer does not match your request",
			"DocuSign's answer carries a state that is missing or not the one this "+
				"browser's request sent, so it was refused: it may be forged or replayed.")
		return
	case q.Get("error") != "":
		problem(w, http.StatusOK, "DocuSign was not connected", denied(q.Get("error"),
			q.Get("error_description")))
		return
	}
	a.finish(w, r, s, q.Get("code"), verifier)
}

// finish exchanges the code for a token, lists the user's accounts, and
// sends the browser to the page where one is chosen.
func (a *app) finish(w http.ResponseWriter, r *http.Request, s *session, code, verifier string) {
	if code == "" {
		problem(w, http.StatusBadRequest, "No authorization code",
			"DocuSign's answer carries no code.")
		return
	}
	tok, err := a.conf.Exchange(r.Context(), code, auth.WithPKCE(verifier))
	if err != nil {
		a.log(r, "the code exchange failed", err)
		problem(w, http.StatusBadGateway, "DocuSign refused the sign-in", err.Error())
		return
	}
	var sopts []auth.SourceOption
	if a.logger != nil {
		sopts = append(sopts, auth.WithLogger(a.logger))
	}
	info, err := auth.FetchUserInfo(r.Context(), a.conf.TokenSource(r.Context(), tok,
		sopts...), a.conf.Environment)
	if err != nil {
		a.log(r, "userinfo failed", err)
		problem(w, http.StatusBadGateway, "DocuSign did not list your accounts", err.Error())
		return
	}
	if len(info.Accounts) == 0 {
		problem(w, http.StatusOK, "No DocuSign account",
			"Your DocuSign user belongs to no account that can send envelopes.")
		return
	}
	a.sessions.with(func() {
		s.user = info.Name + " (" + info.Email + ")"
		s.accounts = info.Accounts
		s.csrf = randomString(16)
	})
	// A redirect, so that reloading the accounts page does not present the
	// used code again.
	http.Redirect(w, r, "/accounts", http.StatusSeeOther)
}

// accounts lists the accounts userinfo returned, the default one marked
// and chosen in advance.
func (a *app) accounts(w http.ResponseWriter, r *http.Request) {
	var page accountsPage
	if s := a.sessions.get(r); s != nil {
		a.sessions.with(func() {
			page = accountsPage{User: s.user, CSRF: s.csrf,
				Accounts: append([]docusign.Account(nil), s.accounts...)}
		})
	}
	if len(page.Accounts) == 0 {
		problem(w, http.StatusBadRequest, "Not signed in to DocuSign",
			"Connect DocuSign first; the accounts are listed after you sign in.")
		return
	}
	render(w, http.StatusOK, "accounts", page)
}

// confirm records the account the user chose, one of those listed.
func (a *app) confirm(w http.ResponseWriter, r *http.Request) {
	s := a.sessions.get(r)
	if s == nil {
		problem(w, http.StatusBadRequest, "Not signed in to DocuSign",
			"This browser's session has expired or never began.")
		return
	}
	var csrf string
	var acct docusign.Account
	var found bool
	a.sessions.with(func() {
		csrf = s.csrf
		acct, found = s.account(r.PostFormValue("account_id"))
	})
	switch {
	case !sameSecret(r.PostFormValue("csrf"), csrf):
		problem(w, http.StatusForbidden, "This form has expired",
			"The form was not the one this page showed you.")
	case !found:
		problem(w, http.StatusBadRequest, "Choose one of your accounts",
			"The account chosen is not one of those DocuSign listed for you.")
	default:
		a.sessions.with(func() { s.csrf, s.stored = "", acct })
		if a.logger != nil {
			a.logger.Info("connect-account: account confirmed", "account", acct.ID,
				"baseURI", acct.BaseURI)
		}
		render(w, http.StatusOK, "stored", acct)
	}
}

// denied explains an OAuth error DocuSign's callback carries.
func denied(code, description string) string {
	if code == "access_denied" {
		return "You chose not to allow access on DocuSign's page, so nothing was " +
			"connected. Click Start again to try once more."
	}
	text := "DocuSign answered " + code
	if description != "" {
		text += ": " + description
	}
	return text + "."
}

func (a *app) log(r *http.Request, msg string, err error) {
	if a.logger != nil {
		a.logger.WarnContext(r.Context(), "connect-account: "+msg, "error", err)
	}
}
