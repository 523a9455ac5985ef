// Package webhook receives DocuSign Connect messages: it verifies their
// HMAC signatures, parses both message formats into one Event, and serves
// them through an http.Handler built so that every genuine status change
// reaches the host exactly once, while forged, replayed, malformed and
// oversized requests are refused without harm.
//
// # Mounting the handler
//
// A host builds a Verifier with the account's Connect HMAC keys (Settings,
// Connect, Connect Keys in DocuSign's admin) and mounts one Handler at the
// URL its Connect configuration, or its envelopes' eventNotification,
// posts to:
//
//	v, err := webhook.NewVerifier(os.Getenv("DOCUSIGN_HMAC_KEY"))
//	if err != nil {
//		return err // no key: there is no unsigned mode
//	}
//	mux.Handle("POST /docusign/connect", webhook.NewHandler(v,
//		func(ctx context.Context, ev *webhook.Event) error {
//			return queue.Put(ctx, ev.DedupeKey(), ev) // durable, and fast
//		},
//		webhook.WithQuarantine(keepForInspection),
//		webhook.WithLogger(logger)))
//
// The function should only store or enqueue the event and return: Connect
// waits at most 100 seconds, the Handler cuts the function off after
// DefaultTimeout, and any answer but 2xx marks the whole Connect
// configuration down, queueing every later message for a daily retry. So
// the Handler answers 200 to everything it has handled, including signed
// messages it cannot parse (they go to the quarantine callback), and 500
// only when the function failed to keep the event. See NewHandler for the
// whole sequence.
//
// # Asking for the right messages
//
// NewEventNotification builds an envelope's eventNotification for JSON SIM
// messages signed with HMAC. Setting only format json is the classic
// mistake that brings legacy XML instead; CheckEventNotification names
// every such setting. Parse reads the legacy XML all the same, told apart
// by content, with its times converted from the sender's time zone.
//
// # Verification
//
// Verify computes HMAC-SHA256 of the exact body bytes with each key's
// UTF-8 bytes (a key is never base64-decoded, though it looks encoded) and
// compares it in constant time with every X-DocuSign-Signature-N header, up
// to MaxSignatureHeaders of them. Any match wins, so keys rotate without
// downtime: give NewVerifier the old and the new key until DocuSign signs
// with the new one only. Decoding is strict: only standard, padded base64
// of 32 bytes counts. Parse nothing before Verify succeeds, and never
// re-encode the body first.
//
// # Duplicates and order
//
// Connect delivers at least once, and not in order. The Handler drops a
// redelivery of an event it delivered (same event, any retryCount), within
// a bounded memory (WithDedupe); a replay older than that memory reaches
// the function again, so a host that also stores Event.DedupeKey with its
// side effect makes every replay a no-op. Connect's messages carry no
// timestamp in their MAC, and legitimate redeliveries come a day or more
// later, so no age check is made. For order, Event.StatusUpdate and
// envelope.StatusUpdate.Supersedes tell whether an event is newer than
// what the host stored:
//
//	if next, ok := ev.StatusUpdate(); ok && next.Supersedes(contract.Status) {
//		contract.Status = next
//	}
//
// # Documents
//
// When the configuration includes documents, Event.Documents hold them
// still base64-encoded, as views into the body: a 30 MB message is parsed
// without copying its documents, and Document.Open decodes one as it is
// read.
//
// # Lost messages
//
// Connect gives up after 10 daily retries, and retries nothing when
// acknowledgement is off. A Reconciler lists what changed since a time and
// republishes what the host missed through Connect's retry queue.
//
// Known shortcomings: legacy XML names no event, so an XML message's Type
// is derived from the envelope's status, and a status that names no event
// (signed, processing) is quarantined as ErrUnknownEvent. The list of event
// types follows DocuSign's event triggers as several independent sources
// give them; the official page could not be checked.
package webhook
