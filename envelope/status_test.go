package envelope

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStatusIgnoresCase(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Status{
		"completed": StatusCompleted, "Completed": StatusCompleted, " SENT ": StatusSent,
		"TimedOut": StatusTimedOut, "Draft": StatusCreated, "Voided": StatusVoided,
		"SomethingNew": Status("somethingnew"),
	} {
		assert.Equal(t, want, ParseStatus(in), in)
	}
	var s Status
	require.NoError(t, json.Unmarshal([]byte(`"Delivered"`), &s))
	assert.Equal(t, StatusDelivered, s)
	assert.Equal(t, RecipientFaxPending, ParseRecipientStatus("faxPending"))
}

func TestStatusIsFinal(t *testing.T) {
	t.Parallel()
	final := []Status{StatusCompleted, StatusDeclined, StatusVoided, StatusTimedOut,
		StatusDeleted, StatusAuthoritativeCopy, StatusTransferCompleted}
	open := []Status{StatusProcessing, StatusCreated, StatusSent, StatusCorrect,
		StatusDelivered, StatusSigned, StatusTemplate, "", "somethingnew"}
	for _, s := range final {
		assert.True(t, s.IsFinal(), s)
		assert.True(t, s.Known(), s)
	}
	for _, s := range open {
		assert.False(t, s.IsFinal(), s)
	}
	assert.False(t, Status("somethingnew").Known())
	assert.True(t, RecipientDeclined.IsFinal())
	assert.False(t, RecipientSigned.IsFinal())
}

func TestStatusUpdateSupersedes(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
	t1, t2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
	at := func(s Status, tm time.Time) StatusUpdate { return StatusUpdate{Status: s, At: tm} }
	tests := []struct {
		name       string
		update     StatusUpdate
		stored     StatusUpdate
		supersedes bool
	}{
		{"anything replaces nothing", at(StatusSent, t0), StatusUpdate{}, true},
		{"nothing replaces nothing", StatusUpdate{}, StatusUpdate{}, false},
		{"an empty update replaces nothing", StatusUpdate{At: t2}, at(StatusSent, t0), false},
		{"delivered after sent", at(StatusDelivered, t1), at(StatusSent, t0), true},
		{"completed after delivered", at(StatusCompleted, t2), at(StatusDelivered, t1), true},
		{"late delivered never undoes completed", at(StatusDelivered, t1),
			at(StatusCompleted, t2), false},
		{"a newer but lower status does not move back", at(StatusSent, t2),
			at(StatusDelivered, t1), false},
		{"a higher status wins even with an older time", at(StatusCompleted, t0),
			at(StatusDelivered, t1), true},
		{"voided after sent", at(StatusVoided, t1), at(StatusSent, t0), true},
		{"voided after delivered", at(StatusVoided, t2), at(StatusDelivered, t1), true},
		{"sent never replaces voided", at(StatusSent, t2), at(StatusVoided, t1), false},
		{"declined does not replace an earlier completed", at(StatusDeclined, t2),
			at(StatusCompleted, t1), false},
		{"an earlier declined replaces a later completed", at(StatusDeclined, t0),
			at(StatusCompleted, t1), true},
		{"a final status without a time does not replace another", StatusUpdate{
			Status: StatusDeclined}, at(StatusCompleted, t1), false},
		{"deleted after completed", at(StatusDeleted, t0), at(StatusCompleted, t1), true},
		{"completed never replaces deleted", at(StatusCompleted, t2), at(StatusDeleted, t1), false},
		{"the same status newer", at(StatusSent, t1), at(StatusSent, t0), true},
		{"the same status again is a duplicate", at(StatusSent, t0), at(StatusSent, t0), false},
		{"the same status older", at(StatusSent, t0), at(StatusSent, t1), false},
		{"equal rank: correct after sent, newer", at(StatusCorrect, t1), at(StatusSent, t0), true},
		{"equal rank: sent after correct, older", at(StatusSent, t0), at(StatusCorrect, t1), false},
		{"a timed update replaces an untimed one of its rank", at(StatusSent, t0),
			StatusUpdate{Status: StatusSent}, true},
		{"an untimed update does not replace a timed one", StatusUpdate{Status: StatusSent},
			at(StatusSent, t0), false},
		{"an unknown status after sent, newer", at("somethingnew", t1), at(StatusSent, t0), true},
		{"an unknown status after sent, older", at("somethingnew", t0), at(StatusSent, t1), false},
		{"an unknown status never replaces a final one", at("somethingnew", t2),
			at(StatusCompleted, t1), false},
		{"a final status replaces an unknown one", at(StatusCompleted, t0),
			at("somethingnew", t1), true},
		{"legacy XML capitals through ParseStatus", at(ParseStatus("Completed"), t1),
			at(ParseStatus("Delivered"), t0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.supersedes, tt.update.Supersedes(tt.stored))
		})
	}
}
