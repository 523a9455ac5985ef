// Command sandbox runs docusigntest, the fake DocuSign, as a standalone
// HTTPS server, so that programs in any language (DocuSign's official SDKs
// included) and a person with a browser can use it.
//
//	go run ./examples/sandbox -addr 127.0.0.1:8443 -ca-out ca.pem -config-out sandbox.json
//
// It prints the integration's values at start and, with -config-out, writes
// them as JSON: authServer, integrationKey, userId, privateKeyPem,
// accountId, baseUri, hmacKey, clientId, clientSecret. Trust the CA
// certificate written by -ca-out (for Node: NODE_EXTRA_CA_CERTS=ca.pem).
// The server's root page is an inbox where a person signs or declines as any
// recipient. State lives in memory and ends with the process (Ctrl-C).
package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// sandboxConfig is what -config-out writes.
type sandboxConfig struct {
	AuthServer     string `json:"authServer"`
	IntegrationKey string `json:"integrationKey"`
	UserID         string `json:"userId"`
	PrivateKeyPEM  string `json:"privateKeyPem"`
	AccountID      string `json:"accountId"`
	BaseURI        string `json:"baseUri"`
	HMACKey        string `json:"hmacKey"`
	ClientID       string `json:"clientId"`
	ClientSecret   string `json:"clientSecret"`
}

func main() {
	srv, err := start(os.Args[1:], os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Println("Stopping the sandbox.")
	srv.Close()
}

// start parses the flags, starts the fake, writes the files asked for and
// prints the integration's values.
func start(args []string, out io.Writer) (*docusigntest.Server, error) {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8443", "address to listen on (port 0 picks a free one)")
	caOut := fs.String("ca-out", "", "write the CA certificate (PEM) to this file")
	configOut := fs.String("config-out", "", "write the integration's values (JSON) to this file")
	connectCA := fs.String("connect-ca", "", "PEM file of CAs to trust for Connect listeners")
	verbose := fs.Bool("v", false, "log every request and Connect delivery")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	opts := []docusigntest.Option{docusigntest.WithAddr(*addr)}
	if *verbose {
		opts = append(opts, docusigntest.WithLogger(slog.New(slog.NewTextHandler(os.Stderr,
			&slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	if *connectCA != "" {
		pool, err := loadPool(*connectCA)
		if err != nil {
			return nil, err
		}
		opts = append(opts, docusigntest.WithConnectRootCAs(pool))
	}
	srv, err := docusigntest.Start(opts...)
	if err != nil {
		return nil, err
	}
	if err := writeOutputs(srv, *caOut, *configOut); err != nil {
		srv.Close()
		return nil, err
	}
	printConfig(out, configOf(srv), *caOut)
	return srv, nil
}

func writeOutputs(srv *docusigntest.Server, caOut, configOut string) error {
	if caOut != "" {
		if err := writeFile(caOut, srv.CACertPEM()); err != nil {
			return err
		}
	}
	if configOut == "" {
		return nil
	}
	data, err := json.MarshalIndent(configOf(srv), "", "  ")
	if err != nil {
		return err
	}
	return writeFile(configOut, append(data, '\n'))
}

func configOf(srv *docusigntest.Server) sandboxConfig {
	c := srv.Credentials()
	return sandboxConfig{AuthServer: c.AuthServer, IntegrationKey: c.IntegrationKey,
		UserID: c.UserID, PrivateKeyPEM: string(c.PrivateKeyPEM), AccountID: c.AccountID,
		BaseURI: c.BaseURI, HMACKey: c.HMACKey, ClientID: c.ClientID,
		ClientSecret: c.ClientSecret}
}

func printConfig(out io.Writer, c sandboxConfig, caFile string) {
	fmt.Fprintf(out, "docusigntest sandbox running at %s\n\n", c.AuthServer)
	fmt.Fprintf(out, "  OAuth server (authServer):  %s\n", c.AuthServer)
	fmt.Fprintf(out, "  Integration key / clientId: %s\n", c.IntegrationKey)
	fmt.Fprintf(out, "  Client secret:              %s\n", c.ClientSecret)
	fmt.Fprintf(out, "  User ID (JWT sub):          %s\n", c.UserID)
	fmt.Fprintf(out, "  Account ID:                 %s\n", c.AccountID)
	fmt.Fprintf(out, "  Base URI:                   %s (REST at %s/restapi)\n", c.BaseURI,
		c.BaseURI)
	fmt.Fprintf(out, "  Connect HMAC key:           %s\n", c.HMACKey)
	if caFile != "" {
		fmt.Fprintf(out, "  CA certificate:             %s\n", caFile)
	}
	fmt.Fprintf(out, "\nRSA private key (PKCS#1), for the JWT grant:\n%s\n", c.PrivateKeyPEM)
	fmt.Fprintf(out, "Open %s/ in a browser to sign as any recipient.\n", c.AuthServer)
	fmt.Fprintln(out, "These are test values of a local fake; press Ctrl-C to stop.")
}

// writeFile writes data to path atomically, so that a script waiting for
// the file never reads half of it.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sandbox-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func loadPool(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, errors.New("no PEM certificate in " + path)
	}
	return pool, nil
}
