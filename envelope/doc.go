// Package envelope builds, validates, sends and tracks DocuSign envelopes:
// the models of the eSignature REST API's envelopes, in Go types, and the
// Service that calls its envelope endpoints through a docusign.Client.
//
// The models keep Go types where callers compute with them (bool, int,
// time.Time) and read every form DocuSign writes: "true" and true, "1" and
// 1, null, and times with seven fractional digits (REST) or fewer
// (Connect). They write what DocuSign expects: strings for every scalar.
// A flag whose unset and false differ in a request is a *bool (see Bool).
//
// Statuses move one way. Status.IsFinal says whether an envelope can still
// change, and StatusUpdate.Supersedes whether a newly reported status
// should replace the one a host stored, so that out-of-order Connect
// deliveries never move a contract backwards:
//
//	next := env.StatusUpdate()
//	if next.Supersedes(stored) {
//		stored = next // and save it
//	}
package envelope
