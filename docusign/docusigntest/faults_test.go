package docusigntest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestFaultFailsTheNextMatchingRequests(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	tok := jwtToken(t, srv)
	srv.InjectFault(docusigntest.Fault{Method: "POST", Path: "/envelopes", Times: 2,
		Status: http.StatusServiceUnavailable})
	status, _, _ := raw(t, srv, tok, http.MethodGet, "/envelopes?from_date=2020-01-01", "", nil)
	assert.Equal(t, http.StatusOK, status, "another method is not matched")
	for range 2 {
		status, h, body := raw(t, srv, tok, http.MethodPost, "/envelopes", "application/json",
			jsonBody(t, definition("sent")))
		assert.Equal(t, http.StatusServiceUnavailable, status)
		code, _ := apiErr(t, body)
		assert.Equal(t, "UNSPECIFIED_ERROR", code)
		assert.NotEmpty(t, h.Get("X-DocuSign-TraceToken"))
	}
	status, _, _ = raw(t, srv, tok, http.MethodPost, "/envelopes", "application/json",
		jsonBody(t, definition("sent")))
	assert.Equal(t, http.StatusCreated, status)
	assert.Equal(t, 1, srv.CreateCount())
}

func TestFaultDropsTheConnectionBeforeOrAfterTheEffect(t *testing.T) {
	t.Parallel()
	for _, after := range []bool{false, true} {
		srv := newServer(t)
		c := client(t, srv)
		srv.InjectFault(docusigntest.Fault{Method: "POST", Path: "/envelopes", Drop: true,
			AfterHandling: after})
		_, err := c.Do(context.Background(), http.MethodPost, "/envelopes",
			definition("sent"), nil)
		require.Error(t, err)
		want := 0
		if after {
			want = 1
		}
		assert.Equal(t, want, srv.CreateCount(), "AfterHandling=%v", after)
		reqs := srv.Requests()
		assert.Zero(t, reqs[len(reqs)-1].Status, "no answer was written")
	}
}

func TestFaultStatusAfterHandlingLeavesTheEnvelopeCreated(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	srv.InjectFault(docusigntest.Fault{Path: "/envelopes", Status: http.StatusBadGateway,
		AfterHandling: true})
	d := definition("sent")
	d["transactionId"] = "tx-lost-answer"
	_, err := c.Do(context.Background(), http.MethodPost, "/envelopes", d, nil)
	require.Error(t, err)
	require.Len(t, srv.Envelopes(), 1)
	assert.Equal(t, "tx-lost-answer", srv.Envelopes()[0].TransactionID)
}

func TestFaultDelayEndsWithTheClientsContext(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	srv.InjectFault(docusigntest.Fault{Path: "/envelopes*", Delay: time.Hour, Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, http.MethodGet, "/envelopes?from_date=2020-01-01", nil, nil)
	require.Error(t, err)
	srv.ClearFaults()
	_, err = c.Do(context.Background(), http.MethodGet, "/envelopes?from_date=2020-01-01",
		nil, nil)
	assert.NoError(t, err)
}

func TestSlowCreatesTakeEffectBeforeTheAnswer(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	srv.SlowCreates(time.Hour)
	// The deadline only has to outlast the connection set-up; the create
	// then waits an hour for its answer, and the deadline ends it.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := c.Do(ctx, http.MethodPost, "/envelopes", definition("sent"), nil)
	require.Error(t, err)
	assert.Equal(t, 1, srv.CreateCount())
}

func TestRequestsAreRecordedWithoutSecrets(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	tok := jwtToken(t, srv)
	raw(t, srv, tok, http.MethodGet, "/envelopes?from_date=2020-01-01", "", nil)
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	assert.Equal(t, "GET", last.Method)
	assert.Equal(t, "/restapi/v2.1/accounts/"+srv.Account().ID+"/envelopes", last.Path)
	assert.Equal(t, "from_date=2020-01-01", last.Query)
	assert.Equal(t, "Bearer [redacted]", last.Header.Get("Authorization"))
	assert.Equal(t, http.StatusOK, last.Status)
	for _, r := range reqs {
		assert.NotContains(t, r.Header.Get("Authorization"), tok)
		if r.Path == "/oauth/token" {
			assert.Nil(t, r.Body, "token forms carry secrets and are not kept")
		}
	}

	raw(t, srv, tok, http.MethodPost, "/envelopes", "application/json",
		jsonReader(`{"emailSubject":"kept","status":"created"}`))
	reqs = srv.Requests()
	assert.JSONEq(t, `{"emailSubject":"kept","status":"created"}`,
		string(reqs[len(reqs)-1].Body))
}
