// Command connect-account is the "add the integration" flow of a host
// application's settings page: the user clicks Connect DocuSign, signs in
// to DocuSign and allows access, and comes back to a page listing their
// DocuSign accounts (ID, name, base URI, the default one marked), where
// they confirm the one to use. The last page shows what the host stores:
// the account ID and its base URI. Tokens are never shown.
//
//	go run ./examples/connect-account
//
// It uses the authorization-code grant of package auth with PKCE: the
// state and the code verifier are kept in the server's memory, per browser
// session (a random cookie), and the callback refuses an answer whose
// state is missing or not the one this browser's request sent, before the
// code is used. The code is then exchanged (auth.Config.Exchange, with the
// verifier) and the accounts read with auth.FetchUserInfo.
//
// With no DOCUSIGN_* variable set, it starts a fake DocuSign (docusigntest)
// in the same process, with two accounts and the program's callback as
// its one registered redirect URI. Its consent page is a real page a
// person clicks: "Allow" continues, "Deny" shows what happens then. The
// fake serves HTTPS with a certificate of its own, so the browser warns
// about it once.
//
// # Against DocuSign
//
// Create an integration key under Apps and Keys in a DocuSign developer
// account, add a secret key to it, and add the redirect URI
// http://localhost:8080/callback (the port follows -addr). Then:
//
//	export DOCUSIGN_INTEGRATION_KEY=...  # the integration key (a GUID)
//	export DOCUSIGN_CLIENT_SECRET=...    # the secret key
//	export DOCUSIGN_ENV=demo             # or production; demo when unset
//	go run ./examples/connect-account -addr localhost:8080
//
// DOCUSIGN_CLIENT_SECRET is this example's own addition to the examples'
// variables: a web server authenticates its code exchange with the secret
// key, which the JWT grant of the other examples does not use.
//
// The program prints nothing secret and the libraries log nothing unless
// -v is given.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "connect-account:", err)
		os.Exit(2)
	}
	s, err := start(cfg, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "connect-account:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	<-ctx.Done()
	stop()
	fmt.Println("Stopping.")
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "connect-account:", err)
		os.Exit(1)
	}
}
