// Command contract shows what a host application does to have a contract
// signed with DocuSign, one step per line: get a token with the JWT grant,
// find the account, build a client, validate and send a PDF contract with
// a subject and signing instructions, follow its status until it is
// signed, and download the signed PDF.
//
// With no DOCUSIGN_* variable set, it starts a fake DocuSign
// (docusigntest) in the same process and runs in a second, offline:
//
//	go run ./examples/contract
//
// Against the fake, the status comes from Connect: the envelope asks for
// JSON SIM messages signed with HMAC, delivered to an HTTPS listener the
// program starts on loopback, which verifies each signature with
// package webhook before reading anything. The fake plays the signer, who
// opens the envelope and signs it. Each status change is printed as it
// arrives (sent, then delivered, then completed), and a late or repeated
// message never moves the shown status backwards
// (envelope.StatusUpdate.Supersedes).
//
// # Against DocuSign
//
// With a developer account (free, at developers.docusign.com), create an
// integration key under Apps and Keys, add an RSA keypair to it and save
// the private key, then:
//
//	export DOCUSIGN_INTEGRATION_KEY=...  # the integration key (a GUID)
//	export DOCUSIGN_USER_ID=...          # your API user ID (a GUID), on the same page
//	export DOCUSIGN_PRIVATE_KEY_FILE=private.key
//	export DOCUSIGN_ENV=demo             # or production; demo when unset
//	export DOCUSIGN_ACCOUNT_ID=...       # optional: your default account otherwise
//	go run ./examples/contract -signer-name "Ann Lee" -signer-email ann@example.com
//
// -file sends a .pdf, .doc or .docx of yours instead of the generated
// contract; its sign-here tab is placed on page 1, near the bottom left.
//
// The first run usually stops with consent_required: the program prints
// the link to open once, as that user, to allow the integration to act for
// them. The link sends the browser to -redirect-uri afterwards, which must
// be a redirect URI registered on the integration key (nothing needs to
// listen there).
//
// DocuSign cannot deliver Connect messages to a listener on your machine,
// so against DocuSign the program checks the status instead, with
// ListStatusChanges for the one envelope, every 15 minutes by default
// (-poll). DocuSign asks integrations not to poll an envelope more than
// once every 15 minutes, so a shorter -poll is refused. A host with a
// public HTTPS endpoint uses Connect, as the run against the fake shows;
// that is why this program does not read DOCUSIGN_HMAC_KEY.
//
// Nothing secret is printed: not the tokens, the private key nor the HMAC
// key. The libraries log nothing unless -v is given.
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
		fmt.Fprintln(os.Stderr, "contract:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, cfg, os.Stdout)
	stop()
	if err != nil {
		printError(os.Stderr, err)
		os.Exit(1)
	}
}
