package webhook

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// legacyNamespace is the namespace of DocuSignEnvelopeInformation.
const legacyNamespace = "http://www.docusign.net/API/3.0"

// xmlInformation is a legacy Connect message. Its times carry no zone:
// they are the sender's local time, TimeZoneOffset hours from UTC.
type xmlInformation struct {
	XMLName        xml.Name          `xml:"http://www.docusign.net/API/3.0 DocuSignEnvelopeInformation"`
	Status         xmlEnvelopeStatus `xml:"EnvelopeStatus"`
	TimeZone       string            `xml:"TimeZone"`
	TimeZoneOffset string            `xml:"TimeZoneOffset"`
}

type xmlEnvelopeStatus struct {
	TimeGenerated string           `xml:"TimeGenerated"`
	EnvelopeID    string           `xml:"EnvelopeID"`
	Status        string           `xml:"Status"`
	CustomFields  []xmlCustomField `xml:"CustomFields>CustomField"`
}

type xmlCustomField struct {
	Name  string `xml:"Name"`
	Value string `xml:"Value"`
}

func parseXML(body []byte) (*Event, error) {
	var m xmlInformation
	if err := xml.Unmarshal(body, &m); err != nil {
		return nil, xmlError(err)
	}
	zone, err := legacyZone(m.TimeZoneOffset)
	if err != nil {
		return nil, err
	}
	t, ok := legacyEventType(m.Status.Status)
	if !ok {
		return nil, unknownEvent("EnvelopeStatus/Status " + m.Status.Status)
	}
	generated, err := legacyTime(m.Status.TimeGenerated, zone)
	if err != nil {
		return nil, malformed("EnvelopeStatus/TimeGenerated: %v", err)
	}
	ev := &Event{
		Type:        t,
		Format:      FormatXML,
		EnvelopeID:  m.Status.EnvelopeID,
		GeneratedAt: generated,
	}
	for _, f := range m.Status.CustomFields {
		if f.Name == "AccountId" {
			ev.AccountID = f.Value
		}
	}
	if err := checkIDs(ev, "EnvelopeStatus/EnvelopeID"); err != nil {
		return nil, err
	}
	return ev, nil
}

// xmlError keeps encoding/xml's description, which names the element.
func xmlError(err error) error {
	if strings.Contains(err.Error(), "expected element type") {
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
	switch strings.ToLower(strings.TrimSpace(status)) {
	case "draft", "created":
		return EventEnvelopeCreated, true
	case "sent":
		return EventEnvelopeSent, true
	case "delivered":
		return EventEnvelopeDelivered, true
	case "completed":
		return EventEnvelopeCompleted, true
	case "declined":
		return EventEnvelopeDeclined, true
	case "voided":
		return EventEnvelopeVoided, true
	case "correct":
		return EventEnvelopeCorrected, true
	case "deleted":
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

// legacyTime reads a legacy timestamp ("2020-03-28T23:56:33.873") in zone.
// A timestamp that carries its own offset keeps it.
func legacyTime(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04:05.999999999", s, zone)
}
