package auth

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// The configurations and the source print, log and marshal through these
// methods, so that no fmt verb, slog handler or json.Marshal shows a secret.
// fmt calls a value's methods only when it can reach the value as an
// interface: a Config inside an unexported field of another struct is
// printed field by field, secret included, by %v of that struct. Keep
// configurations in exported fields, or behind a pointer (printed as an
// address), in structs that may be printed.

const redacted = "[redacted]"

func secret(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

func clientName(hc *http.Client) string {
	if hc == nil {
		return "default"
	}
	return "custom"
}

// String describes c without ClientSecret.
func (c Config) String() string {
	return fmt.Sprintf("auth.Config{ClientID: %q, ClientSecret: %q, RedirectURL: %q, "+
		"Scopes: %q, Environment: %q, HTTPClient: %s}", c.ClientID, secret(c.ClientSecret),
		c.RedirectURL, c.Scopes, c.Environment.AuthServer, clientName(c.HTTPClient))
}

// Format prints String for every verb, %#v included.
func (c Config) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue logs c without ClientSecret.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", c.ClientID),
		slog.String("client_secret", secret(c.ClientSecret)),
		slog.String("redirect_url", c.RedirectURL), slog.Any("scopes", c.Scopes),
		slog.String("environment", c.Environment.AuthServer))
}

// MarshalJSON writes c without ClientSecret. Config is not meant to be
// stored as JSON: what it writes does not read back into a working Config.
func (c Config) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"client_id": c.ClientID,
		"client_secret": secret(c.ClientSecret), "redirect_url": c.RedirectURL,
		"scopes": c.Scopes, "environment": c.Environment.AuthServer})
}

// String describes c without PrivateKey.
func (c JWTConfig) String() string {
	return fmt.Sprintf("auth.JWTConfig{IntegrationKey: %q, UserID: %q, PrivateKey: %q, "+
		"Scopes: %q, Environment: %q, HTTPClient: %s, ConsentRedirectURL: %q}",
		c.IntegrationKey, c.UserID, secret(string(c.PrivateKey)), c.Scopes,
		c.Environment.AuthServer, clientName(c.HTTPClient), c.ConsentRedirectURL)
}

// Format prints String for every verb, %#v included.
func (c JWTConfig) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue logs c without PrivateKey.
func (c JWTConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("integration_key", c.IntegrationKey),
		slog.String("user_id", c.UserID),
		slog.String("private_key", secret(string(c.PrivateKey))),
		slog.Any("scopes", c.Scopes), slog.String("environment", c.Environment.AuthServer))
}

// MarshalJSON writes c without PrivateKey. JWTConfig is not meant to be
// stored as JSON: what it writes does not read back into a working config.
func (c JWTConfig) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"integration_key": c.IntegrationKey,
		"user_id": c.UserID, "private_key": secret(string(c.PrivateKey)),
		"scopes": c.Scopes, "environment": c.Environment.AuthServer,
		"consent_redirect_url": c.ConsentRedirectURL})
}

// String names the source's grant and the expiry of its cached token,
// never the token.
func (s *Source) String() string {
	exp := s.expiry()
	if exp.IsZero() {
		return fmt.Sprintf("auth.Source{grant: %s, token: none}", s.grant)
	}
	return fmt.Sprintf("auth.Source{grant: %s, token: expires %s}", s.grant,
		exp.UTC().Format(time.RFC3339))
}

// Format prints String for every verb, %#v included.
func (s *Source) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }

// LogValue logs the grant and the cached token's expiry.
func (s *Source) LogValue() slog.Value {
	return slog.GroupValue(slog.String("grant", string(s.grant)),
		slog.Time("expiry", s.expiry()))
}

// MarshalJSON writes the grant and the cached token's expiry.
func (s *Source) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"grant": string(s.grant), "expiry": s.expiry()})
}

func (s *Source) expiry() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || s.invalid {
		return time.Time{}
	}
	return s.cur.tok.Expiry
}
