package docusigntest

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// Credentials are the secrets and identifiers the fake generated for its one
// integration, user and default account: what a DocuSign developer copies
// from the Apps and Keys page. A caller builds its auth configuration from
// them. Printing them (any fmt verb, slog, JSON) shows the identifiers and
// hides the secrets; read the fields to use them.
type Credentials struct {
	// IntegrationKey is the integration's key (a GUID): the JWT "iss" and
	// the OAuth client ID.
	IntegrationKey string
	// ClientID is the OAuth client ID. DocuSign uses the integration key as
	// the client ID, and so does the fake; it is here under its OAuth name.
	ClientID string
	// ClientSecret is the integration's secret key, for the confidential
	// authorization-code grant (HTTP Basic client authentication).
	ClientSecret string
	// UserID is the API user ID (a GUID) of the fake's user: the JWT "sub".
	UserID string
	// PrivateKeyPEM is the integration's RSA private key in PKCS#1 PEM
	// ("-----BEGIN RSA PRIVATE KEY-----"), the form DocuSign's UI generates.
	PrivateKeyPEM []byte
	// PublicKeyPEM is the matching public key (PKIX PEM).
	PublicKeyPEM []byte
	// HMACKey is the first Connect HMAC key: deliveries carry
	// X-DocuSign-Signature-1 computed with it.
	HMACKey string
	// HMACKeys are all the Connect HMAC keys, in header order: delivery
	// header X-DocuSign-Signature-N is computed with HMACKeys[N-1].
	HMACKeys []string
	// AccountID is the default account's ID.
	AccountID string
	// BaseURI is the default account's base URI: the fake's own origin.
	BaseURI string
	// AuthServer is the OAuth server's origin: the fake's own origin too.
	AuthServer string
}

const redacted = "[redacted]"

// String describes the credentials without their secrets.
func (c Credentials) String() string {
	return fmt.Sprintf("docusigntest.Credentials{IntegrationKey: %s, UserID: %s, "+
		"AccountID: %s, AuthServer: %s, ClientSecret, PrivateKeyPEM, HMACKeys: %s}",
		c.IntegrationKey, c.UserID, c.AccountID, c.AuthServer, redacted)
}

// GoString is String, so that %#v hides the secrets too.
func (c Credentials) GoString() string { return c.String() }

// Format prints String for every verb.
func (c Credentials) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue logs the identifiers only.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("integration_key", c.IntegrationKey),
		slog.String("user_id", c.UserID), slog.String("account_id", c.AccountID))
}

// MarshalJSON encodes the identifiers and marks the secrets as redacted, so
// that a struct holding Credentials can be logged as JSON safely.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{
		"integrationKey": c.IntegrationKey, "clientId": c.ClientID, "userId": c.UserID,
		"accountId": c.AccountID, "baseUri": c.BaseURI, "authServer": c.AuthServer,
		"clientSecret": redacted, "privateKeyPem": redacted, "hmacKey": redacted,
	})
}
