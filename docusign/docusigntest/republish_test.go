package docusigntest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestRetryQueueRepublishesTheCurrentStatus(t *testing.T) {
	t.Parallel()
	l, srv, c, id := signedWithListener(t)
	before, _ := l.got()
	missing := "00000000-0000-0000-0000-000000000000"

	var out struct {
		RetryQueue []struct{ EnvelopeID, Status, StatusMessage string } `json:"retryQueue"`
	}
	_, err := c.Do(t.Context(), http.MethodPut, "/connect/envelopes/retry_queue",
		map[string]any{"envelopeIds": []string{id, missing}}, &out)
	require.NoError(t, err)
	waitDeliveries(t, srv)

	require.Len(t, out.RetryQueue, 2)
	assert.Equal(t, id, out.RetryQueue[0].EnvelopeID)
	assert.Equal(t, "success", out.RetryQueue[0].Status)
	assert.Equal(t, "failed", out.RetryQueue[1].Status)
	assert.NotEmpty(t, out.RetryQueue[1].StatusMessage)
	after, heads := l.got()
	require.Len(t, after, len(before)+1, "one message again, for the one envelope")
	var m simMsg
	require.NoError(t, json.Unmarshal(after[len(after)-1], &m))
	assert.Equal(t, "envelope-completed", m.Event)
	assert.Equal(t, id, m.Data.EnvelopeID)
	assert.True(t, docusigntest.CheckSignature(after[len(after)-1], heads[len(heads)-1],
		srv.Credentials().HMACKey))

	_, err = c.Do(t.Context(), http.MethodPut, "/connect/envelopes/"+id+"/retry_queue", nil, &out)
	require.NoError(t, err)
	waitDeliveries(t, srv)
	again, _ := l.got()
	assert.Len(t, again, len(after)+1)

	_, err = c.Do(t.Context(), http.MethodPut, "/connect/envelopes/retry_queue",
		map[string]any{"envelope_ids": []string{id}}, nil)
	assert.ErrorContains(t, err, "INVALID_REQUEST_BODY", "a misspelled property is refused")
}

func TestDateHeaderFollowsTheFakesClock(t *testing.T) {
	t.Parallel()
	past := time.Now().Add(-10 * time.Minute).Truncate(time.Second).UTC()
	srv := newServer(t, docusigntest.WithClock(func() time.Time { return past }))
	resp, err := srv.Client().Get(srv.URL() + "/oauth/userinfo")
	require.NoError(t, err)
	resp.Body.Close()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	require.NoError(t, err)
	assert.Equal(t, past, date.UTC())
}
