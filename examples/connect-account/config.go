package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// The environment variables that point the program at DocuSign.
const (
	envIntegrationKey = "DOCUSIGN_INTEGRATION_KEY"
	// envClientSecret is this example's own addition to the examples'
	// variables: the authorization-code grant of a web server needs the
	// integration key's secret, which the JWT grant does not.
	envClientSecret = "DOCUSIGN_CLIENT_SECRET"
	envEnvironment  = "DOCUSIGN_ENV"
)

// config is what the program needs to start.
type config struct {
	// addr is where the settings pages are served.
	addr string
	// integrationKey, clientSecret and environment name DocuSign's
	// integration; an empty integrationKey means the in-process fake.
	integrationKey, clientSecret string
	environment                  docusign.Environment
	envName                      string
	logger                       *slog.Logger
	// fakeOptions are added to the fake's options, for tests.
	fakeOptions []docusigntest.Option
}

// readEnv fills the DocuSign settings from getenv. Setting one variable
// means DocuSign is wanted, so a missing one is an error.
func readEnv(cfg *config, getenv func(string) string) error {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	cfg.integrationKey, cfg.clientSecret = get(envIntegrationKey), get(envClientSecret)
	cfg.envName = strings.ToLower(get(envEnvironment))
	if cfg.integrationKey == "" && cfg.clientSecret == "" && cfg.envName == "" {
		return nil
	}
	switch {
	case cfg.integrationKey == "":
		return fmt.Errorf("%s is not set: set it to the integration key (Apps and Keys), "+
			"or unset the DOCUSIGN_* variables to run against the built-in fake",
			envIntegrationKey)
	case cfg.clientSecret == "":
		return fmt.Errorf("%s is not set: add a secret key to the integration key "+
			"(Apps and Keys) and set it here", envClientSecret)
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

// parseConfig reads the flags in args and the DOCUSIGN_* variables through
// getenv. Logs (-v) go to logTo.
func parseConfig(args []string, getenv func(string) string, logTo io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("connect-account", flag.ContinueOnError)
	fs.SetOutput(logTo)
	fs.StringVar(&cfg.addr, "addr", "localhost:8080", "where to serve the settings pages")
	verbose := fs.Bool("v", false, "log what the SDK and the fake do (to stderr)")
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
	return cfg, readEnv(&cfg, getenv)
}
