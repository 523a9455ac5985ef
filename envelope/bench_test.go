package envelope

import (
	"encoding/json"
	"reflect"
	"testing"
)

// connectEnvelopeSummary returns the envelopeSummary of the real 4 KB
// Connect message, as written.
func connectEnvelopeSummary(b *testing.B) []byte {
	b.Helper()
	var msg struct {
		Data struct {
			EnvelopeSummary json.RawMessage `json:"envelopeSummary"`
		} `json:"data"`
	}
	raw := readTestdata(b, "json-sim-envelope-completed-full.json")
	if err := json.Unmarshal(raw, &msg); err != nil {
		b.Fatal(err)
	}
	return msg.Data.EnvelopeSummary
}

// BenchmarkDecodeConnectEnvelope decodes the envelopeSummary through
// encoding/json, as package webhook does: encoding/json checks the JSON
// and finds the value's end before calling UnmarshalJSON.
func BenchmarkDecodeConnectEnvelope(b *testing.B) {
	raw := connectEnvelopeSummary(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var e Envelope
		if err := json.Unmarshal(raw, &e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshalEnvelope measures the codec alone on the
// envelopeSummary, beside the first implementation (reference) and
// encoding/json decoding the same bytes into a map.
func BenchmarkUnmarshalEnvelope(b *testing.B) {
	raw := connectEnvelopeSummary(b)
	for _, bm := range []struct {
		name   string
		decode func([]byte) error
	}{
		{"codec", func(data []byte) error {
			var e Envelope
			return e.UnmarshalJSON(data)
		}},
		{"reference", func(data []byte) error {
			var e Envelope
			return refUnmarshalModel(data, &e)
		}},
		{"encoding-json-map", func(data []byte) error {
			var m map[string]any
			return json.Unmarshal(data, &m)
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if err := bm.decode(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchDefinition() Definition {
	def := validDefinition()
	def.EventNotification = NewEventNotification("https://hooks.example.com/docusign")
	def.CustomFields.TextCustomFields = []TextCustomField{{Name: "contractId", Value: "C-14"}}
	return *def
}

// BenchmarkEncodeDefinition encodes through encoding/json, which compacts
// what MarshalJSON returns.
func BenchmarkEncodeDefinition(b *testing.B) {
	def := benchDefinition()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(def); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalRequest measures what Create encodes on every send,
// beside the first implementation.
func BenchmarkMarshalRequest(b *testing.B) {
	def := benchDefinition()
	for name, marshal := range map[string]func(any, bool) ([]byte, error){
		"codec": encode, "reference": refEncode} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := marshal(def, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPlanDefinition measures building the plans that the first
// encode of a Definition in a process builds (the types it holds), and the
// decode plans of an envelope, as if no plan were cached.
func BenchmarkPlanDefinition(b *testing.B) {
	held := []reflect.Type{reflect.TypeFor[Definition](), reflect.TypeFor[Document](),
		reflect.TypeFor[Recipients](), reflect.TypeFor[Signer](), reflect.TypeFor[Tabs](),
		reflect.TypeFor[SignHere](), reflect.TypeFor[CustomFields](),
		reflect.TypeFor[TextCustomField](), reflect.TypeFor[EventNotification](),
		reflect.TypeFor[ConnectEventData]()}
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range held {
				newEncodePlan(t)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range held {
				newDecodePlan(t)
			}
		}
	})
}

func BenchmarkValidate(b *testing.B) {
	def := validDefinition()
	def.Recipients.CarbonCopies = []CarbonCopy{
		{RecipientID: "2", Name: "Bo", Email: "bo@example.com"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := def.Validate(Rules{}); err != nil {
			b.Fatal(err)
		}
	}
}
