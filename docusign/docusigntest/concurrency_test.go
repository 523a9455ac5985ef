package docusigntest_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// TestConcurrentCallersAreSafe runs creates, reads, signatures and
// deliveries at once under the race detector.
func TestConcurrentCallersAreSafe(t *testing.T) {
	t.Parallel()
	l := newListener(t)
	srv := newServer(t, l.roots())
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL, HMAC: true,
		IncludeData: []string{"recipients"}})
	assert.NoError(t, err)
	c := client(t, srv)
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			var s summary
			if _, err := c.Do(context.Background(), http.MethodPost, "/envelopes",
				definition("sent"), &s); err != nil {
				errs <- err
				return
			}
			if _, err := c.Do(context.Background(), http.MethodGet, "/envelopes/"+s.EnvelopeID,
				nil, nil); err != nil {
				errs <- err
				return
			}
			errs <- srv.Sign(s.EnvelopeID, "1")
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	waitDeliveries(t, srv)
	assert.Equal(t, n, srv.CreateCount())
	completed := 0
	for _, d := range srv.Deliveries() {
		if d.Event == "envelope-completed" {
			completed++
		}
	}
	assert.Equal(t, n, completed)
}
