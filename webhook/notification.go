package webhook

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/esignkit/docusign-go/envelope"
)

// NewEventNotification returns the eventNotification to put in an
// envelope's Definition so that Connect reports that envelope's events to
// url in the form this package reads best: JSON SIM messages
// (deliveryMode SIM, eventData version restv2.1, format json) signed with
// the account's HMAC keys (includeHMAC), with acknowledgement required so
// that a 500 from the Handler is redelivered, and with the recipients and
// custom fields included. With no events it asks for the envelope's main
// steps (sent, delivered, completed, declined, voided, and each recipient
// completing or declining).
//
// Asking for JSON and getting XML is the classic mistake: format json alone
// is not enough, version and deliveryMode must be set too.
// CheckEventNotification says what is missing in a notification built by
// hand.
func NewEventNotification(url string, events ...EventType) *envelope.EventNotification {
	names := make([]string, len(events))
	for i, e := range events {
		names[i] = string(e)
	}
	return envelope.NewEventNotification(url, names...)
}

// CheckEventNotification returns every setting of n that would make Connect
// send something other than signed JSON SIM messages, each with its fix, or
// nil when there is none.
func CheckEventNotification(n *envelope.EventNotification) error {
	if n == nil {
		return errors.New("webhook: the eventNotification is nil; build one with " +
			"NewEventNotification")
	}
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("webhook: eventNotification."+format, args...))
	}
	switch u, err := url.Parse(n.URL); {
	case err != nil:
		add("url is not a URL; give the https URL of the Connect listener")
	case u.Scheme != "https" || u.Host == "":
		// Only the scheme, host and path are shown: a query string or the
		// user information may carry a secret.
		shown := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
		add("url %q is not an https URL; Connect posts only to https listeners "+
			"with a certificate from a public authority", shown)
	}
	if !strings.EqualFold(n.DeliveryMode, "SIM") {
		add("deliveryMode is %q; set it to SIM for one JSON message per event",
			n.DeliveryMode)
	}
	if n.EventData.Version != "restv2.1" {
		add("eventData.version is %q; set it to restv2.1 (or get legacy XML)",
			n.EventData.Version)
	}
	if !strings.EqualFold(n.EventData.Format, "json") {
		add("eventData.format is %q; set it to json", n.EventData.Format)
	}
	if len(n.Events) == 0 {
		add("events is empty; name the events to send, such as envelope-completed")
	}
	for i, e := range n.Events {
		if !EventType(e).Known() {
			add("events[%d] %q is not a Connect event; see webhook.EventTypes", i, e)
		}
	}
	if len(n.EnvelopeEvents) > 0 || len(n.RecipientEvents) > 0 {
		add("envelopeEvents and recipientEvents select legacy XML messages; " +
			"leave them empty and use events")
	}
	if !n.IncludeHMAC {
		add("includeHMAC is false; messages arrive unsigned and the Handler refuses " +
			"them with 401")
	}
	return errors.Join(errs...)
}
