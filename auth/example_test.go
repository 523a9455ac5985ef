package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
)

var conf = auth.Config{
	ClientID:     "6e3c2a5e-1111-4d6f-9a3b-6c1c2b9f0a01",
	ClientSecret: os.Getenv("DOCUSIGN_SECRET_KEY"),
	RedirectURL:  "https://app.example.com/docusign/callback",
	Scopes:       []string{auth.ScopeSignature, auth.ScopeExtended},
	Environment:  docusign.Demo,
}

// The first step of connecting a user's account: send them to DocuSign,
// with a state tied to their session and a PKCE verifier kept beside it.
func ExampleConfig_AuthCodeURL() {
	verifier := "kW3vN0yHcT6pQ1sZ8uB4eX7mJ2dR5gL9aF0iC3oV6tE" // auth.GenerateVerifier()
	fmt.Println(conf.AuthCodeURL("state-7d1e0b", auth.WithPKCE(verifier)))
	// Output:
	// https://account-d.docusign.com/oauth/auth?client_id=6e3c2a5e-1111-4d6f-9a3b-6c1c2b9f0a01&code_challenge=APTaYB294in-2MNbwOAGL6eA0_QDZblH0uDFvCucNu8&code_challenge_method=S256&redirect_uri=https%3A%2F%2Fapp.example.com%2Fdocusign%2Fcallback&response_type=code&scope=signature%20extended&state=state-7d1e0b
}

// The redirect URI's handler: check state, trade the code, keep the token
// source and store each token it obtains.
func ExampleConfig_Exchange() {
	http.HandleFunc("/docusign/callback", func(w http.ResponseWriter, r *http.Request) {
		session := sessionOf(r)
		if r.URL.Query().Get("state") != session.state {
			http.Error(w, "state mismatch", http.StatusBadRequest)
			return
		}
		tok, err := conf.Exchange(r.Context(), r.URL.Query().Get("code"),
			auth.WithPKCE(session.verifier))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		session.ts = conf.TokenSource(context.Background(), tok,
			auth.OnRefresh(func(tok *oauth2.Token) error { return saveToken(session, tok) }))
		http.Redirect(w, r, "/accounts", http.StatusFound)
	})
}

// A back end acting for a user with the JWT grant, then finding the user's
// account and calling the REST API.
func ExampleJWTConfig_TokenSource() {
	ctx := context.Background()
	key, err := os.ReadFile(os.Getenv("DOCUSIGN_PRIVATE_KEY_FILE"))
	if err != nil {
		log.Fatal(err)
	}
	ts, err := auth.JWTConfig{
		IntegrationKey: os.Getenv("DOCUSIGN_INTEGRATION_KEY"),
		UserID:         os.Getenv("DOCUSIGN_USER_ID"),
		PrivateKey:     key,
		Environment:    docusign.Demo,
	}.TokenSource(ctx)
	if err != nil {
		log.Fatal(err) // a bad key or field, with the fix
	}
	info, err := auth.FetchUserInfo(ctx, ts, docusign.Demo)
	var e *auth.Error
	if errors.As(err, &e) && e.Code == "consent_required" {
		log.Fatalf("grant consent once at %s", e.ConsentURL)
	}
	if err != nil {
		log.Fatal(err)
	}
	acct, err := info.DefaultAccount()
	if err != nil {
		log.Fatal(err)
	}
	client, err := docusign.NewClient(ts, acct)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Connected to", client.BaseURL())
}

// The link a user opens once so that the integration may act for them.
func ExampleJWTConfig_ConsentURL() {
	jwtConf := auth.JWTConfig{
		IntegrationKey: "6e3c2a5e-1111-4d6f-9a3b-6c1c2b9f0a01",
		Environment:    docusign.Demo,
	}
	fmt.Println(jwtConf.ConsentURL("https://app.example.com/consented"))
	// Output:
	// https://account-d.docusign.com/oauth/auth?client_id=6e3c2a5e-1111-4d6f-9a3b-6c1c2b9f0a01&redirect_uri=https%3A%2F%2Fapp.example.com%2Fconsented&response_type=code&scope=signature%20impersonation
}

// A token stored by OnRefresh on an earlier run starts the source on the
// next one; WithBackgroundRefresh replaces it before any caller waits.
func ExampleOnRefresh() {
	data, err := os.ReadFile("token.json")
	if err != nil {
		log.Fatal(err)
	}
	var tok oauth2.Token
	if err := json.Unmarshal(data, &tok); err != nil {
		log.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop() // stops the background refresher
	ts := conf.TokenSource(ctx, &tok, auth.WithBackgroundRefresh(),
		auth.OnRefresh(func(tok *oauth2.Token) error {
			data, err := json.Marshal(tok)
			if err != nil {
				return err
			}
			return os.WriteFile("token.json", data, 0o600)
		}))
	_ = ts
}

// Choosing the account the user confirmed earlier, by its stored ID.
func ExampleUserInfo_Account() {
	info := &auth.UserInfo{Accounts: []docusign.Account{
		{ID: "a4ec37d6-3333-4b2f-9e1a-143885c220e1", BaseURI: "https://na3.docusign.net"},
	}}
	acct, err := info.Account("a4ec37d6-3333-4b2f-9e1a-143885c220e1")
	fmt.Println(acct.BaseURI, err)
	_, err = info.Account("00000000-0000-0000-0000-000000000000")
	fmt.Println(errors.Is(err, auth.ErrAccountNotFound))
	// Output:
	// https://na3.docusign.net <nil>
	// true
}

type session struct {
	state, verifier string
	ts              oauth2.TokenSource
}

func sessionOf(*http.Request) *session              { return &session{} }
func saveToken(s *session, tok *oauth2.Token) error { return nil }
