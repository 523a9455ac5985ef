package webhook

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/envelope"
)

func TestParse_JSONEnvelopeCompletedSample(t *testing.T) {
	t.Parallel()
	ev, err := Parse(readSample(t, fullJSON))
	require.NoError(t, err)

	assert.Equal(t, EventEnvelopeCompleted, ev.Type)
	assert.Equal(t, FormatJSON, ev.Format)
	assert.Equal(t, "ebeffd2b-d050-4e1a-beae-787ac2aab843", ev.AccountID)
	assert.Equal(t, "93ed758b-0830-4012-bef6-1a9391a01b9c", ev.UserID)
	assert.Equal(t, "7a5f1e05-6b6b-445e-9ec0-b8531bacca38", ev.EnvelopeID)
	assert.Empty(t, ev.RecipientID)
	assert.Equal(t, "10055427", ev.ConfigurationID)
	assert.Equal(t, "v2.1", ev.APIVersion)
	assert.Equal(t, "/restapi/v2.1/accounts/ebeffd2b-d050-4e1a-beae-787ac2aab843/envelopes/"+
		"7a5f1e05-6b6b-445e-9ec0-b8531bacca38", ev.URI)
	assert.Zero(t, ev.RetryCount)
	assert.Equal(t, time.Date(2022, 9, 22, 15, 22, 53, 458074700, time.UTC), ev.GeneratedAt)
	assert.Equal(t, envelope.StatusCompleted, ev.Status)

	require.NotNil(t, ev.Envelope)
	env := ev.Envelope
	assert.Equal(t, "7a5f1e05-6b6b-445e-9ec0-b8531bacca38", env.EnvelopeID)
	assert.Equal(t, envelope.StatusCompleted, env.Status)
	assert.Equal(t, "Please DocuSign: 1661781086_CE TEMPLATE 01.pdf", env.EmailSubject)
	assert.Equal(t, time.Date(2022, 9, 22, 15, 22, 52, 920_000_000, time.UTC), env.CompletedDateTime)
	assert.Equal(t, "Joshua Saubon", env.Sender.UserName)
	assert.True(t, env.ExpireEnabled)
	assert.Equal(t, 120, env.ExpireAfter)
	require.Len(t, env.EnvelopeDocuments, 2)
	assert.Equal(t, "certificate", env.EnvelopeDocuments[1].DocumentID)

	require.Len(t, ev.Recipients, 1)
	r := ev.Recipients[0]
	assert.Equal(t, "98969862", r.ID)
	assert.Equal(t, "4cf8e55c-b611-4ab5-bddd-9bc640bfc911", r.IDGUID)
	assert.Equal(t, "signer", r.Type)
	assert.Equal(t, "Joshua Saubon", r.Name)
	assert.Equal(t, "joshuabsaubon+atctest4@gmail.com", r.Email)
	assert.Equal(t, 1, r.RoutingOrder)
	assert.Equal(t, envelope.RecipientCompleted, r.Status)
	assert.Equal(t, time.Date(2022, 9, 22, 15, 22, 52, 920_000_000, time.UTC), r.SignedAt)
	assert.Empty(t, ev.Documents, "this configuration did not include documents")

	up, ok := ev.StatusUpdate()
	require.True(t, ok)
	assert.Equal(t, envelope.StatusUpdate{Status: envelope.StatusCompleted, At: ev.GeneratedAt}, up)
}

func TestParse_JSONRecipientCompletedMinimalSample(t *testing.T) {
	t.Parallel()
	ev, err := Parse(readSample(t, minimalSIM))
	require.NoError(t, err)

	assert.Equal(t, EventRecipientCompleted, ev.Type)
	assert.Equal(t, "8b411bfe-54f5-47fc-bbf2-55d9a71a200f", ev.AccountID)
	assert.Equal(t, "4214323f-c281-4a0e-80f7-37b3ea7d8665", ev.UserID)
	assert.Equal(t, "71799c95-8417-4b16-90d5-86ff24a91d09", ev.EnvelopeID)
	assert.Equal(t, "1", ev.RecipientID)
	assert.Equal(t, "10363315", ev.ConfigurationID)
	assert.Equal(t, time.Date(2022, 12, 9, 18, 29, 29, 736_000_000, time.UTC), ev.GeneratedAt)
	assert.Nil(t, ev.Envelope, "no includeData")
	assert.Empty(t, ev.Status, "one recipient completing does not complete the envelope")
	_, ok := ev.StatusUpdate()
	assert.False(t, ok)
	assert.Equal(t, []Recipient{{ID: "1", Status: envelope.RecipientCompleted}}, ev.Recipients)
}

func TestParse_XMLEnvelopeCompletedSample(t *testing.T) {
	t.Parallel()
	ev, err := Parse(readSample(t, xmlDone))
	require.NoError(t, err)
	pdt := time.FixedZone("PDT", -7*3600)

	assert.Equal(t, EventEnvelopeCompleted, ev.Type)
	assert.Equal(t, FormatXML, ev.Format)
	assert.Equal(t, "08740f95-2187-4b01-9a69-452ae3140752", ev.EnvelopeID)
	assert.Equal(t, "4197223", ev.AccountID, "from the AccountId custom field")
	assert.Equal(t, envelope.StatusCompleted, ev.Status)
	assert.True(t, ev.GeneratedAt.Equal(time.Date(2020, 3, 28, 23, 57, 15, 108_547_600, pdt)))
	assert.Equal(t, "2020-03-29T06:57:15.1085476Z", ev.GeneratedAt.UTC().Format(time.RFC3339Nano))

	require.Len(t, ev.Recipients, 2)
	signer, cc := ev.Recipients[0], ev.Recipients[1]
	assert.Equal(t, "signer", signer.Type)
	assert.Equal(t, "994d45c0-3d06-4174-9d53-70d15683c0e2", signer.ID)
	assert.Equal(t, "Larry Kluger", signer.Name)
	assert.Equal(t, "larry.kluger@example.com", signer.Email)
	assert.Equal(t, "1000", signer.ClientUserID)
	assert.Equal(t, 1, signer.RoutingOrder)
	assert.Equal(t, envelope.RecipientCompleted, signer.Status)
	assert.True(t, signer.SignedAt.Equal(time.Date(2020, 3, 28, 23, 56, 54, 43_000_000, pdt)))
	assert.Equal(t, "carboncopy", cc.Type)
	assert.Equal(t, 2, cc.RoutingOrder)
	assert.Equal(t, envelope.RecipientCompleted, cc.Status)

	env := ev.Envelope
	require.NotNil(t, env)
	assert.Equal(t, "Please sign this document", env.EmailSubject)
	assert.Equal(t, "larry@example.us", env.Sender.Email)
	assert.True(t, env.CompletedDateTime.Equal(time.Date(2020, 3, 28, 23, 56, 54, 590_000_000, pdt)))
	require.Len(t, env.Recipients.Signers, 1)
	assert.Equal(t, "1000", env.Recipients.Signers[0].ClientUserID)
	require.Len(t, env.Recipients.CarbonCopies, 1)
	name, ok := env.CustomFields.Text("AccountName")
	assert.True(t, ok)
	assert.Equal(t, "World Wide Corp", name)
	require.Len(t, env.EnvelopeDocuments, 1)
	assert.Equal(t, "Lorem Ipsum", env.EnvelopeDocuments[0].Name)
	assert.Empty(t, ev.Documents)
}

func TestParse_XMLEnvelopeSentSample(t *testing.T) {
	t.Parallel()
	ev, err := Parse(readSample(t, xmlSent))
	require.NoError(t, err)
	assert.Equal(t, EventEnvelopeSent, ev.Type)
	assert.Equal(t, envelope.StatusSent, ev.Status)
	assert.Equal(t, "08740f95-2187-4b01-9a69-111111111111", ev.EnvelopeID)
	require.Len(t, ev.Recipients, 2)
	assert.Equal(t, envelope.RecipientSent, ev.Recipients[0].Status)
	assert.Equal(t, envelope.RecipientCreated, ev.Recipients[1].Status)
	assert.True(t, ev.Recipients[1].SentAt.IsZero())
	assert.Equal(t, "2020-03-29T06:56:53.9678325Z", ev.GeneratedAt.UTC().Format(time.RFC3339Nano))
}

func TestParse_StatusEachEventImplies(t *testing.T) {
	t.Parallel()
	for typ, want := range map[EventType]envelope.Status{
		EventEnvelopeCreated:    envelope.StatusCreated,
		EventEnvelopeSent:       envelope.StatusSent,
		EventEnvelopeResent:     envelope.StatusSent,
		EventEnvelopeDelivered:  envelope.StatusDelivered,
		EventEnvelopeCompleted:  envelope.StatusCompleted,
		EventEnvelopeDeclined:   envelope.StatusDeclined,
		EventEnvelopeVoided:     envelope.StatusVoided,
		EventEnvelopeDeleted:    envelope.StatusDeleted,
		EventEnvelopeCorrected:  "",
		EventRecipientCompleted: "",
		EventRecipientDeclined:  "",
		EventTemplateCreated:    "",
	} {
		ev, err := Parse(simJSON(string(typ), "env", "1", generated, 0))
		require.NoError(t, err, typ)
		assert.Equal(t, want, ev.Status, typ)
	}
	t.Run("a summary's status fills in when the event names none", func(t *testing.T) {
		body := []byte(`{"event":"recipient-completed","generatedDateTime":` +
			`"2025-01-01T00:00:00Z","data":{"envelopeId":"e","recipientId":"1",` +
			`"envelopeSummary":{"status":"completed","recipients":{"signers":[` +
			`{"recipientId":"1","status":"completed"}]}}}}`)
		ev, err := Parse(body)
		require.NoError(t, err)
		assert.Equal(t, envelope.StatusCompleted, ev.Status)
		assert.Len(t, ev.Recipients, 1, "the summary lists the recipient already")
	})
}

func TestParse_EveryEventTypeIsAccepted(t *testing.T) {
	t.Parallel()
	assert.Len(t, EventTypes(), 24)
	for _, typ := range EventTypes() {
		ev, err := Parse(simJSON(string(typ), "env", "1", generated, 0))
		require.NoError(t, err, typ)
		assert.Equal(t, typ, ev.Type)
		n := 0
		for _, is := range []bool{typ.IsEnvelope(), typ.IsRecipient(), typ.IsTemplate()} {
			if is {
				n++
			}
		}
		assert.Equal(t, 1, n, typ)
	}
}

func TestParse_TellsFormatsApartByContent(t *testing.T) {
	t.Parallel()
	withBOM := append([]byte{0xEF, 0xBB, 0xBF}, readSample(t, xmlDone)...)
	for name, tc := range map[string]struct {
		body []byte
		want Format
	}{
		"JSON":                 {readSample(t, fullJSON), FormatJSON},
		"JSON after a newline": {append([]byte("\r\n  "), readSample(t, minimalSIM)...), FormatJSON},
		"XML":                  {readSample(t, xmlDone), FormatXML},
		"XML with a BOM":       {withBOM, FormatXML},
	} {
		ev, err := Parse(tc.body)
		require.NoError(t, err, name)
		assert.Equal(t, tc.want, ev.Format, name)
	}
}

func TestParse_ErrorsNameTheField(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body string
		want error
		says string
	}{
		"event of the wrong type": {`{"event":5}`, ErrMalformedMessage, "event"},
		"retryCount not a number": {`{"event":"envelope-sent","retryCount":"x",` +
			`"data":{"envelopeId":"e"}}`, ErrMalformedMessage, "whole number"},
		"bad generatedDateTime": {`{"event":"envelope-sent","generatedDateTime":"yesterday",` +
			`"data":{"envelopeId":"e"}}`, ErrMalformedMessage, "generatedDateTime"},
		"no envelope ID": {`{"event":"envelope-sent","data":{}}`, ErrMalformedMessage,
			"data.envelopeId"},
		"summary unreadable and no envelope ID": {`{"event":"envelope-sent","data":{` +
			`"envelopeSummary":{"sentDateTime":"soon"}}}`, ErrMalformedMessage, "envelopeId"},
		"XML wrong namespace": {`<DocuSignEnvelopeInformation xmlns="urn:other">` +
			`</DocuSignEnvelopeInformation>`, ErrMalformedMessage, "namespace"},
		"XML no namespace": {`<DocuSignEnvelopeInformation></DocuSignEnvelopeInformation>`,
			ErrMalformedMessage, "namespace"},
		"XML bad offset": {strings.Replace(string(legacyXML("Sent", "e")), "-7", "west", 1),
			ErrMalformedMessage, "TimeZoneOffset"},
		"XML bad time": {strings.Replace(string(legacyXML("Sent", "e")),
			"2020-03-28T23:57:15.1085476", "noon", 1), ErrMalformedMessage, "TimeGenerated"},
		"XML signed status": {string(legacyXML("Signed", "e")), ErrUnknownEvent, "Signed"},
		"XML no envelope":   {string(legacyXML("Sent", "")), ErrMalformedMessage, "EnvelopeID"},
		"unknown event":     {`{"event":"envelope-exploded"}`, ErrUnknownEvent, "envelope-exploded"},
		"long event name": {`{"event":"` + strings.Repeat("a", 500) + `"}`, ErrUnknownEvent,
			"…"},
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := Parse([]byte(tc.body))
			assert.Nil(t, ev)
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.says)
			assert.Less(t, len(err.Error()), 300)
		})
	}
}

func TestParse_LegacyTimeZoneOffsets(t *testing.T) {
	t.Parallel()
	for offset, want := range map[string]string{
		"-7":  "2020-03-29T06:57:15.1085476Z",
		"0":   "2020-03-28T23:57:15.1085476Z",
		"5.5": "2020-03-28T18:27:15.1085476Z",
		"":    "2020-03-28T23:57:15.1085476Z",
	} {
		body := strings.Replace(string(legacyXML("Sent", "e")), "<TimeZoneOffset>-7<",
			"<TimeZoneOffset>"+offset+"<", 1)
		ev, err := Parse([]byte(body))
		require.NoError(t, err, offset)
		assert.Equal(t, want, ev.GeneratedAt.UTC().Format(time.RFC3339Nano), offset)
	}
}

// includeDocumentsJSON is the full sample with PDFBytes added to each of
// its documents, as a configuration that includes documents sends it.
func includeDocumentsJSON(t testing.TB, content, certificate []byte) []byte {
	t.Helper()
	body := string(readSample(t, fullJSON))
	first := `"documentId":"1",`
	cert := `"documentId":"certificate",`
	require.Contains(t, body, first)
	body = strings.Replace(body, first, first+`"PDFBytes":"`+
		base64.StdEncoding.EncodeToString(content)+`",`, 1)
	body = strings.Replace(body, cert, cert+`"PDFBytes" : "`+
		base64.StdEncoding.EncodeToString(certificate)+`",`, 1)
	return []byte(body)
}

func TestParse_JSONDocumentsAreReadLazilyFromTheBody(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte("%PDF-1.7 contract \x00\xff"), 5000)
	cert := []byte("%PDF-1.4 certificate of completion")
	body := includeDocumentsJSON(t, content, cert)
	ev, err := Parse(body)
	require.NoError(t, err)

	require.Len(t, ev.Documents, 2)
	doc := ev.Documents[0]
	assert.Equal(t, "1", doc.ID)
	assert.Equal(t, "1661781086_CE TEMPLATE 01.pdf", doc.Name)
	assert.Equal(t, "content", doc.Type)
	got, err := io.ReadAll(doc.Open())
	require.NoError(t, err)
	assert.Equal(t, content, got, "binary-safe")
	assert.Equal(t, "summary", ev.Documents[1].Type)
	certGot, err := ev.Documents[1].Bytes()
	require.NoError(t, err)
	assert.Equal(t, cert, certGot)

	// The document is a view into the body: no copy was made.
	enc := base64.StdEncoding.EncodeToString(content)
	i := bytes.Index(body, []byte(enc))
	require.Positive(t, i)
	assert.Same(t, &body[i], &doc.value.raw[0])
	for _, d := range ev.Envelope.EnvelopeDocuments {
		assert.Empty(t, d.PDFBytes, "the content is in Documents only")
	}
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", doc, ev, ev.Documents), enc[:64])
}

func TestParse_EscapedAndOddDocumentValues(t *testing.T) {
	t.Parallel()
	content := []byte("a document whose base64 has slashes and plus signs: \xfb\xff\xfe")
	enc := base64.StdEncoding.EncodeToString(content)
	require.Contains(t, enc, "/")
	wrapped := enc[:20] + `\n` + enc[20:]
	for name, value := range map[string]string{
		"escaped slashes":  `"` + strings.ReplaceAll(enc, "/", `\/`) + `"`,
		"escaped newline":  `"` + wrapped + `"`,
		"escaped quote in": `"` + enc + `"`,
	} {
		t.Run(name, func(t *testing.T) {
			body := []byte(`{"event":"envelope-completed","generatedDateTime":"2025-01-01T00:00:00Z",` +
				`"data":{"envelopeId":"e","envelopeSummary":{"envelopeDocuments":[` +
				`{"documentId":"1","name":"a \"PDFBytes\": \"x\" name","PDFBytes":` + value + `}]}}}`)
			ev, err := Parse(body)
			require.NoError(t, err)
			require.Len(t, ev.Documents, 1)
			assert.Equal(t, `a "PDFBytes": "x" name`, ev.Envelope.EnvelopeDocuments[0].Name)
			got, err := ev.Documents[0].Bytes()
			require.NoError(t, err)
			assert.Equal(t, content, got)
		})
	}
	t.Run("not base64 fails when read, not when parsed", func(t *testing.T) {
		body := []byte(`{"event":"envelope-completed","data":{"envelopeId":"e",` +
			`"envelopeSummary":{"envelopeDocuments":[{"documentId":"1","PDFBytes":"%%%%"}]}}}`)
		ev, err := Parse(body)
		require.NoError(t, err)
		_, err = ev.Documents[0].Bytes()
		assert.Error(t, err)
	})
}

func TestParse_XMLDocumentPDFs(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte{0, 1, 2, 0xfe, 0xff}, 3000)
	enc := base64.StdEncoding.EncodeToString(content)
	pdfs := `<DocumentPDFs><DocumentPDF><Name>Lorem Ipsum.pdf</Name><PDFBytes>` + enc +
		`</PDFBytes><DocumentID>3</DocumentID><DocumentType>CONTENT</DocumentType>` +
		`</DocumentPDF><DocumentPDF><Name>Summary</Name><PDFBytes>` + "\n      " +
		enc[:40] + "\n      " + enc[40:80] + "\n   " +
		`</PDFBytes><DocumentType>SUMMARY</DocumentType></DocumentPDF>` +
		`<DocumentPDF><Name>Escaped</Name><PDFBytes>` + enc[:40] + `&#13;&#10;` + enc[40:80] +
		`</PDFBytes></DocumentPDF></DocumentPDFs>`
	body := strings.Replace(string(readSample(t, xmlDone)), "<TimeZone>", pdfs+"<TimeZone>", 1)
	ev, err := Parse([]byte(body))
	require.NoError(t, err)
	require.Len(t, ev.Documents, 3)
	assert.Equal(t, "3", ev.Documents[0].ID)
	assert.Equal(t, "Lorem Ipsum.pdf", ev.Documents[0].Name)
	assert.Equal(t, "content", ev.Documents[0].Type)
	got, err := ev.Documents[0].Bytes()
	require.NoError(t, err)
	assert.Equal(t, content, got)
	assert.Equal(t, "summary", ev.Documents[1].Type)
	for _, d := range ev.Documents[1:] {
		got, err := d.Bytes()
		require.NoError(t, err, d.Name)
		assert.Equal(t, content[:60], got, "white space and references inside the base64")
	}
}

func TestLift_FindsOnlyRealMembers(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body string
		want int
	}{
		"none":                 {`{"a":"b"}`, 0},
		"a member":             {`{"PDFBytes":"QUJD"}`, 1},
		"spaced":               {`{"PDFBytes" :  "QUJD"}`, 1},
		"inside a string":      {`{"a":"x\"PDFBytes\":\"QUJD\""}`, 0},
		"after an escaped \\":  {`{"a":"x\\","PDFBytes":"QUJD"}`, 1},
		"a value, not a key":   {`{"a":"PDFBytes","b":"c"}`, 0},
		"null value":           {`{"PDFBytes":null}`, 0},
		"unterminated":         {`{"PDFBytes":"QUJD`, 0},
		"two":                  {`[{"PDFBytes":"QQ=="},{"PDFBytes":"Qg=="}]`, 2},
		"escape before quote":  {`{"PDFBytes":"QU\\"}`, 1},
		"escaped quote inside": {`{"PDFBytes":"Q\"U"}`, 1},
	} {
		t.Run(name, func(t *testing.T) {
			lite, values := liftJSON([]byte(tc.body))
			assert.Len(t, values, tc.want)
			if tc.want == 0 {
				assert.Equal(t, tc.body, string(lite))
			}
		})
	}
}

func TestDocument_OpenTwiceStartsOver(t *testing.T) {
	t.Parallel()
	encoded := base64.StdEncoding.EncodeToString([]byte("hello"))
	d := Document{ID: "1", value: lifted{raw: []byte(encoded)}}
	for range 2 {
		got, err := io.ReadAll(d.Open())
		require.NoError(t, err)
		assert.Equal(t, "hello", string(got))
	}
	assert.Equal(t, 8, d.EncodedLen())
	bad := Document{ID: "2", value: lifted{raw: []byte(`"\x"`), escaped: true}}
	_, err := bad.Bytes()
	assert.True(t, err != nil && !errors.Is(err, io.EOF))
}

func TestParse_EnvelopeIDFromTheSummaryWhenDataLacksIt(t *testing.T) {
	t.Parallel()
	ev, err := Parse([]byte(`{"event":"envelope-sent","data":{"envelopeSummary":` +
		`{"envelopeId":"from-summary","status":"sent"}}}`))
	require.NoError(t, err)
	assert.Equal(t, "from-summary", ev.EnvelopeID)
}

func TestParse_AnUnreadableSummaryLeavesTheEventStanding(t *testing.T) {
	t.Parallel()
	body := []byte(`{"event":"envelope-completed","generatedDateTime":"2026-12-03T10:00:00.5Z",` +
		`"data":{"accountId":"a","envelopeId":"e1",` +
		`"envelopeSummary":{"envelopeId":"e1","sentDateTime":"soon"}}}`)

	ev, err := Parse(body)

	require.NoError(t, err)
	assert.Equal(t, EventEnvelopeCompleted, ev.Type)
	assert.Equal(t, "e1", ev.EnvelopeID)
	assert.Equal(t, envelope.StatusCompleted, ev.Status)
	assert.Nil(t, ev.Envelope)
	require.ErrorIs(t, ev.SummaryErr, ErrMalformedMessage)
	assert.Contains(t, ev.SummaryErr.Error(), "sentDateTime")
	update, ok := ev.StatusUpdate()
	require.True(t, ok, "the status change still reaches the host")
	assert.Equal(t, envelope.StatusCompleted, update.Status)
}
