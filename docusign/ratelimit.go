package docusign

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is DocuSign's quota state as a response reported it. DocuSign
// counts API calls per account per hour (the window resets on the hour) and
// per 30-second burst window. Fields are zero when the response did not
// carry the headers; HourlyKnown and BurstKnown tell.
type RateLimit struct {
	// Limit is the hourly quota (X-RateLimit-Limit), 3000 calls by default.
	Limit int
	// Remaining is how many calls are left this hour (X-RateLimit-Remaining).
	Remaining int
	// Reset is when the hourly window resets (X-RateLimit-Reset).
	Reset time.Time
	// BurstLimit is the 30-second quota (X-BurstLimit-Limit).
	BurstLimit int
	// BurstRemaining is how many calls are left in the current 30-second
	// window (X-BurstLimit-Remaining).
	BurstRemaining int
}

// HourlyKnown reports whether the hourly fields were present and valid.
func (r RateLimit) HourlyKnown() bool { return r.Limit > 0 }

// BurstKnown reports whether the burst fields were present and valid.
func (r RateLimit) BurstKnown() bool { return r.BurstLimit > 0 }

// exhaustedUntil returns the reset time when the hourly quota is known to be
// used up at now, and the zero time otherwise. A reset more than an hour
// ahead cannot be an hourly window and is capped there.
func (r RateLimit) exhaustedUntil(now time.Time) time.Time {
	if !r.HourlyKnown() || r.Remaining > 0 || !r.Reset.After(now) {
		return time.Time{}
	}
	if limit := now.Add(time.Hour); r.Reset.After(limit) {
		return limit
	}
	return r.Reset
}

// parseRateLimit reads the X-RateLimit-* and X-BurstLimit-* headers. The
// hourly triple and the burst pair are each taken whole or not at all, so a
// missing header never reads as a zero quota.
func parseRateLimit(h http.Header) RateLimit {
	var r RateLimit
	limit, ok1 := headerInt(h, "X-RateLimit-Limit")
	remaining, ok2 := headerInt(h, "X-RateLimit-Remaining")
	reset, ok3 := headerInt(h, "X-RateLimit-Reset")
	if ok1 && ok2 && ok3 && limit > 0 && reset > 0 {
		r.Limit, r.Remaining, r.Reset = limit, remaining, time.Unix(int64(reset), 0)
	}
	burst, ok4 := headerInt(h, "X-BurstLimit-Limit")
	burstLeft, ok5 := headerInt(h, "X-BurstLimit-Remaining")
	if ok4 && ok5 && burst > 0 {
		r.BurstLimit, r.BurstRemaining = burst, burstLeft
	}
	return r
}

func headerInt(h http.Header, key string) (int, bool) {
	v := strings.TrimSpace(h.Get(key))
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}
