package envelope

import (
	"encoding/json"
	"testing"
	"time"
)

func FuzzEnvelopeDecode(f *testing.F) {
	for _, name := range []string{"envelope_get_200.docusign_elixir.json",
		"envelope_create_201.docusign_elixir.json"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte(`{"recipients":{"signers":[{"routingOrder":null,"tabs":{"textTabs":[{}]}}]}}`))
	f.Add([]byte(`{"expireAfter":"1e3","sentDateTime":7,"sender":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e Envelope
		if json.Unmarshal(data, &e) != nil {
			return
		}
		out, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("decoded but cannot encode: %v", err)
		}
		var again Envelope
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("cannot decode its own encoding %s: %v", out, err)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2025-08-31T22:01:23.9770000Z", "2022-09-22T15:19:24.5Z",
		"2020-03-28T23:56:33.873", "", "2025-08-31T22:01:23+02:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil {
			return
		}
		back, err := ParseTime(FormatTime(tm))
		if err != nil || !back.Equal(tm.Truncate(100*time.Nanosecond)) && !tm.IsZero() {
			t.Fatalf("%q: %v does not survive FormatTime (%v, %v)", s, tm, back, err)
		}
	})
}

// FuzzSupersedesIsAntisymmetric: of two updates, at most one supersedes
// the other, so no pair of deliveries can make a stored status flip-flop.
func FuzzSupersedesIsAntisymmetric(f *testing.F) {
	f.Add("sent", int64(0), "delivered", int64(60))
	f.Add("completed", int64(10), "declined", int64(5))
	f.Add("somethingnew", int64(0), "Completed", int64(0))
	f.Fuzz(func(t *testing.T, s1 string, t1 int64, s2 string, t2 int64) {
		at := func(sec int64) time.Time {
			if sec == 0 {
				return time.Time{}
			}
			return time.Unix(sec%1e10, 0)
		}
		a := StatusUpdate{Status: ParseStatus(s1), At: at(t1)}
		b := StatusUpdate{Status: ParseStatus(s2), At: at(t2)}
		if a.Supersedes(b) && b.Supersedes(a) {
			t.Fatalf("%+v and %+v supersede each other", a, b)
		}
		if b.Status.IsFinal() && !a.Status.IsFinal() && a.Supersedes(b) {
			t.Fatalf("%+v replaced the final %+v", a, b)
		}
	})
}
