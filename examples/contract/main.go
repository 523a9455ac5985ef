// Command contract walks through what a host application does to have a
// contract signed with DocuSign.
//
// This first version checks the configuration step only: it normalises the
// account base URIs a user may paste in a settings page and builds a client,
// which makes no network call. The full flow, against a fake DocuSign that
// runs in-process, replaces it once that fake is part of the module.
package main

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "contract:", err)
		os.Exit(1)
	}
}

func run(context.Context) error {
	fmt.Println("Checking account base URIs as a settings page would:")
	for _, uri := range []string{
		"https://na3.docusign.net",
		"https://na3.docusign.net/restapi",
		"na3.docusign.net",
		"http://na3.docusign.net",
	} {
		got, err := docusign.NormalizeBaseURI(uri)
		if err != nil {
			fmt.Printf("  %-36s refused: %v\n", uri, err)
			continue
		}
		fmt.Printf("  %-36s accepted as %s\n", uri, got)
	}
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "not-a-real-token"})
	client, err := docusign.NewClient(ts, docusign.Account{
		ID: "00000000-0000-0000-0000-000000000000", BaseURI: "https://demo.docusign.net"})
	if err != nil {
		return err
	}
	fmt.Printf("Built %v without any network call.\n", client)
	fmt.Println("The send-and-sign flow needs the in-process fake DocuSign, " +
		"which this build does not include yet.")
	return nil
}
