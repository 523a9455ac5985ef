package docusigntest

import (
	"bufio"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

const restPrefix = "/restapi/v2.1/accounts/"

// handler routes every path the fake serves, behind the middleware that
// every response passes: trace token, request log, faults, quotas.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth/auth", s.handleAuthorize)
	mux.HandleFunc("POST /oauth/auth", s.handleConsentForm)
	mux.HandleFunc("POST /oauth/token", s.handleToken)
	mux.HandleFunc("GET /oauth/userinfo", s.handleUserInfo)
	mux.HandleFunc("GET /Signing/MTRedeem/v1/{token}", s.handleSigningPage)
	mux.HandleFunc("POST /Signing/MTRedeem/v1/{token}", s.handleSigningForm)
	mux.HandleFunc("GET /Signing/MTRedeem/v1/{token}/documents/{documentId}",
		s.handleSigningDocument)
	mux.HandleFunc("GET /Sending/v1/{token}", s.handleSendingPage)
	mux.HandleFunc("POST /Sending/v1/{token}", s.handleSendingForm)
	mux.HandleFunc("GET /inbox/sign/{envelopeId}/{recipientId}", s.handleInboxSign)
	s.routeREST(mux)
	mux.HandleFunc("/", s.handleUnknown)
	return s.middleware(mux)
}

func (s *Server) routeREST(mux *http.ServeMux) {
	p := restPrefix + "{accountId}"
	mux.HandleFunc("POST "+p+"/envelopes", s.rest(s.handleCreate))
	mux.HandleFunc("GET "+p+"/envelopes", s.rest(s.handleList))
	mux.HandleFunc("GET "+p+"/envelopes/{envelopeId}", s.rest(s.handleGet))
	mux.HandleFunc("PUT "+p+"/envelopes/{envelopeId}", s.rest(s.handleUpdate))
	mux.HandleFunc("GET "+p+"/envelopes/{envelopeId}/recipients", s.rest(s.handleRecipients))
	mux.HandleFunc("POST "+p+"/envelopes/{envelopeId}/views/recipient",
		s.rest(s.handleRecipientView))
	mux.HandleFunc("POST "+p+"/envelopes/{envelopeId}/views/sender", s.rest(s.handleSenderView))
	mux.HandleFunc("GET "+p+"/envelopes/{envelopeId}/documents", s.rest(s.handleDocuments))
	mux.HandleFunc("GET "+p+"/envelopes/{envelopeId}/documents/{documentId}",
		s.rest(s.handleDocument))
	mux.HandleFunc("PUT "+p+"/connect/envelopes/retry_queue", s.rest(s.handleRetryQueue))
	mux.HandleFunc("PUT "+p+"/connect/envelopes/{envelopeId}/retry_queue",
		s.rest(s.handleRetryEnvelope))
}

// statusWriter records the status and size of a response and lets a fault
// hijack the connection underneath.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.size += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w := &statusWriter{ResponseWriter: rw}
		w.Header().Set("X-DocuSign-TraceToken", newGUID())
		// The fake's clock, not the machine's, so that a test moving the
		// clock (WithClock) sees a server whose Date agrees with it.
		w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.maxBody)
		r, idx := s.record(r)
		captured := captureJSON(r)
		defer func() {
			s.finish(idx, w.status, captured.bytes())
			if s.cfg.logger != nil {
				s.cfg.logger.Debug("docusigntest request", "method", r.Method,
					"path", logPath(r.URL.Path), "status", w.status,
					"duration", time.Since(start))
			}
		}()
		rest := strings.HasPrefix(r.URL.Path, restPrefix)
		if !s.quotaAllows(w, rest) {
			return
		}
		if s.applyFault(w, r, next) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleUnknown(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" && r.Method == http.MethodGet {
		s.renderHome(w)
		return
	}
	writeError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND",
		"docusigntest does not serve "+r.Method+" "+r.URL.Path+".")
}

// logPath is path with the token of a signing or sending link redacted:
// whoever holds it acts as the recipient or the sender.
func logPath(path string) string {
	for _, p := range []string{"/Signing/MTRedeem/v1/", "/Sending/v1/"} {
		if rest, ok := strings.CutPrefix(path, p); ok {
			_, after, found := strings.Cut(rest, "/")
			if found {
				return p + redacted + "/" + after
			}
			return p + redacted
		}
	}
	return path
}

// drain reads what is left of a request body, so that the connection can be
// reused or closed cleanly.
func drain(r *http.Request) { _, _ = io.Copy(io.Discard, r.Body) }

func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
