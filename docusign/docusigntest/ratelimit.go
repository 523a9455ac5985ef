package docusigntest

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// quotaState counts API calls in DocuSign's two windows: the hour (reset on
// the hour, not rolling) and a 30-second burst window (fixed windows here;
// DocuSign's is sliding).
type quotaState struct {
	hourStart  time.Time
	hourUsed   int
	burstStart time.Time
	burstUsed  int
}

const burstWindow = 30 * time.Second

// quotaAllows counts an API call (rest) against the quotas, sets the
// rate-limit headers on every response and answers a refused call itself.
func (s *Server) quotaAllows(w http.ResponseWriter, rest bool) bool {
	now := s.now()
	s.mu.Lock()
	q := &s.quota
	if hour := now.Truncate(time.Hour); !hour.Equal(q.hourStart) {
		q.hourStart, q.hourUsed = hour, 0
	}
	if now.Sub(q.burstStart) >= burstWindow {
		q.burstStart, q.burstUsed = now, 0
	}
	hourly, burst := s.cfg.hourlyLimit, s.cfg.burstLimit
	var refused string
	switch {
	case !rest:
	case hourly > 0 && q.hourUsed >= hourly:
		refused = "HOURLY_APIINVOCATION_LIMIT_EXCEEDED"
	case burst > 0 && q.burstUsed >= burst:
		refused = "BURST_APIINVOCATION_LIMIT_EXCEEDED"
	default:
		q.hourUsed++
		q.burstUsed++
	}
	hourLeft, burstLeft := remaining(hourly, q.hourUsed), remaining(burst, q.burstUsed)
	reset, burstReset := q.hourStart.Add(time.Hour), q.burstStart.Add(burstWindow)
	s.mu.Unlock()
	h := w.Header()
	if hourly > 0 {
		h.Set("X-RateLimit-Limit", strconv.Itoa(hourly))
		h.Set("X-RateLimit-Remaining", strconv.Itoa(hourLeft))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	}
	if burst > 0 {
		h.Set("X-BurstLimit-Limit", strconv.Itoa(burst))
		h.Set("X-BurstLimit-Remaining", strconv.Itoa(burstLeft))
	}
	switch refused {
	case "":
		return true
	case "HOURLY_APIINVOCATION_LIMIT_EXCEEDED":
		s.refuseQuota(w, refused, fmt.Sprintf("The maximum number of hourly API "+
			"invocations has been exceeded. The hourly limit is %d.", hourly), reset.Sub(now))
	default:
		s.refuseQuota(w, refused, fmt.Sprintf("The maximum number of burst API "+
			"invocations has been exceeded. The burst limit is %d.", burst),
			burstReset.Sub(now))
	}
	return false
}

func (s *Server) refuseQuota(w http.ResponseWriter, code, msg string, wait time.Duration) {
	if s.cfg.limitStatus == http.StatusTooManyRequests {
		secs := int((wait + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	}
	writeError(w, s.cfg.limitStatus, code, msg)
}

func remaining(limit, used int) int { return max(limit-used, 0) }
