package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// The environment variables that point the program at DocuSign.
const (
	envIntegrationKey = "DOCUSIGN_INTEGRATION_KEY"
	envUserID         = "DOCUSIGN_USER_ID"
	envPrivateKeyFile = "DOCUSIGN_PRIVATE_KEY_FILE"
	envAccountID      = "DOCUSIGN_ACCOUNT_ID"
	envEnvironment    = "DOCUSIGN_ENV"
)

// minPoll is the shortest wait between two status checks of one envelope
// that DocuSign's guidance allows: it asks integrations not to poll an
// envelope more than once every 15 minutes, and enforces per-envelope
// polling limits (Hourly_Envelope_Polling_Limit_Exceeded).
const minPoll = 15 * time.Minute

// config is what one run needs. Without an integration key it runs against
// the fake DocuSign, started in-process.
type config struct {
	integrationKey string
	userID         string
	privateKeyFile string
	// accountID picks one of the user's accounts; empty means the default.
	accountID string
	// environment and envName are DocuSign's demo or production.
	environment docusign.Environment
	envName     string
	// httpClient sends every request to DocuSign; nil means Go's default.
	httpClient *http.Client

	signerName, signerEmail string
	// file is the document to send; empty sends a generated contract.
	file string
	// poll is the wait between status checks against DocuSign.
	poll time.Duration
	// consentRedirect is the redirect URI put in a consent link.
	consentRedirect string
	// logger, when set, receives the libraries' logs (-v).
	logger *slog.Logger

	// outDir receives the signed PDF; empty means the system's temp dir.
	outDir string
	// stepTimeout bounds each wait for a Connect message from the fake.
	stepTimeout time.Duration

	// fakeOptions are added to the fake's options, and onFake sees the
	// fake once it runs: both for tests.
	fakeOptions []docusigntest.Option
	onFake      func(*docusigntest.Server)
	// wait waits between two polls; tests replace it.
	wait waiter
}

// waiter waits d, or less when ctx ends first.
type waiter func(ctx context.Context, d time.Duration) error

// live reports whether the run talks to DocuSign rather than the fake.
func (c config) live() bool { return c.integrationKey != "" }

// parseConfig reads the flags in args and the DOCUSIGN_* variables through
// getenv. Logs (-v) go to logTo.
func parseConfig(args []string, getenv func(string) string, logTo io.Writer) (config, error) {
	cfg := config{stepTimeout: 30 * time.Second, wait: sleep}
	fs := flag.NewFlagSet("contract", flag.ContinueOnError)
	fs.SetOutput(logTo)
	fs.StringVar(&cfg.signerName, "signer-name", "", "the signer's name "+
		"(required with DocuSign; Ann Lee with the fake)")
	fs.StringVar(&cfg.signerEmail, "signer-email", "", "the signer's email address, "+
		"where DocuSign sends the invitation (required with DocuSign)")
	fs.StringVar(&cfg.file, "file", "", "a .pdf, .doc or .docx to send instead of the "+
		"generated contract")
	fs.DurationVar(&cfg.poll, "poll", minPoll, "with DocuSign, the wait between two "+
		"status checks; DocuSign allows no less than 15m")
	fs.StringVar(&cfg.consentRedirect, "redirect-uri", "http://localhost:8080/callback",
		"a redirect URI registered on the integration key, for the consent link")
	verbose := fs.Bool("v", false, "log what the SDK does (to stderr)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q; see -h", fs.Arg(0))
	}
	if *verbose {
		cfg.logger = slog.New(slog.NewTextHandler(logTo,
			&slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if err := readEnv(&cfg, getenv); err != nil {
		return config{}, err
	}
	return cfg, checkFlags(cfg)
}

// readEnv fills the DocuSign settings. Setting any of the variables means
// DocuSign is wanted, so a missing one is an error rather than a silent
// fall back to the fake.
func readEnv(cfg *config, getenv func(string) string) error {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	cfg.integrationKey = get(envIntegrationKey)
	cfg.userID = get(envUserID)
	cfg.privateKeyFile = get(envPrivateKeyFile)
	cfg.accountID = get(envAccountID)
	cfg.envName = strings.ToLower(get(envEnvironment))
	if cfg.integrationKey == "" && cfg.userID == "" && cfg.privateKeyFile == "" &&
		cfg.accountID == "" && cfg.envName == "" {
		return nil
	}
	var missing []string
	for _, v := range [][2]string{{envIntegrationKey, cfg.integrationKey},
		{envUserID, cfg.userID}, {envPrivateKeyFile, cfg.privateKeyFile}} {
		if v[1] == "" {
			missing = append(missing, v[0])
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("some DOCUSIGN_* variables are set but %s %s not: set %s "+
			"from Apps and Keys in DocuSign's admin, or unset every DOCUSIGN_* variable "+
			"to run against the built-in fake", strings.Join(missing, " and "),
			plural(len(missing), "is", "are"), plural(len(missing), "it", "them"))
	}
	if cfg.envName == "" {
		cfg.envName = "demo"
	}
	env, err := docusign.ParseEnvironment(cfg.envName)
	if err != nil {
		return fmt.Errorf("%s: %w", envEnvironment, err)
	}
	cfg.environment = env
	return nil
}

// checkFlags refuses flags that cannot work with the chosen DocuSign.
func checkFlags(cfg config) error {
	if !cfg.live() {
		return nil
	}
	var problems []string
	if cfg.signerEmail == "" {
		problems = append(problems, "-signer-email is required with DocuSign: the "+
			"address that receives the invitation to sign")
	}
	if cfg.signerName == "" {
		problems = append(problems, "-signer-name is required with DocuSign: the "+
			"signer's full name")
	}
	if cfg.poll < minPoll {
		problems = append(problems, fmt.Sprintf("-poll %v is too often: DocuSign asks "+
			"not to check an envelope more than once every 15 minutes; use -poll 15m "+
			"or more", cfg.poll))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sleep waits d, or less when ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
