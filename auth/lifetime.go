package auth

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// entry is a token with the times the source decided for it.
type entry struct {
	tok *oauth2.Token
	// refreshAt is when callers stop receiving tok and wait for a new one.
	refreshAt time.Time
	// earlyAt is when the background refresher, if any, replaces tok.
	earlyAt time.Time
}

// grantedLifetime reads expires_in from a token response. It reports false
// when the response had none, or zero, negative or unreadable.
func grantedLifetime(tok *oauth2.Token) (time.Duration, bool) {
	secs := float64(tok.ExpiresIn)
	switch v := tok.Extra("expires_in").(type) {
	case float64:
		secs = v
	case int64:
		secs = float64(v)
	case json.Number:
		secs, _ = v.Float64()
	case string:
		secs, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
	}
	if !(secs > 0) { // also NaN
		return 0, false
	}
	if secs >= maxLifetime.Seconds() {
		return maxLifetime, true
	}
	return time.Duration(secs * float64(time.Second)), true
}

// lifetime is grantedLifetime with the conservative default for a token
// response that did not say: such a token is never valid forever.
func lifetime(tok *oauth2.Token) time.Duration {
	if d, ok := grantedLifetime(tok); ok {
		return d
	}
	return unknownLifetime
}

// withExpiry returns a copy of tok whose Expiry is issued plus its lifetime,
// replacing the expiry x/oauth2 computed from its own clock and from an
// unclamped expires_in.
func withExpiry(tok *oauth2.Token, issued time.Time) *oauth2.Token {
	t := *tok
	t.Expiry = issued.Add(lifetime(tok))
	return &t
}

// newEntry schedules a token obtained from a request sent at issued. The
// skew is capped at half the token's lifetime, so that a short-lived token
// still serves for a while before it is replaced.
func newEntry(tok *oauth2.Token, issued time.Time, skew time.Duration) *entry {
	t := withExpiry(tok, issued)
	return schedule(t, issued, min(skew, lifetime(tok)/2))
}

// initialEntry schedules a token the host stored and passed to
// Config.TokenSource. A token without an expiry is used for the same
// conservative lifetime as a response without expires_in, counted from now;
// a far-future expiry is clamped like a huge expires_in.
func initialEntry(tok *oauth2.Token, now time.Time, skew time.Duration) *entry {
	t := *tok
	switch {
	case t.Expiry.IsZero():
		t.Expiry = now.Add(unknownLifetime)
		skew = min(skew, unknownLifetime/2)
	case t.Expiry.After(now.Add(maxLifetime)):
		t.Expiry = now.Add(maxLifetime)
	}
	if d, ok := grantedLifetime(tok); ok {
		skew = min(skew, d/2)
	}
	return schedule(&t, now, skew)
}

func schedule(tok *oauth2.Token, from time.Time, skew time.Duration) *entry {
	refreshAt := tok.Expiry.Add(-skew)
	lead := min(skew, max(refreshAt.Sub(from), 0)/2)
	return &entry{tok: tok, refreshAt: refreshAt, earlyAt: refreshAt.Add(-lead)}
}
