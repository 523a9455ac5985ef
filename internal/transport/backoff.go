package transport

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff returns the wait before retry number attempt (0 for the first
// retry): a random duration between lo and lo·2^(attempt+1), capped at
// hi. The randomness spreads the retries of many clients that failed at the
// same moment; the floor at lo keeps every wait at least lo.
func Backoff(lo, hi time.Duration, attempt int) time.Duration {
	if hi < lo {
		hi = lo
	}
	ceiling := lo
	for i := 0; i <= attempt && ceiling > 0 && ceiling < hi; i++ {
		if ceiling > hi/2 {
			ceiling = hi
			break
		}
		ceiling *= 2
	}
	if ceiling > hi {
		ceiling = hi
	}
	if ceiling <= lo {
		return lo
	}
	return lo + rand.N(ceiling-lo+1)
}

// RetryAfter reads a Retry-After header, in seconds or as an HTTP date, as
// a wait from now. A date in the past means no wait. A negative or
// unreadable value reports false, so the caller falls back to its backoff.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(365*24*time.Hour/time.Second) {
			secs = int64(365 * 24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := at.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}
