package docusigntest

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// TestAnswersUseOnlyPropertiesDocuSignDefines holds the fake's own answers
// to the table it holds requests to: every property it writes exists in
// DocuSign's model for that answer, so a misspelt field in the fake fails
// here instead of teaching clients the wrong name.
func TestAnswersUseOnlyPropertiesDocuSignDefines(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e := &envelope{id: newGUID(), accountID: srv.Account().ID, status: statusCompleted,
		subject: "s", blurb: "b", transactionID: "tx", voidedReason: "r", created: now,
		sent: now, delivered: now, completed: now, declined: now, voided: now,
		statusChanged: now, lastModified: now,
		documents: []*document{{id: "1", guid: newGUID(), name: "a.pdf", ext: "pdf",
			order: 1, size: 3, data: []byte("abc")}},
		recipients: []*recipient{
			{kind: "signer", id: "1", guid: newGUID(), name: "n", email: "e@x.example",
				clientUserID: "c", routingOrder: 1, note: "x", status: statusCompleted,
				declineReason: "d", tabs: []byte(`{"signHereTabs":[]}`), sent: now,
				delivered: now, signed: now, declined: now},
			{kind: "carboncopy", id: "2", guid: newGUID(), name: "m", email: "m@x.example",
				routingOrder: 2, status: statusCompleted},
		},
		textFields: []customFieldIn{{Name: "k", Value: "v"}},
		listFields: []customFieldIn{{Name: "l", Value: "w", ListItems: []string{"w"}}},
	}
	all := includes{recipients: true, documents: true, customFields: true}
	out := srv.renderEnvelope(e, all, formatTime)
	out.EnvelopeDocuments = renderDocuments(e, true)
	answers := map[string]any{
		"envelope":           out,
		"EnvelopeRecipients": renderRecipients(e, formatTime),
		"envelopeSummary": envelopeSummary{EnvelopeID: e.id, URI: "/envelopes/" + e.id,
			StatusDateTime: formatTime(now), Status: e.status},
		"envelopesInformation": envelopesInformation{ResultSetSize: "1", TotalSetSize: "1",
			StartPosition: "0", EndPosition: "0", NextURI: "", PreviousURI: "",
			Envelopes: []envelopeOut{out}},
		"envelopeDocumentsResult": map[string]any{"envelopeId": e.id,
			"envelopeDocuments": renderDocuments(e, true)},
		"viewUrl":               viewURL{URL: "https://x.example"},
		"envelopeUpdateSummary": map[string]string{"envelopeId": e.id},
	}
	for model, v := range answers {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if aerr := checkStrict(data, model); aerr != nil {
			t.Errorf("%s: %s", model, aerr.message)
		}
	}
}

// TestConnectMessagesUseOnlyFieldsOfTheSIMSchema checks a JSON SIM message
// with every include against the fields of DocuSign's Connect schema
// instance and of a real capture (the schema lacks some the capture has),
// and a message without includes against a real minimal capture.
func TestConnectMessagesUseOnlyFieldsOfTheSIMSchema(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	now := time.Now()
	e := &envelope{id: newGUID(), accountID: srv.Account().ID, status: statusCompleted,
		subject: "s", created: now, sent: now, completed: now, statusChanged: now,
		lastModified: now,
		documents: []*document{{id: "1", guid: newGUID(), name: "a.pdf", order: 1,
			data: []byte("%PDF-")}},
		recipients: []*recipient{{kind: "signer", id: "1", guid: newGUID(), name: "n",
			email: "e@x.example", routingOrder: 1, status: statusCompleted, signed: now}},
		textFields: []customFieldIn{{Name: "k", Value: "v"}},
	}
	full := &sink{configID: 1, includeData: includes{true, true, true}}
	srv.mu.Lock()
	msg := srv.newMessage(full, e, "recipient-completed", e.recipients[0]).body(2)
	bare := srv.newMessage(&sink{configID: 1}, e, "recipient-completed", e.recipients[0]).body(0)
	srv.mu.Unlock()

	for _, c := range []struct {
		body  []byte
		files []string
	}{
		{msg, []string{"connect-sim.schema-v2.json", "json-sim-envelope-completed-full.json"}},
		{bare, []string{"json-sim-recipient-completed-minimal.json"}},
	} {
		var known any
		for _, f := range c.files {
			raw, err := os.ReadFile("testdata/" + f)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatal(err)
			}
			known = merge(known, v)
		}
		var got any
		if err := json.Unmarshal(c.body, &got); err != nil {
			t.Fatal(err)
		}
		for _, p := range unknownPaths(got, known, "") {
			t.Errorf("%s is in none of %v", p, c.files)
		}
	}
}

// merge unions two JSON trees' object keys; arrays merge their elements
// into one.
func merge(a, b any) any {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		for k, v := range bm {
			am[k] = merge(am[k], v)
		}
		return am
	}
	aa, aok := a.([]any)
	ba, bok := b.([]any)
	if aok && bok {
		var el any
		for _, v := range append(aa, ba...) {
			el = merge(el, v)
		}
		return []any{el}
	}
	if a == nil {
		if arr, ok := b.([]any); ok && len(arr) > 1 {
			return merge([]any{}, arr)
		}
		return b
	}
	return a
}

// unknownPaths lists the object keys of got that want lacks, comparing
// arrays by their first element.
func unknownPaths(got, want any, path string) []string {
	var out []string
	switch g := got.(type) {
	case map[string]any:
		w, ok := want.(map[string]any)
		if !ok {
			return nil
		}
		for k, v := range g {
			wv, ok := w[k]
			if !ok {
				out = append(out, path+"."+k)
				continue
			}
			out = append(out, unknownPaths(v, wv, path+"."+k)...)
		}
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) == 0 {
			return nil
		}
		for _, v := range g {
			out = append(out, unknownPaths(v, w[0], path+"[]")...)
		}
	}
	return out
}
