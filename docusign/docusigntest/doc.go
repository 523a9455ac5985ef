// Package docusigntest is a stateful fake DocuSign for tests and demos: an
// account server (OAuth 2.0 with a consent page, JWT and authorization-code
// grants, userinfo), the eSignature REST API v2.1 for envelopes, Connect
// deliveries signed with HMAC, and signing pages a person can click, all on
// one loopback origin over TLS.
//
// It is strict where DocuSign is: a request body property DocuSign's API
// does not know is refused with 400 INVALID_REQUEST_BODY naming it, scalars
// come back as strings, uri values are relative, REST timestamps carry
// seven fractional digits (the envelope inside a Connect message has its
// milliseconds trimmed, as DocuSign writes it there), and errors are
// DocuSign's errorCode and message. It
// reads requests with its own types and signs Connect messages with its own
// HMAC code, so that code under test and the fake never agree by sharing a
// mistake.
//
// # Starting it
//
//	srv := docusigntest.NewServer()
//	defer srv.Close()
//
// The server generated an integration (key, secret, RSA key pair), a user,
// an account and a Connect HMAC key. Build the code under test from
// srv.Credentials(), srv.Environment() (the account server; its Audience()
// is the JWT "aud"), srv.Account() (ID and base URI) and srv.Client(), an
// *http.Client that trusts the server's certificate. CACertPEM gives the CA
// certificate to programs in other languages.
//
// # What it serves
//
// One origin is both the account server and the REST base URI. Below,
// ".../" stands for /restapi/v2.1/accounts/{accountId}/:
//
//	GET /oauth/auth, POST /oauth/token, GET /oauth/userinfo
//	POST .../envelopes               create: JSON or multipart/form-data
//	GET  .../envelopes               listStatusChanges, its filters and paging
//	GET  .../envelopes/{id}          with include=recipients,documents,custom_fields
//	PUT  .../envelopes/{id}          send a draft, void, resend_envelope=true
//	GET  .../envelopes/{id}/recipients
//	POST .../envelopes/{id}/views/recipient and .../views/sender
//	GET  .../envelopes/{id}/documents and .../documents/{documentId}
//	     (a document, combined, certificate or archive)
//	PUT  .../connect/envelopes/retry_queue and .../connect/envelopes/{id}/retry_queue
//
// Any other path answers 404 RESOURCE_NOT_FOUND naming it. The root is a
// person's inbox (see below).
//
// # OAuth
//
// The JWT grant checks the assertion as DocuSign does (RS256 by the
// integration's key, aud the bare host:port, iss, sub, a lifetime of at most
// an hour, scopes signature and impersonation, the user's consent) and
// answers DocuSign's error bodies; Requests says which check failed.
// WithoutConsent and RevokeConsent make it answer consent_required until the
// consent page is approved. The authorization-code grant serves a consent
// page at /oauth/auth (state and PKCE S256 honoured); Approve and Deny play
// the user in tests, WithAutoApprove skips the page. Refresh tokens rotate:
// the old one is refused once used. IssueToken skips OAuth for tests that are
// not about it, and ExpireTokens makes every issued token refused (401).
//
// # Driving envelopes
//
// Envelopes move as with DocuSign: created (draft), sent, delivered once
// every signer has opened them, completed when every signer has signed
// (carbon copies complete last), or declined, or voided. A test plays the
// signers with Open, Sign and Decline, or a person does it in a browser: at
// the URL of a recipient view, or from the inbox at the server's root,
// which lists every envelope with a "Review and sign" link for each signer
// whose turn it is (what DocuSign's invitation email would carry).
//
//	err := srv.Sign(envelopeID, "1")
//
// # Connect
//
// An envelope's eventNotification, or an account listener added with
// AddListener, receives JSON SIM messages (legacy XML when asked), in event
// order per listener, signed with one X-DocuSign-Signature-N per HMAC key
// (WithHMACKeys; SetHMACKeys rotates them). HMACSignature and
// CheckSignature compute and check those headers in a listener's own
// tests. The retry_queue endpoints republish an envelope's current status.
// A non-2xx answer or a timeout holds the message and those behind it and
// redelivers it with a rising retryCount on a compressed schedule. Listeners
// that are httptest TLS servers need WithConnectRootCAs. WaitForDeliveries
// waits until every message has been delivered, so tests need no sleeps.
//
// # Failures and inspection
//
// InjectFault scripts failures (a status, a delay, a dropped connection,
// before or after the request takes effect); SlowCreates delays creates
// that happened; WithRateLimit sets quotas, answered with DocuSign's
// *_LIMIT_EXCEEDED codes. Requests, Deliveries, CreateCount and Envelopes
// show what the server saw.
//
// # Limits
//
// The fake serves envelopes with documents and recipients given inline,
// signers and carbon copies only: templates and the other recipient types
// are refused with a message saying so. The combined download is a PDF the
// fake writes, a page naming each document and its signatures, not a merge
// of the uploaded pages. Multipart uploads are spilled to temporary files
// past 1 MiB; a JSON create with documentBase64 is held in memory whole, as
// its format requires. Of DocuSign's per-envelope limits only the hourly
// polling one is modelled (WithEnvelopePollingLimit), with a number of the
// test's choosing since DocuSign publishes none. State lives in memory and
// ends with Close.
package docusigntest
