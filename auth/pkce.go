package auth

import (
	"golang.org/x/oauth2"
)

// AuthOption adds to an authorization request (Config.AuthCodeURL) and to
// the exchange of its code (Config.Exchange).
type AuthOption func(*authSettings)

type authSettings struct {
	verifier string
}

func newAuthSettings(opts []AuthOption) authSettings {
	var s authSettings
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	return s
}

// WithPKCE protects the authorization with PKCE (RFC 7636, method S256):
// AuthCodeURL sends the challenge derived from verifier, and Exchange sends
// verifier itself, so that a code intercepted on its way back is useless
// to anyone else. Generate the verifier with GenerateVerifier for each
// authorization, keep it with the state (in the user's session, not in the
// URL) and pass the same value to both calls. A public client (one without
// ClientSecret, such as a desktop or mobile app) must use it.
func WithPKCE(verifier string) AuthOption {
	return func(s *authSettings) { s.verifier = verifier }
}

// GenerateVerifier returns a new PKCE code verifier: 32 random bytes,
// base64url-encoded (43 characters), as RFC 7636 recommends.
func GenerateVerifier() string { return oauth2.GenerateVerifier() }

// codeOptions returns s as x/oauth2 options for the authorization URL
// (challenge) or for the exchange (verifier).
func (s authSettings) codeOptions(exchange bool) []oauth2.AuthCodeOption {
	switch {
	case s.verifier == "":
		return nil
	case exchange:
		return []oauth2.AuthCodeOption{oauth2.VerifierOption(s.verifier)}
	}
	return []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(s.verifier)}
}
