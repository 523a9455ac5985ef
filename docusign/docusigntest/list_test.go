package docusigntest_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type listPage struct {
	ResultSetSize, TotalSetSize, StartPosition, EndPosition, NextURI, PreviousURI string
	Envelopes                                                                     []struct {
		EnvelopeID, Status, TransactionID string
	}
}

func TestListStatusChangesFiltersAndPages(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	ctx := context.Background()
	var ids []string
	for i, tx := range []string{"tx-a", "tx-b", "tx-c"} {
		d := definition("sent")
		d["transactionId"] = tx
		if i == 2 {
			d["status"] = "created"
		}
		ids = append(ids, create(t, c, d).EnvelopeID)
	}
	get := func(q url.Values) listPage {
		var p listPage
		_, err := c.Do(ctx, http.MethodGet, "/envelopes?"+q.Encode(), nil, &p)
		require.NoError(t, err)
		return p
	}

	_, err := c.Do(ctx, http.MethodGet, "/envelopes?status=sent", nil, nil)
	assertCode(t, err, 400, "INVALID_REQUEST_PARAMETER", "The request contained at least "+
		"one invalid parameter. A value was not found for parameter 'from_date'. from_date "+
		"is required unless envelope_ids or transaction_ids is given.")

	p := get(url.Values{"transaction_ids": {"tx-b"}})
	require.Len(t, p.Envelopes, 1)
	assert.Equal(t, ids[1], p.Envelopes[0].EnvelopeID)
	assert.Equal(t, "tx-b", p.Envelopes[0].TransactionID)

	p = get(url.Values{"envelope_ids": {ids[0] + "," + ids[2]}})
	assert.Equal(t, "2", p.TotalSetSize)

	p = get(url.Values{"from_date": {"2020-01-01T00:00:00Z"}, "status": {"sent"}})
	assert.Equal(t, "2", p.TotalSetSize)

	p = get(url.Values{"from_date": {"2020-01-01"}, "count": {"2"}})
	assert.Equal(t, []string{"2", "3", "0", "1"},
		[]string{p.ResultSetSize, p.TotalSetSize, p.StartPosition, p.EndPosition})
	require.NotEmpty(t, p.NextURI)
	assert.Empty(t, p.PreviousURI)
	var next listPage
	_, err = c.Do(ctx, http.MethodGet, p.NextURI, nil, &next)
	require.NoError(t, err, "nextUri is usable as a relative path")
	assert.Equal(t, []string{"1", "2", "2"},
		[]string{next.ResultSetSize, next.StartPosition, next.EndPosition})
	assert.Empty(t, next.NextURI)
	assert.Equal(t, ids[2], next.Envelopes[0].EnvelopeID)

	p = get(url.Values{"from_date": {"2999-01-01"}})
	assert.Equal(t, "0", p.ResultSetSize)
	assert.Empty(t, p.Envelopes)

	p = get(url.Values{"from_date": {"2020-01-01"}, "from_to_status": {"completed"}})
	assert.Equal(t, "0", p.TotalSetSize)
}

func TestListFiltersByCustomField(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	d := definition("sent")
	d["customFields"] = map[string]any{"textCustomFields": []any{
		map[string]any{"name": "Region", "value": "West"}}}
	id := create(t, c, d).EnvelopeID
	create(t, c, definition("sent"))
	var p listPage
	_, err := c.Do(context.Background(), http.MethodGet, "/envelopes?"+url.Values{
		"from_date": {"2020-01-01"}, "custom_field": {"Region=West"}}.Encode(), nil, &p)
	require.NoError(t, err)
	require.Len(t, p.Envelopes, 1)
	assert.Equal(t, id, p.Envelopes[0].EnvelopeID)
}
