package envelope

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return data
}

func TestEnvelopeDecodesRESTGetSample(t *testing.T) {
	t.Parallel()
	var e Envelope
	require.NoError(t, json.Unmarshal(readTestdata(t, "envelope_get_200.docusign_elixir.json"), &e))

	assert.Equal(t, "b24e6c1c-4269-4098-a84d-06d4c072a915", e.EnvelopeID)
	assert.Equal(t, StatusSent, e.Status)
	assert.Equal(t, time.Date(2025, 8, 31, 22, 1, 23, 977000000, time.UTC), e.SentDateTime)
	assert.Equal(t, 120, e.ExpireAfter)
	assert.True(t, e.ExpireEnabled)
	assert.False(t, e.AllowMarkup)
	assert.Empty(t, e.AnySigner, "null decodes as empty")
	assert.Equal(t, "Neil Berkman", e.Sender.UserName)
	assert.True(t, e.EnvelopeMetadata.AllowCorrect)
	assert.Equal(t, "/envelopes/b24e6c1c-4269-4098-a84d-06d4c072a915/documents/combined",
		e.DocumentsCombinedURI)
	assert.Equal(t, StatusUpdate{Status: StatusSent, At: e.SentDateTime}, e.StatusUpdate())
}

func TestEnvelopeDecodesConnectEnvelopeSummary(t *testing.T) {
	t.Parallel()
	var msg struct {
		Data struct {
			EnvelopeSummary Envelope `json:"envelopeSummary"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(readTestdata(t, "json-sim-envelope-completed-full.json"), &msg))
	e := msg.Data.EnvelopeSummary

	assert.Equal(t, StatusCompleted, e.Status)
	assert.Equal(t, time.Date(2022, 9, 22, 15, 22, 52, 920000000, time.UTC), e.CompletedDateTime)
	require.Len(t, e.Recipients.Signers, 1)
	s := e.Recipients.Signers[0]
	assert.Equal(t, "98969862", s.RecipientID)
	assert.Equal(t, 1, s.RoutingOrder)
	assert.Equal(t, RecipientCompleted, s.Status)
	assert.Equal(t, 1, s.CompletedCount)
	assert.Equal(t, "signer", s.RecipientType)
	assert.Equal(t, time.Date(2022, 9, 22, 15, 22, 52, 920000000, time.UTC), s.SignedDateTime)
	assert.Equal(t, 1, e.Recipients.RecipientCount)
	require.Len(t, e.EnvelopeDocuments, 2)
	doc := e.EnvelopeDocuments[0]
	assert.Equal(t, 1, doc.Order)
	assert.True(t, doc.IncludeInDownload)
	require.Len(t, doc.Pages, 1)
	assert.Equal(t, Page{PageID: "46635e9e-1ec3-44c5-84f1-0ce976c05215", Sequence: 1,
		Height: 842, Width: 595, DPI: 72}, doc.Pages[0])
	assert.Equal(t, "certificate", e.EnvelopeDocuments[1].DocumentID)
	assert.Equal(t, 999, e.EnvelopeDocuments[1].Order)
}

func TestScalarsDecodeEveryFormDocuSignWrites(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		json string
		want Signer
	}{
		{"quoted number", `{"routingOrder":"2"}`, Signer{RoutingOrder: 2}},
		{"bare number", `{"routingOrder":2}`, Signer{RoutingOrder: 2}},
		{"null number", `{"routingOrder":null}`, Signer{}},
		{"empty number", `{"routingOrder":""}`, Signer{}},
		{"quoted true", `{"canSignOffline":"true"}`, Signer{CanSignOffline: true}},
		{"capitalised True", `{"canSignOffline":"True"}`, Signer{CanSignOffline: true}},
		{"bare true", `{"canSignOffline":true}`, Signer{CanSignOffline: true}},
		{"quoted false", `{"canSignOffline":"false"}`, Signer{}},
		{"null bool", `{"canSignOffline":null}`, Signer{}},
		{"null string", `{"name":null}`, Signer{}},
		{"number as string field", `{"recipientId":98969862}`, Signer{RecipientID: "98969862"}},
		{"string keeps its spaces", `{"note":" hi "}`, Signer{Note: " hi "}},
		{"status in capitals", `{"status":"Completed"}`,
			Signer{RecipientState: RecipientState{Status: RecipientCompleted}}},
		{"REST time, 7 digits", `{"sentDateTime":"2025-08-31T22:01:23.9770000Z"}`,
			Signer{RecipientState: RecipientState{SentDateTime: time.Date(2025, 8, 31, 22, 1, 23,
				977000000, time.UTC)}}},
		{"Connect time, trimmed", `{"sentDateTime":"2022-09-22T15:19:24.5Z"}`,
			Signer{RecipientState: RecipientState{SentDateTime: time.Date(2022, 9, 22, 15, 19, 24,
				500000000, time.UTC)}}},
		{"time without zone is UTC", `{"sentDateTime":"2020-03-28T23:56:33.873"}`,
			Signer{RecipientState: RecipientState{SentDateTime: time.Date(2020, 3, 28, 23, 56, 33,
				873000000, time.UTC)}}},
		{"empty time", `{"sentDateTime":""}`, Signer{}},
		{"unknown names ignored", `{"futureField":{"a":[1]}}`, Signer{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got Signer
			require.NoError(t, json.Unmarshal([]byte(tt.json), &got))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestScalarsRejectGarbageNamingTheField(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{"routingOrder":"first"}`,
		`{"canSignOffline":"maybe"}`,
		`{"sentDateTime":"yesterday"}`,
		`{"name":{"first":"Ann"}}`,
	} {
		var s Signer
		err := json.Unmarshal([]byte(in), &s)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "Signer.", in)
	}
}

func TestDecodeErrorsNameEveryFieldOnTheWay(t *testing.T) {
	t.Parallel()
	tests := []struct{ json, want string }{
		{`{"recipients":{"signers":[{"routingOrder":"first"}]}}`,
			`decoding Envelope.recipients: decoding Recipients.signers: ` +
				`decoding Signer.routingOrder: "first" is not a number of this field's kind`},
		{`{"sender":"bob"}`, `decoding Envelope.sender: "bob" where an object belongs`},
		{`{"envelopeDocuments":{}}`, `decoding Envelope.envelopeDocuments: ` +
			`{ where an array belongs`},
		{`{"expireEnabled":"maybe"}`, `decoding Envelope.expireEnabled: "maybe" is not a boolean`},
		{`{"status":["sent"]}`, `decoding Envelope.status: [ where a single value belongs`},
		{`{"sentDateTime":"31/08/2025"}`, `decoding Envelope.sentDateTime: "31/08/2025" is ` +
			`not a DocuSign timestamp such as 2025-08-31T22:01:23.9770000Z`},
	}
	for _, tt := range tests {
		var e Envelope
		assert.EqualError(t, json.Unmarshal([]byte(tt.json), &e), tt.want)
	}
}

func TestDecodeErrorsQuoteAtMost40Characters(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("9", 100_000)
	for _, in := range []string{
		`{"recipients":{"signers":[{"routingOrder":"` + huge + `x"}]}}`,
		`{"expireEnabled":"` + huge + `"}`,
		`{"sentDateTime":"` + huge + `"}`,
		`{"sender":"` + huge + `"}`,
	} {
		var e Envelope
		err := json.Unmarshal([]byte(in), &e)
		require.Error(t, err)
		assert.Less(t, len(err.Error()), 250, "%.100s", err)
		assert.Contains(t, err.Error(), `"`+strings.Repeat("9", 40)+`"`, "%.100s", err)
	}
}

func TestDecodeRefusesMalformedJSONWithItsOffset(t *testing.T) {
	t.Parallel()
	const at = "decoding Envelope.emailSubject: malformed JSON at byte "
	tests := []struct{ json, want string }{
		{`{"emailSubject":tru}`, at + `16: unexpected 't', expecting true`},
		{"{\"emailSubject\":\"a\nb\"}", at + "18: control character in a string"},
		{`{"emailSubject":"\q"}`, at + `17: invalid escape \q`},
		{`{"emailSubject":"\u00G0"}`, at + `17: \u not followed by four hexadecimal digits`},
		{`{"emailSubject":"x`, at + "18: unterminated string"},
		{`{"emailSubject":01}`,
			`malformed JSON at byte 17: unexpected '1', expecting a comma or "}"`},
		{`{"emailSubject":"x",}`,
			`malformed JSON at byte 20: unexpected '}', expecting a member name`},
		{`{"emailSubject":"x"} {}`,
			`malformed JSON at byte 21: unexpected '{', expecting the end after the object`},
		{`{"unknown":[1,]}`, `malformed JSON at byte 14: unexpected ']', expecting a value`},
		{``, `malformed JSON at byte 0: unexpected end of input, expecting an object`},
	}
	for _, tt := range tests {
		var e Envelope
		assert.EqualError(t, e.UnmarshalJSON([]byte(tt.json)), tt.want, tt.json)
	}
}

func TestTriStateBool(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		json string
		want *bool
	}{
		{`{}`, nil},
		{`{"required":null}`, nil},
		{`{"required":""}`, nil},
		{`{"required":"false"}`, Bool(false)},
		{`{"required":"true"}`, Bool(true)},
	} {
		var tab Text
		require.NoError(t, json.Unmarshal([]byte(tt.json), &tab))
		assert.Equal(t, tt.want, tab.Required, tt.json)
	}
	data, err := json.Marshal(Text{Required: Bool(false)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"required":"false"}`, string(data), "an explicit false is sent")
	data, err = json.Marshal(Text{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(data), "an unset flag is left out")
}

func TestDefinitionEncodesAsDocuSignExpects(t *testing.T) {
	t.Parallel()
	def := Definition{
		EmailSubject: "Please sign",
		Status:       StatusSent,
		Documents:    []Document{NewBytesDocument("1", "Contract.pdf", []byte("%PDF"))},
		Recipients: Recipients{Signers: []Signer{{
			RecipientID: "1", Name: "Ann", Email: "ann@example.com", RoutingOrder: 1,
			Tabs: Tabs{SignHereTabs: []SignHere{{Placement: Anchor("/sn1/", 20, -6.5)}}},
		}}},
		Notification: &Notification{Expirations: &Expirations{ExpireAfter: 30}},
	}
	data, err := json.Marshal(def)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"emailSubject": "Please sign",
		"status": "sent",
		"documents": [{"documentId": "1", "name": "Contract.pdf", "fileExtension": "pdf"}],
		"recipients": {"signers": [{
			"recipientId": "1", "name": "Ann", "email": "ann@example.com", "routingOrder": "1",
			"tabs": {"signHereTabs": [{"anchorString": "/sn1/", "anchorUnits": "pixels",
				"anchorXOffset": "20", "anchorYOffset": "-6.5"}]}
		}]},
		"notification": {"useAccountDefaults": "false",
			"expirations": {"expireEnabled": "false", "expireAfter": "30"}}
	}`, string(data))
}

func TestModelsRoundTrip(t *testing.T) {
	t.Parallel()
	var e Envelope
	raw := readTestdata(t, "envelope_get_200.docusign_elixir.json")
	require.NoError(t, json.Unmarshal(raw, &e))
	data, err := json.Marshal(e)
	require.NoError(t, err)
	var again Envelope
	require.NoError(t, json.Unmarshal(data, &again))
	assert.Equal(t, e, again)
	assert.Contains(t, string(data), `"sentDateTime":"2025-08-31T22:01:23.9770000Z"`)
}

func TestParseTime(t *testing.T) {
	t.Parallel()
	got, err := ParseTime("2025-08-31T22:01:23.9770000+02:00")
	require.NoError(t, err)
	assert.True(t, got.Equal(time.Date(2025, 8, 31, 20, 1, 23, 977000000, time.UTC)))
	assert.Equal(t, "2025-08-31T20:01:23.9770000Z", FormatTime(got))
	zero, err := ParseTime("  ")
	require.NoError(t, err)
	assert.True(t, zero.IsZero())
	_, err = ParseTime("31/08/2025")
	assert.ErrorContains(t, err, "not a DocuSign timestamp")
}
