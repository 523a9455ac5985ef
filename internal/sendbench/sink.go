package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
)

// sink is the local server the benchmark sends to: it reads each request
// to the end, discards it, and answers as DocuSign answers a create. It
// runs in the parent process, so the children's memory is the client's
// alone.
type sink struct {
	*httptest.Server
	received atomic.Int64 // body bytes of the last request
}

func newSink() *sink {
	s := &sink{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		s.received.Store(n)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"envelopeId":"bench-1","status":"sent",`+
			`"statusDateTime":"2025-08-31T22:01:23.9770000Z","uri":"/envelopes/bench-1"}`)
	}))
	return s
}
