package auth

import (
	"slices"
	"strings"
)

// The eSignature scopes. Other DocuSign products (Click, Rooms, Admin) define
// more; any scope string may be put in Config.Scopes or JWTConfig.Scopes.
const (
	// ScopeSignature allows the eSignature REST API: sending envelopes,
	// reading their status, embedded signing. Every eSignature integration
	// asks for it.
	ScopeSignature = "signature"
	// ScopeExtended makes the refresh token of the authorization-code grant
	// long-lived, so that a connected account stays connected without the
	// user signing in again.
	ScopeExtended = "extended"
	// ScopeImpersonation lets an integration act for a user through the JWT
	// grant. The user (or an administrator) consents to it once; JWTConfig
	// always asks for it.
	ScopeImpersonation = "impersonation"
)

// withDefault returns scopes, or just ScopeSignature when scopes is empty.
func withDefault(scopes []string) []string {
	if len(scopes) == 0 {
		return []string{ScopeSignature}
	}
	return scopes
}

// withScope returns scopes with scope appended when it is missing, leaving
// the caller's slice untouched.
func withScope(scopes []string, scope string) []string {
	if slices.Contains(scopes, scope) {
		return scopes
	}
	return append(slices.Clip(scopes), scope)
}

// spaceAsPercent20 writes the spaces of an encoded query as %20 rather than
// "+": both mean a space in a query string, but %20 reads the same to every
// decoder, which is what DocuSign's own consent links use. A literal "+" is
// already %2B in the output of url.Values.Encode, so no "+" is a plus sign.
func spaceAsPercent20(query string) string {
	return strings.ReplaceAll(query, "+", "%20")
}
