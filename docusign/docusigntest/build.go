package docusigntest

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
)

const maxSubject = 100

// reservedDocumentID reports whether id names one of the generated
// documents of the download endpoint.
func reservedDocumentID(id string) bool {
	switch strings.ToLower(id) {
	case "combined", "archive", "certificate", "portfolio":
		return true
	}
	return false
}

// buildEnvelope checks a definition the way DocuSign does and returns the
// envelope it describes, owning the uploads.
func (s *Server) buildEnvelope(acct *account, def *envelopeDefinitionIn,
	uploads map[string]*upload) (*envelope, *apiError) {
	if aerr := checkUnsupported(def); aerr != nil {
		return nil, aerr
	}
	status := strings.ToLower(string(def.Status))
	switch status {
	case "":
		status = statusCreated
	case statusCreated, statusSent:
	default:
		return nil, invalidParameter(fmt.Sprintf("Invalid value for status: %q; an envelope "+
			"is created with status created (a draft) or sent.", def.Status))
	}
	def.Status = flex(status)
	if len([]rune(string(def.EmailSubject))) > maxSubject {
		return nil, invalidParameter(fmt.Sprintf("The email subject is longer than %d "+
			"characters.", maxSubject))
	}
	now := s.now()
	env := &envelope{id: newGUID(), accountID: acct.ID, status: statusCreated,
		subject: string(def.EmailSubject), blurb: string(def.EmailBlurb),
		transactionID: string(def.TransactionID), created: now, statusChanged: now,
		lastModified: now}
	if aerr := buildDocuments(env, def.Documents, uploads); aerr != nil {
		return nil, aerr
	}
	if aerr := buildRecipients(env, def.Recipients); aerr != nil {
		return nil, aerr
	}
	if aerr := buildNotifications(env, def); aerr != nil {
		return nil, aerr
	}
	if def.CustomFields != nil {
		env.textFields = def.CustomFields.TextCustomFields
		env.listFields = def.CustomFields.ListCustomFields
	}
	if status == statusSent {
		if aerr := checkComplete(env); aerr != nil {
			return nil, aerr
		}
	}
	return env, nil
}

func checkUnsupported(def *envelopeDefinitionIn) *apiError {
	if def.TemplateID != "" || len(def.CompositeTemplates) > 0 || len(def.TemplateRoles) > 0 {
		return invalidBody("docusigntest does not serve templates (templateId, " +
			"templateRoles, compositeTemplates); give documents and recipients inline.")
	}
	if rc := def.Recipients; rc != nil {
		for name, raw := range map[string]json.RawMessage{
			"agents": rc.Agents, "editors": rc.Editors, "intermediaries": rc.Intermediaries,
			"certifiedDeliveries": rc.CertifiedDeliveries, "inPersonSigners": rc.InPersonSigners,
			"seals": rc.Seals, "witnesses": rc.Witnesses, "notaries": rc.Notaries,
		} {
			if t := strings.TrimSpace(string(raw)); t != "" && t != "null" && t != "[]" {
				return invalidBody("docusigntest routes signers and carbonCopies only, " +
					"not recipients." + name + ".")
			}
		}
	}
	return nil
}

func checkComplete(env *envelope) *apiError {
	if env.subject == "" || len(env.documents) == 0 || len(env.signers()) == 0 {
		return badRequest("ENVELOPE_IS_INCOMPLETE", msgIncomplete)
	}
	return nil
}

func buildDocuments(env *envelope, docs []documentIn, uploads map[string]*upload) *apiError {
	seen := map[string]bool{}
	for i, d := range docs {
		id := string(d.DocumentID)
		switch {
		case id == "":
			return invalidParameter(fmt.Sprintf("documents[%d] has no documentId.", i))
		case seen[id]:
			return invalidParameter("Two documents have documentId " + id + ".")
		case reservedDocumentID(id):
			return invalidParameter("The documentId " + id + " is reserved for DocuSign's " +
				"generated documents; use a number.")
		case uploads[id] == nil && d.RemoteURL != "":
			return invalidBody("docusigntest does not fetch remoteUrl documents; send " +
				"documentBase64 or a multipart part.")
		case uploads[id] == nil:
			return invalidBody(fmt.Sprintf("Document %s has no content: give "+
				"documentBase64 or a multipart part with documentid=%s.", id, id))
		}
		seen[id] = true
		up := uploads[id]
		order, _ := strconv.Atoi(string(d.Order))
		if order == 0 {
			order = i + 1
		}
		name := string(d.Name)
		if name == "" {
			name = up.name
		}
		env.documents = append(env.documents, &document{id: id, guid: newGUID(), name: name,
			ext: strings.TrimPrefix(string(d.FileExtension), "."), order: order,
			size: up.size, data: up.data, path: up.path})
	}
	for id := range uploads {
		if !seen[id] {
			return invalidBody("A document part carries documentid=" + id + ", which no " +
				"entry of documents has.")
		}
	}
	return nil
}

func buildRecipients(env *envelope, rc *recipientsIn) *apiError {
	if rc == nil {
		return nil
	}
	seen := map[string]bool{}
	add := func(kind string, list []recipientIn) *apiError {
		for _, in := range list {
			r, aerr := newRecipient(env, kind, in)
			if aerr != nil {
				return aerr
			}
			if seen[r.id] {
				return badRequest("ENVELOPE_HAS_DUPLICATE_RECIPIENTS", msgDuplicates)
			}
			seen[r.id] = true
			env.recipients = append(env.recipients, r)
		}
		return nil
	}
	if aerr := add("signer", rc.Signers); aerr != nil {
		return aerr
	}
	return add("carboncopy", rc.CarbonCopies)
}

func newRecipient(env *envelope, kind string, in recipientIn) (*recipient, *apiError) {
	id := string(in.RecipientID)
	if id == "" {
		return nil, invalidParameter("A recipient has no recipientId.")
	}
	if strings.TrimSpace(string(in.Name)) == "" {
		return nil, badRequest("INVALID_USERNAME_FOR_RECIPIENT",
			"The user name for the recipient is invalid. Recipient Id: "+id)
	}
	if !validEmail(string(in.Email)) {
		return nil, badRequest("INVALID_EMAIL_ADDRESS_FOR_RECIPIENT", msgInvalidEmail+id)
	}
	order := 1
	if in.RoutingOrder != "" {
		n, err := strconv.Atoi(string(in.RoutingOrder))
		if err != nil || n < 1 {
			return nil, invalidParameter(fmt.Sprintf("Invalid routingOrder %q for "+
				"recipient %s.", in.RoutingOrder, id))
		}
		order = n
	}
	if aerr := checkTabs(env, in.Tabs); aerr != nil {
		return nil, aerr
	}
	return &recipient{kind: kind, id: id, guid: newGUID(), name: string(in.Name),
		email: string(in.Email), clientUserID: string(in.ClientUserID), routingOrder: order,
		note: string(in.Note), status: statusCreated, tabs: in.Tabs}, nil
}

func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

func checkTabs(env *envelope, raw json.RawMessage) *apiError {
	if len(raw) == 0 {
		return nil
	}
	var tabs tabRefs
	if err := json.Unmarshal(raw, &tabs); err != nil {
		return nil
	}
	for _, list := range tabs {
		for _, t := range list {
			if t.DocumentID != "" && env.document(string(t.DocumentID)) == nil {
				return badRequest("TAB_REFERS_TO_MISSING_DOCUMENT",
					msgTabMissingDocument+string(t.DocumentID)+" which is not present.")
			}
		}
	}
	return nil
}

func buildNotifications(env *envelope, def *envelopeDefinitionIn) *apiError {
	list := def.EventNotifications
	if def.EventNotification != nil {
		list = append([]eventNotificationIn{*def.EventNotification}, list...)
	}
	for i := range list {
		n := &list[i]
		u, err := url.Parse(string(n.URL))
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return invalidParameter(fmt.Sprintf("The eventNotification url %q is not an "+
				"https URL; Connect delivers to https listeners only.", n.URL))
		}
		env.notifications = append(env.notifications, n)
	}
	return nil
}
