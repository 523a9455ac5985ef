// Package envelope builds, validates, sends and tracks DocuSign envelopes:
// the models of the eSignature REST API's envelopes in Go types, and the
// Service that calls the envelope endpoints through a docusign.Client.
//
// # Sending a contract
//
// A Definition holds the invitation (subject and message), the documents
// and the recipients. Create validates it, then sends it:
//
//	envelopes := envelope.NewService(client)
//	doc, err := envelope.NewFileDocument("1", "contracts/C-2025-14.pdf")
//	if err != nil {
//		return err
//	}
//	sum, err := envelopes.Create(ctx, &envelope.Definition{
//		EmailSubject: "Please sign your contract",
//		EmailBlurb:   "Sign on page 3. Call us with any question.",
//		Status:       envelope.StatusSent,
//		Documents:    []envelope.Document{doc},
//		Recipients: envelope.Recipients{Signers: []envelope.Signer{{
//			RecipientID: "1", Name: "Ann Lee", Email: "ann@example.com",
//			Tabs: envelope.Tabs{SignHereTabs: []envelope.SignHere{
//				{Placement: envelope.Anchor("/sn1/", 0, 0)},
//			}},
//		}}},
//	})
//
// Documents are streamed as raw parts of a multipart request, never
// base64-encoded nor held in memory: sending a 256 MiB document takes
// about 10 MiB of memory (see internal/sendbench).
//
// # Validation
//
// Definition.Validate returns a *ValidationError listing every problem at
// once, each with the field's JSON path and what to do:
//
//	recipients.signers[0].email: "Ann <ann@example.com>" is not a bare
//	address; give only "ann@example.com", without a name or angle brackets
//
// Rules lets the host narrow the document types (".pdf .doc .docx");
// DocuSign's own limits (a 100-character subject, a 10000-character
// message, 1000-character notes) always apply.
//
// # Never two envelopes
//
// Creating an envelope is not idempotent and DocuSign has no idempotency
// key, so Create gives every envelope a transactionId. When a create's
// outcome is unknown (the connection dropped after the request was sent, a
// timeout, a 5xx), Create asks DocuSign for the envelope with that
// transaction ID and returns it if it exists. It sends again, once, only
// if DocuSign has none and the documents can be read again; otherwise it
// returns an *OutcomeUnknownError carrying the transaction ID, which
// matches docusign.ErrOutcomeUnknown. So a signer gets one invitation per
// Create, provided DocuSign's search by transaction ID sees an envelope it
// made (Create waits a few seconds before asking; see its documentation).
// Send, for drafts, waits as long and reads the envelope before sending it
// a second time, for the same reason.
//
// # Embedded signing
//
// A signer with a ClientUserID receives no email; the host shows DocuSign's
// signing page itself, with a one-time URL from RecipientView.
//
// # Tracking
//
// Status says where an envelope is, and Status.IsFinal whether it can still
// change. Connect (package webhook) reports changes as they happen;
// ListStatusChanges lists what changed since a time, page after page, for
// reconciliation. Deliveries and polls arrive out of order, so before
// storing a status, compare it with StatusUpdate.Supersedes, which never
// lets a stored status move backwards:
//
//	next := env.StatusUpdate()
//	if next.Supersedes(stored) {
//		stored = next // and save it
//	}
//
// Document downloads the signed PDF (DocumentCombined), the certificate of
// completion or any one document as a stream.
//
// # DocuSign's JSON
//
// DocuSign writes almost every scalar as a string ("true", "1") and
// sometimes null. The models keep Go types where callers compute with
// them (bool, int, time.Time) and read every form DocuSign sends; they
// write strings, as DocuSign expects. A flag whose unset and false differ
// in a request is a *bool (see Bool). Member names are matched exactly,
// letter case included, where encoding/json would ignore case. Every JSON
// name is checked by a test against DocuSign's OpenAPI spec and its SDK's
// models. The models' UnmarshalJSON reads the bytes directly, with field
// tables built once per type: decoding an envelope takes less time than
// encoding/json takes to decode the same JSON into a map.
package envelope
