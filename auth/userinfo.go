package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// ErrAccountNotFound matches (errors.Is) the error of UserInfo.Account for
// an account ID the user does not belong to, and of DefaultAccount when no
// account can be chosen.
var ErrAccountNotFound = errors.New("auth: account not found")

// maxUserInfoBody caps the userinfo answer read; a user with hundreds of
// accounts stays far below it.
const maxUserInfoBody = 1 << 20

// UserInfo is the user an access token belongs to, with the DocuSign
// accounts they can act in. A host usually shows the accounts, lets the
// user confirm one, and stores its ID and BaseURI.
type UserInfo struct {
	// UserID is the user's API user ID (userinfo's "sub"), the UserID of a
	// JWTConfig acting for them.
	UserID string
	// Name is the user's full name; GivenName and FamilyName its parts.
	Name, GivenName, FamilyName string
	// Email is the user's email address.
	Email string
	// Created is when the user was created, as DocuSign writes it (such as
	// "2015-08-13T22:03:03.45", without a time zone).
	Created string
	// Accounts lists the user's accounts, BaseURI normalised by
	// docusign.NormalizeBaseURI (kept as sent when it does not pass).
	Accounts []docusign.Account
}

// Account returns the user's account with this ID (compared without
// regard to case, as GUIDs are), ready for docusign.NewClient. An ID the
// user does not belong to is an error, matching ErrAccountNotFound, that
// lists the IDs they do belong to.
func (u *UserInfo) Account(id string) (docusign.Account, error) {
	id = strings.TrimSpace(id)
	for _, a := range u.Accounts {
		if strings.EqualFold(a.ID, id) {
			return checked(a)
		}
	}
	return docusign.Account{}, fmt.Errorf("%w: %q is not one of the accounts of user %s "+
		"(%s); use one of those IDs", ErrAccountNotFound, id, u.UserID, u.accountIDs())
}

// DefaultAccount returns the account userinfo marks as the user's default
// (the first so marked, should there be several). When none is marked, it
// returns the only account if there is one, and otherwise an error matching
// ErrAccountNotFound that lists the IDs to choose from with Account: a
// guess between several accounts could send envelopes from the wrong one.
func (u *UserInfo) DefaultAccount() (docusign.Account, error) {
	for _, a := range u.Accounts {
		if a.IsDefault {
			return checked(a)
		}
	}
	switch len(u.Accounts) {
	case 0:
		return docusign.Account{}, fmt.Errorf("%w: user %s belongs to no DocuSign account",
			ErrAccountNotFound, u.UserID)
	case 1:
		return checked(u.Accounts[0])
	}
	return docusign.Account{}, fmt.Errorf("%w: userinfo marks none of the accounts of user "+
		"%s as default; choose one with Account(id) from: %s", ErrAccountNotFound,
		u.UserID, u.accountIDs())
}

func (u *UserInfo) accountIDs() string {
	if len(u.Accounts) == 0 {
		return "none"
	}
	ids := make([]string, len(u.Accounts))
	for i, a := range u.Accounts {
		ids[i] = a.ID
	}
	return strings.Join(ids, ", ")
}

// checked returns a, or why docusign.NewClient would refuse it.
func checked(a docusign.Account) (docusign.Account, error) {
	if err := a.Validate(); err != nil {
		return docusign.Account{}, fmt.Errorf("auth: userinfo's account %s: %w", a.ID, err)
	}
	return a, nil
}

// UserInfoOption configures FetchUserInfo.
type UserInfoOption func(*userInfoSettings)

type userInfoSettings struct {
	client *http.Client
	logger *slog.Logger
}

// WithHTTPClient sends the userinfo request through hc, used as it is.
// Without it, FetchUserInfo uses the HTTPClient of the Config or JWTConfig
// that built ts, or else http.DefaultTransport at the time of the request,
// refusing redirects to another host.
func WithHTTPClient(hc *http.Client) UserInfoOption {
	return func(s *userInfoSettings) { s.client = hc }
}

// FetchUserInfo asks DocuSign's account server who the token of ts belongs
// to and which accounts they can act in (GET /oauth/userinfo). When ts is a
// *Source, a refused token (401, or the internal_server_error DocuSign
// answers for an expired token) is invalidated and the request sent once
// more with a new one; the source's logger, if any, logs the call. Each
// request is bounded by ctx and by DefaultRefreshTimeout.
//
// https://developers.docusign.com/platform/auth/reference/user-info/
func FetchUserInfo(ctx context.Context, ts oauth2.TokenSource, env docusign.Environment, opts ...UserInfoOption) (*UserInfo, error) {
	if ts == nil {
		return nil, errors.New("auth: FetchUserInfo needs a token source, such as " +
			"JWTConfig.TokenSource or Config.TokenSource")
	}
	if err := env.Validate(); err != nil {
		return nil, fmt.Errorf("auth: FetchUserInfo: %w", err)
	}
	s := userInfoDefaults(ts, opts)
	inv, canInvalidate := ts.(docusign.TokenInvalidator)
	for replayed := false; ; replayed = true {
		tok, err := docusign.TokenFrom(ctx, ts)
		if err != nil {
			return nil, err
		}
		info, err := getUserInfo(ctx, s, env, tok)
		if err != nil && !replayed && canInvalidate && refusedToken(err) {
			inv.InvalidateToken(tok)
			continue
		}
		return info, err
	}
}

func userInfoDefaults(ts oauth2.TokenSource, opts []UserInfoOption) userInfoSettings {
	var s userInfoSettings
	if src, ok := ts.(*Source); ok {
		s.client, s.logger = src.client, src.set.logger
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	s.client = httpClient(s.client)
	return s
}

// refusedToken reports an answer that a new token may cure.
func refusedToken(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.StatusCode == http.StatusUnauthorized || e.Code == "invalid_token" ||
			e.Code == "internal_server_error"
	}
	var se *statusError
	return errors.As(err, &se) && se.statusCode == http.StatusUnauthorized
}

func getUserInfo(ctx context.Context, s userInfoSettings, env docusign.Environment, tok *oauth2.Token) (*UserInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, DefaultRefreshTimeout)
	defer cancel()
	url := env.Endpoint("/oauth/userinfo")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("auth: userinfo: %w", err)
	}
	req.Header.Set("Authorization", tok.Type()+" "+tok.AccessToken)
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("auth: userinfo: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUserInfoBody))
	if s.logger != nil {
		s.logger.LogAttrs(ctx, slog.LevelDebug, "auth: userinfo", slog.Int("status",
			resp.StatusCode), slog.Duration("duration", time.Since(start)),
			slog.String("trace_token", resp.Header.Get("X-DocuSign-TraceToken")))
	}
	if err != nil {
		return nil, fmt.Errorf("auth: userinfo: reading the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, answerError(resp, body, "", opUserInfo)
	}
	return decodeUserInfo(body)
}
