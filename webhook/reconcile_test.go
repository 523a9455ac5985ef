package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// fakeConnectAPI serves the two endpoints a Reconciler calls, and records
// what was republished.
type fakeConnectAPI struct {
	t         *testing.T
	envelopes []map[string]string
	mu        sync.Mutex
	fromDates []string
	published [][]string
}

func (f *fakeConnectAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const prefix = "/restapi/v2.1/accounts/acct-1"
	assert.Equal(f.t, "Bearer token-1", r.Header.Get("Authorization"))
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && r.URL.Path == prefix+"/envelopes":
		f.fromDates = append(f.fromDates, r.URL.Query().Get("from_date"))
		_ = json.NewEncoder(w).Encode(map[string]any{
			"envelopes":     f.envelopes,
			"resultSetSize": fmt.Sprint(len(f.envelopes)),
			"totalSetSize":  fmt.Sprint(len(f.envelopes)),
			"startPosition": "0",
			"endPosition":   fmt.Sprint(len(f.envelopes) - 1),
		})
	case r.Method == http.MethodPut && r.URL.Path == prefix+"/connect/envelopes/retry_queue":
		var req struct {
			EnvelopeIDs []string `json:"envelopeIds"`
		}
		body, _ := io.ReadAll(r.Body)
		require.NoError(f.t, json.Unmarshal(body, &req), string(body))
		f.published = append(f.published, req.EnvelopeIDs)
		var results []map[string]string
		for _, id := range req.EnvelopeIDs {
			results = append(results, map[string]string{"envelopeId": id, "status": "queued"})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"retryQueue": results})
	default:
		http.Error(w, `{"errorCode":"INVALID_REQUEST_PARAMETER"}`, http.StatusBadRequest)
	}
}

func newFakeReconciler(t *testing.T, api *fakeConnectAPI) *Reconciler {
	t.Helper()
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	client, err := docusign.NewClient(oauth2.StaticTokenSource(&oauth2.Token{
		AccessToken: "token-1", TokenType: "Bearer"}),
		docusign.Account{ID: "acct-1", BaseURI: srv.URL}, docusign.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	r, err := NewReconciler(client)
	require.NoError(t, err)
	return r
}

func TestB7_LostEventsAreFoundAndRepublished(t *testing.T) {
	t.Parallel()
	api := &fakeConnectAPI{t: t, envelopes: []map[string]string{
		{"envelopeId": "env-done", "status": "completed",
			"statusChangedDateTime": "2025-03-04T10:00:00.0000000Z"},
		{"envelopeId": "env-known", "status": "sent",
			"statusChangedDateTime": "2025-03-04T09:00:00.0000000Z"},
		{"envelopeId": "env-new", "status": "delivered",
			"statusChangedDateTime": "2025-03-04T11:00:00.0000000Z"},
	}}
	r := newFakeReconciler(t, api)

	// What the host stored from the deliveries that did arrive.
	stored := map[string]envelope.StatusUpdate{
		"env-done":  {Status: envelope.StatusSent, At: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)},
		"env-known": {Status: envelope.StatusSent, At: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)},
	}
	since := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	results, err := r.Reconcile(context.Background(), since, func(env envelope.Envelope) bool {
		return env.StatusUpdate().Supersedes(stored[env.EnvelopeID])
	})
	require.NoError(t, err)

	require.Len(t, api.fromDates, 1)
	from, err := time.Parse(time.RFC3339Nano, api.fromDates[0])
	require.NoError(t, err, api.fromDates[0])
	assert.True(t, from.Equal(since))
	assert.Equal(t, [][]string{{"env-done", "env-new"}}, api.published,
		"only what the host missed, in one retry_queue call")
	assert.Equal(t, []RepublishResult{
		{EnvelopeID: "env-done", Status: "queued"}, {EnvelopeID: "env-new", Status: "queued"},
	}, results)
}

func TestReconciler_RepublishBatchesAndReportsErrors(t *testing.T) {
	t.Parallel()
	api := &fakeConnectAPI{t: t}
	r := newFakeReconciler(t, api)
	ids := make([]string, MaxRepublishBatch+5)
	for i := range ids {
		ids[i] = fmt.Sprintf("env-%d", i)
	}
	results, err := r.Republish(context.Background(), ids...)
	require.NoError(t, err)
	assert.Len(t, results, len(ids))
	require.Len(t, api.published, 2)
	assert.Len(t, api.published[0], MaxRepublishBatch)
	assert.Len(t, api.published[1], 5)

	results, err = r.Republish(context.Background())
	assert.NoError(t, err)
	assert.Empty(t, results)
	assert.Len(t, api.published, 2, "nothing to republish sends nothing")

	_, err = NewReconciler(nil)
	assert.Error(t, err)
}

func TestReconciler_ListingErrorStopsBeforeRepublishing(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.NotEqual(t, http.MethodPut, r.Method, "nothing republished")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"errorCode":"INVALID_REQUEST_PARAMETER","message":"bad date"}`)
	}))
	defer srv.Close()
	client, err := docusign.NewClient(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}),
		docusign.Account{ID: "acct-1", BaseURI: srv.URL}, docusign.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	r, err := NewReconciler(client)
	require.NoError(t, err)
	all := func(envelope.Envelope) bool { return true }
	_, err = r.Reconcile(context.Background(), time.Now(), all)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "INVALID_REQUEST_PARAMETER"), err.Error())
}
