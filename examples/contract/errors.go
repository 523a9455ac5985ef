package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// printError writes err for a person, followed by what to do about it.
func printError(w io.Writer, err error) {
	fmt.Fprintln(w, "contract:", err)
	if r := remedy(err); r != "" {
		fmt.Fprintln(w, r)
	}
}

// remedy says what to do about err, when the error's own text does not.
// The errors of package auth already name the usual cause and its fix; the
// consent link gets a sentence of its own, as it needs a person.
func remedy(err error) string {
	var (
		oauthErr   *auth.Error
		invalid    *envelope.ValidationError
		unknown    *envelope.OutcomeUnknownError
		apiErr     *docusign.APIError
		keyProblem = errors.Is(err, auth.ErrMalformedKey) ||
			errors.Is(err, auth.ErrEncryptedKey) || errors.Is(err, auth.ErrNotRSAKey)
	)
	switch {
	case errors.As(err, &oauthErr) && oauthErr.ConsentURL != "":
		return "What to do: the user has not yet allowed this integration to act for " +
			"them. Open this link in a browser, sign in as that user (" + envUserID +
			"), click Accept, then run this program again:\n\n    " + oauthErr.ConsentURL +
			"\n\nDocuSign then sends the browser to the redirect URI (-redirect-uri), which " +
			"needs no server behind it. If DocuSign says the redirect URI is not " +
			"registered, add it to the integration key under Apps and Keys."
	case errors.Is(err, auth.ErrClockSkew):
		return "What to do: set this machine's clock right (turn on network time), then " +
			"run again."
	case keyProblem:
		return "What to do: point " + envPrivateKeyFile + " at the RSA private key " +
			"DocuSign generated for the integration key (Apps and Keys, Add RSA " +
			"Keypair), saved as it was shown, unencrypted."
	case errors.Is(err, auth.ErrAccountNotFound):
		return "What to do: set " + envAccountID + " to one of the account IDs above, or " +
			"unset it to use the user's default account."
	case errors.As(err, &invalid):
		return "What to do: fix the fields named above (-signer-name, -signer-email and " +
			"-file set them) and run again. Nothing was sent."
	case errors.As(err, &unknown):
		return "What to do: DocuSign may have created the envelope. Before sending it " +
			"again, look for transaction ID " + unknown.TransactionID + " in DocuSign " +
			"(ListStatusChanges with transaction_ids)."
	case errors.Is(err, docusign.ErrRateLimited):
		return rateLimitRemedy(err)
	case errors.Is(err, docusign.ErrUnauthorized):
		return "What to do: DocuSign refused the access token. Check that " + envUserID +
			" is the API user ID of a user of that account (Apps and Keys shows it)."
	case errors.Is(err, errNoConnectMessage):
		return "What to do: run again with -v to see each Connect delivery and how the " +
			"listener answered it."
	case errors.As(err, &apiErr) && apiErr.TraceToken != "":
		return "What to do: DocuSign's message above says what to change. If it " +
			"persists, quote trace token " + apiErr.TraceToken + " to DocuSign support."
	}
	return ""
}

// rateLimitRemedy says when to try again after a quota refusal.
func rateLimitRemedy(err error) string {
	var apiErr *docusign.APIError
	if errors.As(err, &apiErr) && !apiErr.RetryAt.IsZero() {
		return "What to do: the account's API quota is used up; try again after " +
			apiErr.RetryAt.Local().Format(time.Kitchen) + "."
	}
	return "What to do: the account's API quota is used up; try again within the hour."
}
