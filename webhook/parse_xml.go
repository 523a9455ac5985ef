package webhook

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/esignkit/docusign-go/envelope"
)

// legacyNamespace is the namespace of DocuSignEnvelopeInformation.
const legacyNamespace = "http://www.docusign.net/API/3.0"

// xmlInformation is a legacy Connect message. Its times carry no zone:
// they are the sender's local time, TimeZoneOffset hours from UTC.
type xmlInformation struct {
	XMLName        xml.Name          `xml:"http://www.docusign.net/API/3.0 DocuSignEnvelopeInformation"`
	Status         xmlEnvelopeStatus `xml:"EnvelopeStatus"`
	DocumentPDFs   []xmlDocumentPDF  `xml:"DocumentPDFs>DocumentPDF"`
	TimeZone       string            `xml:"TimeZone"`
	TimeZoneOffset string            `xml:"TimeZoneOffset"`
}

type xmlEnvelopeStatus struct {
	Recipients       []xmlRecipient      `xml:"RecipientStatuses>RecipientStatus"`
	TimeGenerated    string              `xml:"TimeGenerated"`
	EnvelopeID       string              `xml:"EnvelopeID"`
	Subject          string              `xml:"Subject"`
	UserName         string              `xml:"UserName"`
	Email            string              `xml:"Email"`
	Status           string              `xml:"Status"`
	Created          string              `xml:"Created"`
	Sent             string              `xml:"Sent"`
	Delivered        string              `xml:"Delivered"`
	Completed        string              `xml:"Completed"`
	Declined         string              `xml:"Declined"`
	Voided           string              `xml:"Voided"`
	VoidReason       string              `xml:"VoidReason"`
	SigningLocation  string              `xml:"SigningLocation"`
	SenderIPAddress  string              `xml:"SenderIPAddress"`
	CustomFields     []xmlCustomField    `xml:"CustomFields>CustomField"`
	DocumentStatuses []xmlDocumentStatus `xml:"DocumentStatuses>DocumentStatus"`
}

type xmlRecipient struct {
	Type          string `xml:"Type"`
	Email         string `xml:"Email"`
	UserName      string `xml:"UserName"`
	RoutingOrder  string `xml:"RoutingOrder"`
	Sent          string `xml:"Sent"`
	Delivered     string `xml:"Delivered"`
	Signed        string `xml:"Signed"`
	Declined      string `xml:"Declined"`
	DeclineReason string `xml:"DeclineReason"`
	Status        string `xml:"Status"`
	ClientUserID  string `xml:"ClientUserId"`
	RecipientID   string `xml:"RecipientId"`
}

type xmlCustomField struct {
	Name     string `xml:"Name"`
	Value    string `xml:"Value"`
	Show     string `xml:"Show"`
	Required string `xml:"Required"`
}

type xmlDocumentStatus struct {
	ID       string `xml:"ID"`
	Name     string `xml:"Name"`
	Sequence string `xml:"Sequence"`
}

type xmlDocumentPDF struct {
	Name         string `xml:"Name"`
	PDFBytes     string `xml:"PDFBytes"`
	DocumentID   string `xml:"DocumentID"`
	DocumentType string `xml:"DocumentType"`
}

func parseXML(body []byte) (*Event, error) {
	lite, values := liftXML(body)
	var m xmlInformation
	if err := xml.Unmarshal(lite, &m); err != nil {
		return nil, xmlError(err)
	}
	zone, err := legacyZone(m.TimeZoneOffset)
	if err != nil {
		return nil, err
	}
	st := m.Status
	t, ok := legacyEventType(st.Status)
	if !ok {
		return nil, unknownEvent("EnvelopeStatus/Status " + st.Status)
	}
	times := legacyTimes{zone: zone}
	ev := &Event{
		Type:        t,
		Format:      FormatXML,
		EnvelopeID:  st.EnvelopeID,
		GeneratedAt: times.read("EnvelopeStatus/TimeGenerated", st.TimeGenerated),
		Status:      envelope.ParseStatus(st.Status),
	}
	if err := checkIDs(ev, "EnvelopeStatus/EnvelopeID"); err != nil {
		return nil, err
	}
	env := &envelope.Envelope{
		EnvelopeID:        st.EnvelopeID,
		Status:            ev.Status,
		EmailSubject:      st.Subject,
		CreatedDateTime:   times.read("EnvelopeStatus/Created", st.Created),
		SentDateTime:      times.read("EnvelopeStatus/Sent", st.Sent),
		DeliveredDateTime: times.read("EnvelopeStatus/Delivered", st.Delivered),
		CompletedDateTime: times.read("EnvelopeStatus/Completed", st.Completed),
		DeclinedDateTime:  times.read("EnvelopeStatus/Declined", st.Declined),
		VoidedDateTime:    times.read("EnvelopeStatus/Voided", st.Voided),
		VoidedReason:      st.VoidReason,
		SigningLocation:   strings.ToLower(st.SigningLocation),
		Sender: envelope.Sender{UserName: st.UserName, Email: st.Email,
			IPAddress: st.SenderIPAddress},
	}
	for _, f := range st.CustomFields {
		env.CustomFields.TextCustomFields = append(env.CustomFields.TextCustomFields,
			envelope.TextCustomField{Name: f.Name, Value: f.Value,
				Show:     strings.EqualFold(f.Show, "true"),
				Required: strings.EqualFold(f.Required, "true")})
	}
	ev.AccountID, _ = env.CustomFields.Text("AccountId")
	for _, d := range st.DocumentStatuses {
		order, _ := strconv.Atoi(strings.TrimSpace(d.Sequence))
		env.EnvelopeDocuments = append(env.EnvelopeDocuments, envelope.EnvelopeDocument{
			DocumentID: d.ID, Name: d.Name, Order: order, Type: "content"})
	}
	for i, r := range st.Recipients {
		rec := legacyRecipient(r, &times, i)
		ev.Recipients = append(ev.Recipients, rec)
		addEnvelopeRecipient(&env.Recipients, rec)
	}
	for _, d := range m.DocumentPDFs {
		doc := Document{ID: d.DocumentID, Name: d.Name, Type: strings.ToLower(d.DocumentType)}
		if n, ok := placeholderIndex(d.PDFBytes, values); ok {
			doc.value = values[n]
		} else {
			doc.value = lifted{raw: []byte(d.PDFBytes)}
		}
		ev.Documents = append(ev.Documents, doc)
	}
	if times.err != nil {
		return nil, times.err
	}
	ev.Envelope = env
	return ev, nil
}

// legacyRecipient reads the i-th RecipientStatus.
func legacyRecipient(r xmlRecipient, times *legacyTimes, i int) Recipient {
	field := func(name string) string {
		return fmt.Sprintf("RecipientStatuses/RecipientStatus[%d]/%s", i+1, name)
	}
	order, err := strconv.Atoi(strings.TrimSpace(r.RoutingOrder))
	if err != nil && strings.TrimSpace(r.RoutingOrder) != "" && times.err == nil {
		times.err = malformed("%s %.20q is not a number", field("RoutingOrder"), r.RoutingOrder)
	}
	return Recipient{
		ID:            r.RecipientID,
		IDGUID:        r.RecipientID,
		Type:          strings.ToLower(r.Type),
		Name:          r.UserName,
		Email:         r.Email,
		RoutingOrder:  order,
		ClientUserID:  r.ClientUserID,
		Status:        envelope.ParseRecipientStatus(r.Status),
		SentAt:        times.read(field("Sent"), r.Sent),
		DeliveredAt:   times.read(field("Delivered"), r.Delivered),
		SignedAt:      times.read(field("Signed"), r.Signed),
		DeclinedAt:    times.read(field("Declined"), r.Declined),
		DeclineReason: r.DeclineReason,
	}
}

// addEnvelopeRecipient adds rec to the envelope model's recipients of its
// kind. Kinds the model does not have (agents, editors) are only in
// Event.Recipients.
func addEnvelopeRecipient(rs *envelope.Recipients, rec Recipient) {
	state := envelope.RecipientState{
		Status: rec.Status, RecipientIDGUID: rec.IDGUID, RecipientType: rec.Type,
		SentDateTime: rec.SentAt, DeliveredDateTime: rec.DeliveredAt,
		SignedDateTime: rec.SignedAt, DeclinedDateTime: rec.DeclinedAt,
		DeclinedReason: rec.DeclineReason,
	}
	switch rec.Type {
	case "signer":
		rs.Signers = append(rs.Signers, envelope.Signer{RecipientID: rec.ID, Name: rec.Name,
			Email: rec.Email, RoutingOrder: rec.RoutingOrder, ClientUserID: rec.ClientUserID,
			RecipientState: state})
	case "carboncopy":
		rs.CarbonCopies = append(rs.CarbonCopies, envelope.CarbonCopy{RecipientID: rec.ID,
			Name: rec.Name, Email: rec.Email, RoutingOrder: rec.RoutingOrder,
			ClientUserID: rec.ClientUserID, RecipientState: state})
	case "certifieddelivery":
		rs.CertifiedDeliveries = append(rs.CertifiedDeliveries, envelope.CertifiedDelivery{
			RecipientID: rec.ID, Name: rec.Name, Email: rec.Email,
			RoutingOrder: rec.RoutingOrder, ClientUserID: rec.ClientUserID, RecipientState: state})
	case "inpersonsigner":
		rs.InPersonSigners = append(rs.InPersonSigners, envelope.InPersonSigner{
			RecipientID: rec.ID, SignerName: rec.Name, SignerEmail: rec.Email,
			RoutingOrder: rec.RoutingOrder, ClientUserID: rec.ClientUserID, RecipientState: state})
	default:
		return
	}
	rs.RecipientCount++
}

// xmlError keeps encoding/xml's description, which names the element.
func xmlError(err error) error {
	if strings.Contains(err.Error(), "expected element") {
		return malformed("the root element is not DocuSignEnvelopeInformation "+
			"in namespace %s", legacyNamespace)
	}
	return fmt.Errorf("%w: %v", ErrMalformedMessage, err)
}

// legacyEventType names the envelope event that a legacy message's status
// reports. The legacy triggers are Draft, Sent, Delivered, Completed,
// Declined and Voided; a status that names no event (Signed, Processing)
// has no type.
func legacyEventType(status string) (EventType, bool) {
	switch envelope.ParseStatus(status) {
	case envelope.StatusCreated:
		return EventEnvelopeCreated, true
	case envelope.StatusSent:
		return EventEnvelopeSent, true
	case envelope.StatusDelivered:
		return EventEnvelopeDelivered, true
	case envelope.StatusCompleted:
		return EventEnvelopeCompleted, true
	case envelope.StatusDeclined:
		return EventEnvelopeDeclined, true
	case envelope.StatusVoided:
		return EventEnvelopeVoided, true
	case envelope.StatusCorrect:
		return EventEnvelopeCorrected, true
	case envelope.StatusDeleted:
		return EventEnvelopeDeleted, true
	}
	return "", false
}

// legacyZone reads TimeZoneOffset, in hours from UTC ("-7", "5.5"). A
// message without one (the configuration's includeTimeZone is off) is read
// as UTC, which is wrong by the sender's offset: include the time zone.
func legacyZone(offset string) (*time.Location, error) {
	offset = strings.TrimSpace(offset)
	if offset == "" {
		return time.UTC, nil
	}
	h, err := strconv.ParseFloat(offset, 64)
	if err != nil || math.IsNaN(h) || math.Abs(h) > 14 {
		return nil, malformed("TimeZoneOffset %.20q is not a number of hours from UTC", offset)
	}
	return time.FixedZone("UTC"+offset, int(math.Round(h*3600))), nil
}

// legacyTimes reads the timestamps of one legacy message in its sender's
// zone, keeping the first error.
type legacyTimes struct {
	zone *time.Location
	err  error
}

// read reads a legacy timestamp ("2020-03-28T23:56:33.873") in the
// message's zone; one that carries its own offset keeps it. field names it
// in the error.
func (lt *legacyTimes) read(field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, lt.zone)
	if err != nil && lt.err == nil {
		lt.err = malformed("%s %.40q is not a timestamp", field, s)
	}
	return t
}
