package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/esignkit/docusign-go/envelope"
)

func TestBoardNeverMovesTheShownStatusBackwards(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)
	at := func(s envelope.Status, d time.Duration) report {
		return report{source: "Connect " + string(s), hasStatus: true,
			update: envelope.StatusUpdate{Status: s, At: t0.Add(d)}}
	}
	tests := []struct {
		name    string
		reports []report
		want    envelope.Status
		printed string
	}{
		{"in order", []report{at("sent", 0), at("delivered", time.Second),
			at("completed", 2*time.Second)}, "completed", "status completed"},
		{"a late delivered after completed is ignored", []report{at("sent", 0),
			at("completed", 2*time.Second), at("delivered", time.Second)}, "completed",
			"says delivered, which is not newer than the completed shown; ignored"},
		{"a redelivered sent changes nothing", []report{at("sent", 0), at("sent", 0)},
			"sent", "says sent, which is not newer than the sent shown; ignored"},
		{"a recipient event without status keeps the status", []report{at("sent", 0),
			{source: "Connect recipient-completed", detail: "Ann Lee signed"}}, "sent",
			"Connect recipient-completed: Ann Lee signed."},
		{"the same status, newer, is not announced twice", []report{at("delivered", 0),
			{source: "Connect recipient-completed", detail: "Ann Lee signed", hasStatus: true,
				update: envelope.StatusUpdate{Status: "delivered", At: t0.Add(time.Second)}}},
			"delivered", "Ann Lee signed; status still delivered."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			b := &board{p: &printer{w: &out}}
			for _, r := range tt.reports {
				b.apply(r)
			}
			assert.Equal(t, tt.want, b.shown.Status)
			assert.Contains(t, out.String(), tt.printed)
		})
	}
}

func TestMeaningSpeaksOfPendingUntilSigned(t *testing.T) {
	t.Parallel()
	assert.Contains(t, meaning(envelope.StatusSent), "pending")
	assert.Contains(t, meaning(envelope.StatusDelivered), "pending")
	assert.Contains(t, meaning(envelope.StatusCompleted), "signed PDF is ready")
	assert.Equal(t, "final", meaning(envelope.StatusDeleted))
	assert.Equal(t, "in progress", meaning(envelope.Status("someday")))
}
