package docusign

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/oauth2"
)

// ContextTokenSource is an oauth2.TokenSource that can honour a context.
// When the token source given to NewClient implements it, the client calls
// TokenContext with each request's context, so a slow token endpoint never
// holds a caller past its deadline. The sources of package auth implement it.
type ContextTokenSource interface {
	oauth2.TokenSource
	TokenContext(ctx context.Context) (*oauth2.Token, error)
}

// TokenInvalidator is implemented by caching token sources that can drop a
// token DocuSign refused before its expiry (a revoked or rotated token).
// When a request is answered 401 and the client's token source implements
// it, the client calls InvalidateToken with the refused token, takes a new
// token and replays the request once. A second 401 is returned to the
// caller. The sources of package auth implement it.
type TokenInvalidator interface {
	// InvalidateToken tells the source that DocuSign refused tok. The next
	// Token call must not return tok again; a source that already holds a
	// newer token keeps it, so that many callers refused at once cause a
	// single refresh.
	InvalidateToken(tok *oauth2.Token)
}

// TokenFrom returns a token from ts, through TokenContext when ts implements
// ContextTokenSource, so that ctx bounds the wait. It fails when ts returns
// no token or an empty access token.
func TokenFrom(ctx context.Context, ts oauth2.TokenSource) (*oauth2.Token, error) {
	var (
		tok *oauth2.Token
		err error
	)
	if cts, ok := ts.(ContextTokenSource); ok {
		tok, err = cts.TokenContext(ctx)
	} else {
		tok, err = ts.Token()
	}
	if err != nil {
		return nil, fmt.Errorf("docusign: getting an access token: %w", err)
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, errors.New("docusign: the token source returned no access token")
	}
	return tok, nil
}
