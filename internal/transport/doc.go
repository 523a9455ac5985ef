// Package transport sends the SDK's HTTP requests: it runs go-retryablehttp
// under the SDK's retry rules and reports, for each call, what a caller needs
// to turn the outcome into a DocuSign error.
//
// The rules, in short:
//
//   - Idempotent requests are retried on 429, 500, 502, 503 and 504 and on
//     connection errors that may heal (refused, reset, timeouts), never on
//     DNS "no such host", TLS verification failures, bad URLs or headers.
//   - Requests that are not idempotent (POST) are retried only when nothing
//     was written to the connection, or when DocuSign refused the call for a
//     burst quota (429, or a Burst_* error code). Any other failure after the
//     request was written is reported as ambiguous.
//   - A response the Classifier marks Final (one of DocuSign's configuration
//     limits, such as RECIPIENT_LIMIT_EXCEEDED, even when sent with 429) is
//     never retried.
//   - Waits are jittered exponential backoff between Policy.MinWait and
//     Policy.MaxWait. A Retry-After header is honoured up to
//     Policy.MaxRetryAfter; a longer one stops at once and reports when the
//     call may succeed. An hourly quota stops at once too.
//   - A wait never starts when the context's deadline comes before its end,
//     and it ends when the context does.
//   - A Budget shared by all calls of one client caps the retries a failing
//     service can cause.
//   - Error bodies are read up to a cap and kept, so the last DocuSign error
//     survives the retries.
//
// retryablehttp's own logger is never set; the Engine logs through an
// optional *slog.Logger, naming method, path (never the query), status,
// attempt, duration and trace token.
package transport
