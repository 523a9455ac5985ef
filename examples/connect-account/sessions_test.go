package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
)

// TestAStaleConnectionOrSessionIsRefused: a callback more than ten minutes
// after Connect DocuSign is refused as too late, and a session older than
// half an hour is forgotten, before any code is used.
func TestAStaleConnectionOrSessionIsRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		after time.Duration
		want  string
	}{
		{"a callback after ten minutes", authLifetime + time.Second,
			"The connection took too long"},
		{"a session after half an hour", sessionLifetime + time.Second,
			"No connection in progress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
			a := &app{sessions: newSessions(), conf: auth.Config{ClientID: "ik",
				RedirectURL: "http://localhost/callback",
				Environment: docusign.Environment{AuthServer: "https://account-d.example"}}}
			a.sessions.now = func() time.Time { return now }

			rec := httptest.NewRecorder()
			a.routes().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/connect", nil))
			require.Equal(t, http.StatusFound, rec.Code)
			loc, err := url.Parse(rec.Header().Get("Location"))
			require.NoError(t, err)
			cookies := rec.Result().Cookies()
			require.Len(t, cookies, 1)

			now = now.Add(tt.after)
			req := httptest.NewRequest(http.MethodGet, "/callback?code=c&state="+
				url.QueryEscape(loc.Query().Get("state")), nil)
			req.AddCookie(cookies[0])
			rec = httptest.NewRecorder()
			a.routes().ServeHTTP(rec, req)
			assert.Equal(t, http.StatusBadRequest, rec.Code)
			assert.Contains(t, rec.Body.String(), tt.want)
		})
	}
}
