package e2e

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
)

// offsetClock is the fake's clock: real time moved ahead on demand, so
// that envelopes can be made "later" without waiting. Moving it minutes
// ahead stays inside the JWT grant's checks and the token's hour.
type offsetClock struct{ offset atomic.Int64 }

func (c *offsetClock) now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}

func (c *offsetClock) advance(d time.Duration) { c.offset.Add(int64(d)) }

// ListStatusChanges walks every page (Count sets the page size), and the
// from_date and status filters reach the fake as DocuSign reads them.
func TestListStatusChangesPagesAndFilters(t *testing.T) {
	t.Parallel()
	var clock offsetClock
	srv := startFake(t, docusigntest.WithClock(clock.now))
	svc := newService(t, srv)
	create := func(n int, prefix string) []string {
		var ids []string
		for i := range n {
			sum, err := svc.Create(t.Context(), oneSigner(fmt.Sprintf("%s %d", prefix, i)))
			require.NoError(t, err)
			ids = append(ids, sum.EnvelopeID)
		}
		return ids
	}
	start := clock.now()
	early := create(4, "Early")
	clock.advance(10 * time.Minute)
	since := clock.now()
	late := create(5, "Late")
	voided := late[:2]
	for _, id := range voided {
		require.NoError(t, svc.Void(t.Context(), id, "Withdrawn"))
	}
	all := slices.Concat(early, late)

	gets := len(requestsTo(srv, http.MethodGet, "/envelopes"))
	got := list(t, svc, envelope.ListOptions{FromDate: start.Add(-time.Minute), Count: 4})
	assert.ElementsMatch(t, all, got)
	assert.Len(t, got, len(all), "each envelope once")
	pages := requestsTo(srv, http.MethodGet, "/envelopes")[gets:]
	require.Len(t, pages, 3, "9 envelopes in pages of 4")
	for i, p := range pages {
		q, err := url.ParseQuery(p.Query)
		require.NoError(t, err)
		assert.Equal(t, "4", q.Get("count"), "page %d", i)
		assert.Equal(t, fmt.Sprint(4*i), cmp.Or(q.Get("start_position"), "0"), "page %d", i)
	}

	for _, tc := range []struct {
		name string
		opts envelope.ListOptions
		want []string
	}{
		{"changed since", envelope.ListOptions{FromDate: since}, late},
		{"voided", envelope.ListOptions{FromDate: start.Add(-time.Minute),
			Status: []envelope.Status{envelope.StatusVoided}}, voided},
		{"sent, paged", envelope.ListOptions{FromDate: start.Add(-time.Minute), Count: 2,
			Status: []envelope.Status{envelope.StatusSent}}, slices.Concat(early, late[2:])},
		{"sent since", envelope.ListOptions{FromDate: since,
			Status: []envelope.Status{envelope.StatusSent}}, late[2:]},
		{"nothing yet", envelope.ListOptions{FromDate: clock.now().Add(time.Minute)}, nil},
	} {
		assert.ElementsMatch(t, tc.want, list(t, svc, tc.opts), tc.name)
	}

	// Stopping the walk stops the requests.
	gets = len(requestsTo(srv, http.MethodGet, "/envelopes"))
	for _, err := range svc.ListStatusChanges(t.Context(),
		envelope.ListOptions{FromDate: start.Add(-time.Minute), Count: 1}) {
		require.NoError(t, err)
		break
	}
	assert.Len(t, requestsTo(srv, http.MethodGet, "/envelopes"), gets+1)
}

func list(t *testing.T, svc *envelope.Service, opts envelope.ListOptions) []string {
	t.Helper()
	var ids []string
	for env, err := range svc.ListStatusChanges(t.Context(), opts) {
		require.NoError(t, err)
		ids = append(ids, env.EnvelopeID)
	}
	return ids
}
