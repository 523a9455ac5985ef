// Package e2e holds the SDK's own end-to-end tests: auth, docusign,
// envelope and webhook driven together against the fake DocuSign of
// package docusigntest, over real TLS sockets on loopback.
//
// The fake shares no code with the packages it serves: it reads requests
// with its own types, checked against DocuSign's OpenAPI models, and signs
// Connect messages with its own HMAC code. So these tests are where the
// pieces are proved to agree on the wire. A misspelled JSON property, a
// wrong JWT claim or a signature computed over the wrong bytes fails here,
// where a unit test built on the same mistake would pass.
//
// The package has no code of its own besides this comment; everything is
// in its _test.go files, one file per area:
//
//	auth_test.go         JWT grant, consent, accounts, PKCE, refresh rotation, 401
//	send_test.go         creating envelopes, strictness, validation, reads
//	documents_test.go    downloads, raw and base64
//	list_test.go         listStatusChanges paging and filters
//	lifecycle_test.go    void, resend, signing and sending views, drafts
//	nevertwice_test.go   creates and sends whose outcome is unknown
//	connect_test.go      Connect deliveries verified by HMAC, key rotation
//	connectdocs_test.go  Connect messages that carry the documents
//	redelivery_test.go   failed acknowledgements, retries and dedupe
//	statuses_test.go     legacy XML, final statuses, statuses never backwards
//	reconcile_test.go    finding what Connect gave up on
//	ratelimit_test.go    hourly and burst quotas, both refusal statuses
//	secrets_test.go      a whole run logged at debug without a secret
//
// Tests named after a case of the project's reliability list (E5_, D2_,
// ...) start with its ID.
//
// Run them with the rest of the module:
//
//	go test -race ./internal/e2e/
//
// They need no network beyond loopback and no DocuSign account. Timing
// never comes from sleeps: the fake's WaitForDeliveries says when Connect
// is done, and the retry and reconcile waits are set to a millisecond.
package e2e
