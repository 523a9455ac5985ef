package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// server is the running program: the settings pages, and the fake
// DocuSign when no DocuSign was configured.
type server struct {
	// URL is the settings pages' origin, such as http://localhost:8080.
	URL string
	// fake is the in-process DocuSign, nil against DocuSign.
	fake *docusigntest.Server
	http *http.Server
	done chan error
}

// start listens on cfg.addr, starts the fake if needed (with the app's
// callback as its one registered redirect URI), and serves the pages.
func start(cfg config, out io.Writer) (*server, error) {
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("-addr %s: %w", cfg.addr, err)
	}
	s := &server{URL: origin(cfg.addr, ln.Addr()), done: make(chan error, 1)}
	conf := auth.Config{ClientID: cfg.integrationKey, ClientSecret: cfg.clientSecret,
		RedirectURL: s.URL + "/callback", Environment: cfg.environment,
		Scopes: []string{auth.ScopeSignature, auth.ScopeExtended}}
	if cfg.integrationKey == "" {
		if s.fake, err = startFake(cfg, conf.RedirectURL); err != nil {
			ln.Close()
			return nil, err
		}
		creds := s.fake.Credentials()
		conf.ClientID, conf.ClientSecret = creds.ClientID, creds.ClientSecret
		conf.Environment, conf.HTTPClient = s.fake.Environment(), s.fake.Client()
	}
	if err := conf.Validate(); err != nil {
		s.closeFake()
		ln.Close()
		return nil, err
	}
	a := &app{conf: conf, sessions: newSessions(),
		logger: cfg.logger, fake: s.fake != nil}
	s.http = &http.Server{Handler: a.routes(), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(io.Discard, "", 0)}
	if cfg.logger != nil {
		s.http.ErrorLog = slog.NewLogLogger(cfg.logger.Handler(), slog.LevelWarn)
	}
	go func() { s.done <- s.http.Serve(ln) }()
	s.greet(cfg, conf, out)
	return s, nil
}

// startFake starts the fake DocuSign with two accounts, so that there is a
// choice to make, and the consent page a person clicks.
func startFake(cfg config, redirectURI string) (*docusigntest.Server, error) {
	opts := []docusigntest.Option{docusigntest.WithRedirectURIs(redirectURI),
		docusigntest.WithAccounts("Acme Sales", "Acme Legal")}
	if cfg.logger != nil {
		opts = append(opts, docusigntest.WithLogger(cfg.logger))
	}
	fake, err := docusigntest.Start(append(opts, cfg.fakeOptions...)...)
	if err != nil {
		return nil, fmt.Errorf("starting the fake DocuSign: %w", err)
	}
	return fake, nil
}

// greet tells the person what runs and what to open.
func (s *server) greet(cfg config, conf auth.Config, out io.Writer) {
	if s.fake != nil {
		fmt.Fprintf(out, "No DOCUSIGN_* variables are set, so this runs against a fake "+
			"DocuSign started in this process, at %s.\n", s.fake.URL())
		fmt.Fprintln(out, "Its consent page uses a certificate of its own: your browser "+
			"will warn about it; continue to the page, it is on this machine.")
	} else {
		fmt.Fprintf(out, "Using DocuSign %s (%s) with integration key %s.\n", cfg.envName,
			conf.Environment.AuthServer, conf.ClientID)
		fmt.Fprintf(out, "The integration key must list %s as a redirect URI "+
			"(Apps and Keys, Additional settings).\n", conf.RedirectURL)
	}
	fmt.Fprintf(out, "Open %s/ in a browser and click Connect DocuSign. Ctrl-C stops.\n",
		s.URL)
}

// origin is the URL of the pages: the host as given in -addr (localhost
// when it was empty), with the port actually listened on.
func origin(addr string, listened net.Addr) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(listened.String())
	return "http://" + net.JoinHostPort(host, port)
}

// Close stops serving and stops the fake.
func (s *server) Close() error {
	err := s.http.Close()
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	s.closeFake()
	return err
}

func (s *server) closeFake() {
	if s.fake != nil {
		s.fake.Close()
	}
}
