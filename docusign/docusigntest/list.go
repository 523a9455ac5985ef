package docusigntest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	defaultListCount = 100
	maxListCount     = 1000
)

type envelopesInformation struct {
	ResultSetSize string        `json:"resultSetSize"`
	TotalSetSize  string        `json:"totalSetSize"`
	StartPosition string        `json:"startPosition"`
	EndPosition   string        `json:"endPosition"`
	NextURI       string        `json:"nextUri"`
	PreviousURI   string        `json:"previousUri"`
	Envelopes     []envelopeOut `json:"envelopes,omitempty"`
}

// listFilter is a parsed listStatusChanges query.
type listFilter struct {
	from, to       time.Time
	fromToStatus   string
	statuses       []string
	envelopeIDs    []string
	transactionIDs []string
	fieldName      string
	fieldValue     string
	count, start   int
	desc           bool
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request, acct *account) {
	q := r.URL.Query()
	f, aerr := s.parseListFilter(q)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	inc := parseIncludes(q.Get("include"))
	s.mu.Lock()
	var matched []*envelope
	for _, e := range s.order {
		if e.accountID == acct.ID && f.match(e) {
			matched = append(matched, e)
		}
	}
	slices.SortStableFunc(matched, func(a, b *envelope) int {
		return a.statusChanged.Compare(b.statusChanged)
	})
	if f.desc {
		slices.Reverse(matched)
	}
	total := len(matched)
	page := matched[min(f.start, total):min(f.start+f.count, total)]
	out := envelopesInformation{TotalSetSize: strconv.Itoa(total),
		ResultSetSize: strconv.Itoa(len(page)), StartPosition: strconv.Itoa(f.start),
		EndPosition: strconv.Itoa(max(f.start+len(page)-1, 0))}
	for _, e := range page {
		out.Envelopes = append(out.Envelopes, s.renderEnvelope(e, inc, formatTime))
	}
	s.mu.Unlock()
	if next := f.start + len(page); next < total && len(page) > 0 {
		out.NextURI = pageURI(q, next)
	}
	if f.start > 0 {
		out.PreviousURI = pageURI(q, max(f.start-f.count, 0))
	}
	writeJSON(w, http.StatusOK, out)
}

// pageURI is the account-relative URI of another page of the same query.
func pageURI(q url.Values, start int) string {
	v := url.Values{}
	for k, vals := range q {
		v[k] = vals
	}
	v.Set("start_position", strconv.Itoa(start))
	return "/envelopes?" + v.Encode()
}

func (s *Server) parseListFilter(q url.Values) (*listFilter, *apiError) {
	f := &listFilter{count: defaultListCount, to: s.now(),
		fromToStatus:   strings.ToLower(q.Get("from_to_status")),
		envelopeIDs:    splitList(q.Get("envelope_ids")),
		transactionIDs: splitList(q.Get("transaction_ids")),
		desc:           strings.EqualFold(q.Get("order"), "desc")}
	if f.fromToStatus == "" {
		f.fromToStatus = "changed"
	}
	for _, st := range splitList(strings.ToLower(q.Get("status"))) {
		if st != "any" {
			f.statuses = append(f.statuses, st)
		}
	}
	from := q.Get("from_date")
	switch {
	case from != "":
		t, ok := parseDate(from)
		if !ok {
			return nil, invalidParameter("Invalid value for from_date: " + from + ".")
		}
		f.from = t
	case len(f.envelopeIDs) == 0 && len(f.transactionIDs) == 0:
		return nil, invalidParameter("A value was not found for parameter 'from_date'. " +
			"from_date is required unless envelope_ids or transaction_ids is given.")
	}
	if to := q.Get("to_date"); to != "" {
		t, ok := parseDate(to)
		if !ok {
			return nil, invalidParameter("Invalid value for to_date: " + to + ".")
		}
		f.to = t
	}
	if cf := q.Get("custom_field"); cf != "" {
		name, value, ok := strings.Cut(cf, "=")
		if !ok {
			return nil, invalidParameter("custom_field must be name=value.")
		}
		f.fieldName, f.fieldValue = name, value
	}
	var aerr *apiError
	if f.count, aerr = intParam(q, "count", defaultListCount, 1, maxListCount); aerr != nil {
		return nil, aerr
	}
	if f.start, aerr = intParam(q, "start_position", 0, 0, 1<<30); aerr != nil {
		return nil, aerr
	}
	return f, nil
}

func intParam(q url.Values, name string, def, lo, hi int) (int, *apiError) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, invalidParameter("Invalid value for " + name + ": " + v + ".")
	}
	return n, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseDate accepts the date forms clients send: RFC 3339 (with or without
// fraction or offset), a bare date, and US month/day/year.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999",
		"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02", "01/02/2006 15:04:05",
		"01/02/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (f *listFilter) match(e *envelope) bool {
	if len(f.envelopeIDs) > 0 && !slices.Contains(f.envelopeIDs, e.id) {
		return false
	}
	if len(f.transactionIDs) > 0 && !slices.Contains(f.transactionIDs, e.transactionID) {
		return false
	}
	if len(f.statuses) > 0 && !slices.Contains(f.statuses, e.status) {
		return false
	}
	if f.fieldName != "" && !e.hasField(f.fieldName, f.fieldValue) {
		return false
	}
	if f.from.IsZero() {
		return true
	}
	at := e.timeFor(f.fromToStatus)
	return !at.IsZero() && !at.Before(f.from) && !at.After(f.to)
}

// timeFor is the time an envelope reached the from_to_status state.
func (e *envelope) timeFor(state string) time.Time {
	switch state {
	case "created":
		return e.created
	case "sent":
		return e.sent
	case "delivered":
		return e.delivered
	case "signed", "completed":
		return e.completed
	case "declined":
		return e.declined
	case "voided":
		return e.voided
	}
	return e.statusChanged
}

func (e *envelope) hasField(name, value string) bool {
	for _, f := range slices.Concat(e.textFields, e.listFields) {
		if strings.EqualFold(string(f.Name), name) && string(f.Value) == value {
			return true
		}
	}
	return false
}
