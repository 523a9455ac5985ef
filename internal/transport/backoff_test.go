package transport

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestC17_BackoffStaysWithinBoundsIsJitteredAndNeverOverflows(t *testing.T) {
	t.Parallel()
	lo, hi := 500*time.Millisecond, 30*time.Second
	for attempt := range 200 {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := Backoff(lo, hi, attempt)
			assert.GreaterOrEqual(t, d, lo, "attempt %d", attempt)
			assert.LessOrEqual(t, d, hi, "attempt %d", attempt)
			seen[d] = true
		}
		assert.Greater(t, len(seen), 1, "attempt %d is jittered", attempt)
	}
	assert.LessOrEqual(t, Backoff(lo, hi, 1<<30), hi, "huge attempt numbers stay capped")
	assert.LessOrEqual(t, Backoff(time.Duration(1<<62), time.Duration(1<<62+1), 80),
		time.Duration(1<<62+1), "no overflow near the largest durations")
	assert.Equal(t, time.Second, Backoff(time.Second, time.Second, 3), "equal bounds")
	assert.Equal(t, time.Second, Backoff(time.Second, time.Millisecond, 0), "hi below lo")
	assert.Zero(t, Backoff(0, 0, 5))
}

func TestC17_BackoffCeilingGrowsWithTheAttempt(t *testing.T) {
	t.Parallel()
	lo, hi := 100*time.Millisecond, time.Hour
	for attempt, ceiling := range []time.Duration{200 * time.Millisecond,
		400 * time.Millisecond, 800 * time.Millisecond} {
		for range 100 {
			assert.LessOrEqual(t, Backoff(lo, hi, attempt), ceiling)
		}
	}
}

func TestRetryAfter_ReadsSecondsAndDates(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		value string
		want  time.Duration
		ok    bool
	}{
		{"absent", "", 0, false},
		{"seconds", "2", 2 * time.Second, true},
		{"zero", "0", 0, true},
		{"spaces", " 7 ", 7 * time.Second, true},
		{"negative", "-5", 0, false},
		{"garbage", "soon", 0, false},
		{"fraction", "1.5", 0, false},
		{"future date", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"past date", now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"absurd seconds", "99999999999999999", 365 * 24 * time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tt.value != "" {
				h.Set("Retry-After", tt.value)
			}
			got, ok := RetryAfter(h, now)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBudget_RetriesSpendTokensSuccessesRefillThem(t *testing.T) {
	t.Parallel()
	b := NewBudget(2)
	assert.True(t, b.take())
	assert.True(t, b.take())
	assert.False(t, b.take())
	b.give()
	b.give()
	b.give()
	assert.Equal(t, 2, b.Tokens(), "never above its size")
	var none *Budget
	assert.True(t, none.take(), "no budget, no limit")
	none.give()
}

func TestRedactURL_DropsQueryCredentialsAndFragment(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "https://na3.docusign.net/restapi/x",
		RedactURL("https://u:p@na3.docusign.net/restapi/x?code=secret#frag"))
	assert.Equal(t, "(unparsable URL)", RedactURL("http://[::1"))
}

func TestPolicy_ValidateNamesTheField(t *testing.T) {
	t.Parallel()
	assert.ErrorContains(t, Policy{MaxRetries: -1}.Validate(), "MaxRetries")
	assert.ErrorContains(t, Policy{MinWait: -1}.Validate(), "negative")
	assert.ErrorContains(t, Policy{MinWait: 2, MaxWait: 1}.Validate(), "MaxWait")
	assert.NoError(t, Policy{MinWait: 1, MaxWait: 2}.Validate())
}
