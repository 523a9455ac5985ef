package webhook

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestA19_LogsNameReasonAndIDsNeverBodySignatureOrKey(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	v := mustVerifier(t, testKey)
	failing := true
	h := NewHandler(v, func(context.Context, *Event) error {
		if failing {
			return errors.New("queue is down")
		}
		return nil
	}, WithLogger(logger), WithMaxBodySize(8<<10)).(*handler)
	th := &testHandler{handler: h}

	body := readSample(t, fullJSON)
	good := Sign(body, testKey)
	forged := Sign(body, otherKey)
	garbage := []byte("this is not a connect message, but it is signed")
	huge := []byte(strings.Repeat("x", 9<<10))

	assert.Equal(t, http.StatusUnauthorized, th.post(body, nil).Code)
	assert.Equal(t, http.StatusUnauthorized, th.post(body, signed(forged)).Code)
	unsignedLogs := logs.String()
	assert.Equal(t, http.StatusOK, th.post(garbage, signed(Sign(garbage, testKey))).Code)
	assert.Equal(t, http.StatusRequestEntityTooLarge, th.post(huge, signed(Sign(huge, testKey))).Code)
	assert.Equal(t, http.StatusInternalServerError, th.post(body, signed(good)).Code)
	failing = false
	assert.Equal(t, http.StatusOK, th.post(body, signed(good)).Code)
	assert.Equal(t, http.StatusOK, th.post(body, signed(good)).Code)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	th.ServeHTTP(httptest.NewRecorder(), req)

	out := logs.String()
	for _, secret := range []string{
		testKey, otherKey, good, forged, string(body), string(garbage), "xxxxxxxxxxxxxxxx",
		"joshuabsaubon", "Please DocuSign", // content of the body
	} {
		assert.NotContains(t, out, secret)
	}
	for _, want := range []string{
		"no X-DocuSign-Signature header",    // not signed
		"matches the body",                  // forged
		"neither JSON",                      // quarantine reason
		"larger than the handler's cap",     // 413
		"queue is down",                     // the function's failure
		"delivery.configurationId=10055427", // delivery IDs once verified
		"delivery.envelopeId=7a5f1e05-6b6b-445e-9ec0-b8531bacca38",
		"delivery.event=envelope-completed",
		"dropped a redelivery",
		"method=GET",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, unsignedLogs, "7a5f1e05", "no ID is read from an unverified body")
}

func TestHandler_SilentWithoutALogger(t *testing.T) {
	// Not parallel: it replaces the process's default logger.
	var logs syncBuffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer slog.SetDefault(old)
	th := newTestHandler(t, mustVerifier(t, testKey))
	body := readSample(t, fullJSON)
	th.post(body, nil)
	th.post([]byte("x"), signed(Sign([]byte("x"), testKey)))
	th.rec.err = errors.New("queue is down")
	th.post(body, signed(Sign(body, testKey)))
	assert.Empty(t, logs.String())
}
