package envelope

import (
	"encoding/json"
	"testing"
)

func BenchmarkDecodeConnectEnvelope(b *testing.B) {
	var msg struct {
		Data struct {
			EnvelopeSummary json.RawMessage `json:"envelopeSummary"`
		} `json:"data"`
	}
	if err := json.Unmarshal(readTestdata(b, "json-sim-envelope-completed-full.json"), &msg); err != nil {
		b.Fatal(err)
	}
	raw := msg.Data.EnvelopeSummary
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var e Envelope
		if err := json.Unmarshal(raw, &e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeDefinition(b *testing.B) {
	def := validDefinition()
	def.EventNotification = NewEventNotification("https://hooks.example.com/docusign")
	def.CustomFields.TextCustomFields = []TextCustomField{{Name: "contractId", Value: "C-14"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(def); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	def := validDefinition()
	def.Recipients.CarbonCopies = []CarbonCopy{{RecipientID: "2", Name: "Bo", Email: "bo@example.com"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := def.Validate(Rules{}); err != nil {
			b.Fatal(err)
		}
	}
}
