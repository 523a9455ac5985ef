package docusigntest

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"strings"
	"time"
)

// simMessage is a JSON SIM message.
type simMessage struct {
	Event             string  `json:"event"`
	APIVersion        string  `json:"apiVersion"`
	URI               string  `json:"uri"`
	RetryCount        int     `json:"retryCount"`
	ConfigurationID   int     `json:"configurationId"`
	GeneratedDateTime string  `json:"generatedDateTime"`
	Data              simData `json:"data"`
}

type simData struct {
	AccountID       string       `json:"accountId"`
	UserID          string       `json:"userId"`
	EnvelopeID      string       `json:"envelopeId"`
	RecipientID     string       `json:"recipientId,omitempty"`
	EnvelopeSummary *envelopeOut `json:"envelopeSummary,omitempty"`
}

// newMessage renders event for k from the envelope as it is now. The
// caller holds s.mu.
func (s *Server) newMessage(k *sink, e *envelope, event string, r *recipient) *message {
	m := &message{sink: k, event: event, envelopeID: e.id, accountID: e.accountID}
	if r != nil {
		m.recipientID = r.id
	}
	now := s.now()
	if k.xml {
		body := s.legacyXML(e, k.includeDocs, now)
		m.body = func(int) []byte { return body }
		return m
	}
	msg := simMessage{Event: event, APIVersion: "v2.1",
		URI:             restPrefix + e.accountID + "/envelopes/" + e.id,
		ConfigurationID: k.configID, GeneratedDateTime: formatTime(now),
		Data: simData{AccountID: e.accountID, UserID: s.userID, EnvelopeID: e.id,
			RecipientID: m.recipientID}}
	if inc := k.includeData; inc != (includes{}) {
		summary := s.renderEnvelope(e, inc, connectTime)
		if inc.documents {
			s.attachPDFBytes(e, summary.EnvelopeDocuments)
		}
		msg.Data.EnvelopeSummary = &summary
	}
	m.body = func(retry int) []byte {
		msg.RetryCount = retry
		data, _ := json.Marshal(msg)
		return data
	}
	return m
}

// attachPDFBytes fills PDFBytes (base64) of the listed documents, as
// includeData "documents" asks. The caller holds s.mu.
func (s *Server) attachPDFBytes(e *envelope, docs []documentOut) {
	for i := range docs {
		var data []byte
		if d := e.document(docs[i].DocumentID); d != nil {
			data, _ = d.bytes()
		} else if docs[i].DocumentID == "certificate" {
			data = writePDF("Certificate of Completion", []pdfPage{s.certificatePage(e)})
		}
		docs[i].PDFBytes = base64.StdEncoding.EncodeToString(data)
	}
}

// The legacy XML message, DocuSignEnvelopeInformation.

type xmlInfo struct {
	XMLName        xml.Name    `xml:"DocuSignEnvelopeInformation"`
	XMLNS          string      `xml:"xmlns,attr"`
	XSD            string      `xml:"xmlns:xsd,attr"`
	XSI            string      `xml:"xmlns:xsi,attr"`
	EnvelopeStatus xmlEnvelope `xml:"EnvelopeStatus"`
	DocumentPDFs   *xmlPDFs    `xml:"DocumentPDFs,omitempty"`
	TimeZone       string      `xml:"TimeZone"`
	TimeZoneOffset int         `xml:"TimeZoneOffset"`
}

type xmlEnvelope struct {
	RecipientStatuses []xmlRecipient `xml:"RecipientStatuses>RecipientStatus"`
	TimeGenerated     string         `xml:"TimeGenerated"`
	EnvelopeID        string         `xml:"EnvelopeID"`
	Subject           string         `xml:"Subject"`
	UserName          string         `xml:"UserName"`
	Email             string         `xml:"Email"`
	Status            string         `xml:"Status"`
	Created           string         `xml:"Created"`
	Sent              string         `xml:"Sent,omitempty"`
	Delivered         string         `xml:"Delivered,omitempty"`
	Signed            string         `xml:"Signed,omitempty"`
	Completed         string         `xml:"Completed,omitempty"`
	Declined          string         `xml:"Declined,omitempty"`
	Voided            string         `xml:"Voided,omitempty"`
	VoidReason        string         `xml:"VoidReason,omitempty"`
	ACStatus          string         `xml:"ACStatus"`
	SigningLocation   string         `xml:"SigningLocation"`
	CustomFields      []xmlField     `xml:"CustomFields>CustomField"`
	DocumentStatuses  []xmlDocStatus `xml:"DocumentStatuses>DocumentStatus"`
}

type xmlRecipient struct {
	Type          string `xml:"Type"`
	Email         string `xml:"Email"`
	UserName      string `xml:"UserName"`
	RoutingOrder  int    `xml:"RoutingOrder"`
	Sent          string `xml:"Sent,omitempty"`
	Delivered     string `xml:"Delivered,omitempty"`
	Signed        string `xml:"Signed,omitempty"`
	Declined      string `xml:"Declined,omitempty"`
	DeclineReason string `xml:"DeclineReason,omitempty"`
	Status        string `xml:"Status"`
	ClientUserID  string `xml:"ClientUserId,omitempty"`
	RecipientID   string `xml:"RecipientId"`
}

type xmlField struct {
	Name            string `xml:"Name"`
	Show            string `xml:"Show"`
	Required        string `xml:"Required"`
	Value           string `xml:"Value"`
	CustomFieldType string `xml:"CustomFieldType"`
}

type xmlDocStatus struct {
	ID       string `xml:"ID"`
	Name     string `xml:"Name"`
	Sequence int    `xml:"Sequence"`
}

type xmlPDFs struct {
	Docs []xmlPDF `xml:"DocumentPDF"`
}

type xmlPDF struct {
	Name         string `xml:"Name"`
	PDFBytes     string `xml:"PDFBytes"`
	DocumentID   string `xml:"DocumentID,omitempty"`
	DocumentType string `xml:"DocumentType"`
}

// xmlTime is the legacy format: the sender's local time without an offset
// (UTC here, with TimeZoneOffset 0).
func xmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.999")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// legacyXML renders the envelope as DocuSignEnvelopeInformation. The
// caller holds s.mu.
func (s *Server) legacyXML(e *envelope, withDocs bool, now time.Time) []byte {
	env := xmlEnvelope{TimeGenerated: now.UTC().Format("2006-01-02T15:04:05.0000000"),
		EnvelopeID: e.id, Subject: e.subject, UserName: s.cfg.userName,
		Email: s.cfg.userEmail, Status: capitalize(e.status), Created: xmlTime(e.created),
		Sent: xmlTime(e.sent), Delivered: xmlTime(e.delivered),
		Signed: xmlTime(e.completed), Completed: xmlTime(e.completed),
		Declined: xmlTime(e.declined), Voided: xmlTime(e.voided), VoidReason: e.voidedReason,
		ACStatus: "Original", SigningLocation: "Online"}
	for _, r := range e.recipients {
		typ := "Signer"
		if r.kind == "carboncopy" {
			typ = "CarbonCopy"
		}
		env.RecipientStatuses = append(env.RecipientStatuses, xmlRecipient{Type: typ,
			Email: r.email, UserName: r.name, RoutingOrder: r.routingOrder,
			Sent: xmlTime(r.sent), Delivered: xmlTime(r.delivered), Signed: xmlTime(r.signed),
			Declined: xmlTime(r.declined), DeclineReason: r.declineReason,
			Status: capitalize(r.status), ClientUserID: r.clientUserID, RecipientID: r.guid})
	}
	for _, f := range append(append([]customFieldIn{}, e.textFields...), e.listFields...) {
		env.CustomFields = append(env.CustomFields, xmlField{Name: string(f.Name),
			Show: orFalse(f.Show), Required: orFalse(f.Required), Value: string(f.Value),
			CustomFieldType: "Text"})
	}
	for i, d := range e.documents {
		env.DocumentStatuses = append(env.DocumentStatuses, xmlDocStatus{ID: d.id,
			Name: d.name, Sequence: i + 1})
	}
	info := xmlInfo{XMLNS: "http://www.docusign.net/API/3.0",
		XSD: "http://www.w3.org/2001/XMLSchema", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		EnvelopeStatus: env, TimeZone: "Coordinated Universal Time"}
	if withDocs {
		info.DocumentPDFs = s.xmlDocuments(e)
	}
	data, _ := xml.Marshal(info)
	return append([]byte(xml.Header), data...)
}

func (s *Server) xmlDocuments(e *envelope) *xmlPDFs {
	out := &xmlPDFs{}
	for _, d := range e.documents {
		data, _ := d.bytes()
		out.Docs = append(out.Docs, xmlPDF{Name: fileName(d), DocumentID: d.id,
			PDFBytes: base64.StdEncoding.EncodeToString(data), DocumentType: "CONTENT"})
	}
	cert := writePDF("Certificate of Completion", []pdfPage{s.certificatePage(e)})
	out.Docs = append(out.Docs, xmlPDF{Name: "CertificateOfCompletion_" + e.id + ".pdf",
		PDFBytes: base64.StdEncoding.EncodeToString(cert), DocumentType: "SUMMARY"})
	return out
}

func orFalse(f flex) string {
	if f == "" {
		return "false"
	}
	return string(f)
}
