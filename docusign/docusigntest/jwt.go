package docusigntest

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// exchangeJWT checks a JWT bearer assertion the way DocuSign's account
// server does and issues a one-hour token without a refresh token. The
// error bodies are DocuSign's: issuer_not_found, no_valid_keys_or_signatures
// and user_not_found as descriptions of invalid_grant, consent_required, and
// a bare invalid_grant for audience and lifetime problems; the request log
// (Requests) says which check failed.
func (s *Server) exchangeJWT(assertion string) (*tokenResponse, *oauthError) {
	if assertion == "" {
		return nil, &oauthError{Error: "invalid_request", reason: "assertion is missing"}
	}
	unverified, _, err := jwt.NewParser().ParseUnverified(assertion, jwt.MapClaims{})
	if err != nil {
		return nil, invalidGrant("no_valid_keys_or_signatures", "the assertion is not a JWT")
	}
	claims := unverified.Claims.(jwt.MapClaims)
	if iss, _ := claims["iss"].(string); iss != s.ik {
		return nil, invalidGrant("issuer_not_found", fmt.Sprintf("iss %q is not the "+
			"integration key", iss))
	}
	_, err = jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithoutClaimsValidation()).Parse(assertion, func(*jwt.Token) (any, error) {
		return &s.key.PublicKey, nil
	})
	if err != nil {
		return nil, invalidGrant("no_valid_keys_or_signatures",
			"the signature is not RS256 by the integration's key")
	}
	if oerr := s.checkClaims(claims); oerr != nil {
		return nil, oerr
	}
	scope, _ := claims["scope"].(string)
	s.mu.Lock()
	consent := s.consent
	s.mu.Unlock()
	if !consent {
		return nil, &oauthError{Error: "consent_required",
			reason: "the user has not consented to this integration"}
	}
	if !hasScope(scope, "signature") || !hasScope(scope, "impersonation") {
		return nil, &oauthError{Error: "consent_required",
			reason: "the scope claim must include signature and impersonation"}
	}
	return s.issue(scope, jwtTokenLifetime), nil
}

func (s *Server) checkClaims(claims jwt.MapClaims) *oauthError {
	aud, _ := claims.GetAudience()
	if len(aud) != 1 || aud[0] != s.Environment().Audience() {
		return invalidGrant("", fmt.Sprintf("aud %q is not the bare host %q", aud,
			s.Environment().Audience()))
	}
	if sub, _ := claims["sub"].(string); sub != s.userID {
		return invalidGrant("user_not_found", fmt.Sprintf("sub %q is not the user ID", sub))
	}
	iat, err1 := numericDate(claims, "iat")
	exp, err2 := numericDate(claims, "exp")
	if err := errors.Join(err1, err2); err != nil {
		return invalidGrant("", err.Error())
	}
	now, skew := s.now(), s.cfg.jwtSkew
	switch {
	case exp.Sub(iat) > time.Hour:
		return invalidGrant("", "exp - iat is more than one hour")
	case !exp.After(iat):
		return invalidGrant("", "exp is not after iat")
	case iat.After(now.Add(skew)):
		return invalidGrant("", "iat is in the future: the client's clock is ahead")
	case !exp.After(now.Add(-skew)):
		return invalidGrant("", "the assertion expired: exp is in the past")
	}
	if nbf, err := claims.GetNotBefore(); err == nil && nbf != nil &&
		nbf.After(now.Add(skew)) {
		return invalidGrant("", "nbf is in the future")
	}
	return nil
}

func numericDate(claims jwt.MapClaims, name string) (time.Time, error) {
	v, ok := claims[name].(float64)
	if !ok {
		return time.Time{}, fmt.Errorf("%s is missing or not a number", name)
	}
	return time.Unix(int64(v), 0), nil
}
