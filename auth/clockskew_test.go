package auth

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fake checks iat and exp against its own clock, which runs behind or
// ahead of the local one, with a tolerance. DocuSign's real tolerance is not
// documented (an assumption of 5 minutes here); what this checks is that a
// skew the server tolerates, helped by x/oauth2's 10 s backdating, works,
// and that a larger one comes back naming the clock, with the measured
// skew, not as a bare invalid_grant.
func TestE9_ClockSkewWithinToleranceWorksAndBeyondItIsNamed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		ahead  time.Duration // how far the local clock is ahead of DocuSign's
		leeway time.Duration
		ok     bool
	}{
		{"5 s fast, strict server: the backdate holds", 5 * time.Second, 0, true},
		{"5 min fast", 5 * time.Minute, 5 * time.Minute, true},
		{"5 min slow", -5 * time.Minute, 5 * time.Minute, true},
		{"10 min fast", 10 * time.Minute, 5 * time.Minute, false},
		{"2 h slow", -2 * time.Hour, 5 * time.Minute, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			f.offset, f.leeway = tc.ahead, tc.leeway
			ts := jwtSource(t, f)

			_, err := ts.Token()

			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrClockSkew)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "invalid_grant", e.Code)
			assert.InDelta(t, tc.ahead.Seconds(), e.ClockSkew.Seconds(), 2)
			assert.Contains(t, err.Error(), "the local clock is")
			assert.Contains(t, err.Error(), "synchronise the clock")
		})
	}
}

func TestE9_AKnownCauseIsNotBlamedOnTheClock(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.offset = 10 * time.Minute
	f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
		oauthError(w, 400, "invalid_grant", "user_not_found")
		return true
	})

	_, err := jwtSource(t, f).Token()

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.NotErrorIs(t, err, ErrClockSkew)
	assert.Contains(t, err.Error(), "API user ID")
	assert.InDelta(t, 600, e.ClockSkew.Seconds(), 2, "still measured")
}

func TestE9_ADescriptionAboutTimeNamesTheClockWithoutADate(t *testing.T) {
	t.Parallel()
	e := &Error{Code: "invalid_grant", Description: "The JWT is not yet valid", op: opJWT}
	checkClock(e, http.Header{}, time.Now())
	assert.ErrorIs(t, e, ErrClockSkew)
	assert.Zero(t, e.ClockSkew)
	assert.Contains(t, e.Error(), "the local clock is probably wrong")
}

func TestE9_ASmallSkewIsNotBlamed(t *testing.T) {
	t.Parallel()
	now := time.Now()
	h := http.Header{"Date": {now.Add(-20 * time.Second).UTC().Format(http.TimeFormat)}}
	e := &Error{Code: "invalid_grant", op: opJWT}
	checkClock(e, h, now)
	assert.NotErrorIs(t, e, ErrClockSkew)
	assert.InDelta(t, 20, e.ClockSkew.Seconds(), 1)
}
