package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestA1_ValidSignatureDeliversTheParsedEventWith200(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	th := newTestHandler(t, mustVerifier(t, testKey))
	w := th.post(body, signed("RqbXElS60k8qd1NHwckirxfX1tfk/WLUM+dwi7bMIhI="))

	assert.Equal(t, 200, w.Code, "exactly 200")
	require.Equal(t, 1, th.rec.count())
	ev := th.rec.last()
	assert.Equal(t, EventEnvelopeCompleted, ev.Type)
	assert.Equal(t, "7a5f1e05-6b6b-445e-9ec0-b8531bacca38", ev.EnvelopeID)
	assert.Equal(t, int32(1), th.spy.calls.Load())
}

func TestA13_BodyCapIsAcceptedAndOneByteMoreIs413(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	prefix := readSample(t, minimalSIM)
	signFor := func(size int64) string {
		mac := hmac.New(sha256.New, []byte(testKey))
		_, err := io.Copy(mac, &paddedBody{prefix: prefix, size: size})
		require.NoError(t, err)
		return base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	send := func(size int64, declared bool) (*testHandler, *paddedBody, int) {
		th := newTestHandler(t, mustVerifier(t, testKey), WithMaxBodySize(limit))
		src := &paddedBody{prefix: prefix, size: size}
		req := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(src))
		req.ContentLength = -1
		if declared {
			req.ContentLength = size
		}
		sig := "not computed for a body this large"
		if size <= limit+1 {
			sig = signFor(size)
		}
		req.Header.Set("X-DocuSign-Signature-1", sig)
		w := httptest.NewRecorder()
		th.ServeHTTP(w, req)
		return th, src, w.Code
	}
	for _, declared := range []bool{false, true} {
		name := map[bool]string{false: "streamed", true: "with Content-Length"}[declared]
		t.Run(name+" at the cap", func(t *testing.T) {
			th, src, code := send(limit, declared)
			assert.Equal(t, http.StatusOK, code)
			assert.Equal(t, int64(limit), src.off)
			assert.Equal(t, 1, th.rec.count())
		})
	}
	t.Run("streamed one byte past the cap", func(t *testing.T) {
		th, src, code := send(limit+1, false)
		assert.Equal(t, http.StatusRequestEntityTooLarge, code)
		assert.LessOrEqual(t, src.off, int64(limit+1), "nothing read past the cap")
		assert.Zero(t, th.spy.calls.Load())
		assert.Zero(t, th.rec.count())
	})
	t.Run("declared one byte past the cap", func(t *testing.T) {
		th, src, code := send(limit+1, true)
		assert.Equal(t, http.StatusRequestEntityTooLarge, code)
		assert.Zero(t, src.off, "refused before reading")
		assert.Zero(t, th.rec.count())
	})
	t.Run("a huge stream stops at the cap", func(t *testing.T) {
		th, src, code := send(1<<40, false)
		assert.Equal(t, http.StatusRequestEntityTooLarge, code)
		assert.LessOrEqual(t, src.off, int64(limit+1))
		assert.Zero(t, th.rec.count())
	})
	t.Run("the default fits an include-documents message", func(t *testing.T) {
		assert.Equal(t, int64(64<<20), DefaultMaxBodySize)
		assert.Equal(t, DefaultMaxBodySize, newTestHandler(t, mustVerifier(t, testKey)).cfg.maxBody)
	})
}

func TestA14_BodyReadErrorOrDisconnectIs400(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	for name, err := range map[string]error{
		"client went away":  io.ErrUnexpectedEOF,
		"connection reset":  errors.New("read tcp 127.0.0.1:443: connection reset by peer"),
		"context cancelled": context.Canceled,
	} {
		t.Run(name, func(t *testing.T) {
			var quarantined int
			th := newTestHandler(t, mustVerifier(t, testKey),
				WithQuarantine(func(context.Context, []byte, error) { quarantined++ }))
			src := &failingBody{data: body[:len(body)/2], err: err}
			req := httptest.NewRequest(http.MethodPost, "/", src)
			req.Header.Set("X-DocuSign-Signature-1", Sign(body, testKey))
			w := httptest.NewRecorder()
			th.ServeHTTP(w, req)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Zero(t, th.spy.calls.Load())
			assert.Zero(t, th.rec.count())
			assert.Zero(t, quarantined)
		})
	}
}

func TestA15_SignedButUnparsableIsAcknowledgedAndQuarantined(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body []byte
		want error
	}{
		"not JSON or XML":  {[]byte("hello, world"), ErrUnknownFormat},
		"empty":            {nil, ErrEmptyBody},
		"white space only": {[]byte(" \r\n\t"), ErrEmptyBody},
		"unknown event type": {simJSON("envelope-teleported", "e1", "", time.Now(), 0),
			ErrUnknownEvent},
		"no event at all":     {[]byte(`{"data":{"envelopeId":"e1"}}`), ErrUnknownEvent},
		"broken JSON":         {[]byte(`{"event":"envelope-sent",`), ErrMalformedMessage},
		"JSON of wrong shape": {[]byte(`{"event":"envelope-sent","data":[1]}`), ErrMalformedMessage},
		"no envelope ID":      {simJSON("envelope-sent", "", "", time.Now(), 0), ErrMalformedMessage},
		"broken XML": {[]byte(`<DocuSignEnvelopeInformation xmlns="x"><a>`),
			ErrMalformedMessage},
		"XML of another kind":  {[]byte(`<html><body>hi</body></html>`), ErrMalformedMessage},
		"XML without a status": {legacyXML("", "e1"), ErrUnknownEvent},
	} {
		t.Run(name, func(t *testing.T) {
			type quarantined struct {
				body []byte
				err  error
			}
			var got []quarantined
			th := newTestHandler(t, mustVerifier(t, testKey),
				WithQuarantine(func(_ context.Context, body []byte, err error) {
					got = append(got, quarantined{bytes.Clone(body), err})
				}))
			w := th.post(tc.body, signed(Sign(tc.body, testKey)))
			assert.Equal(t, http.StatusOK, w.Code)
			assert.Zero(t, th.rec.count())
			require.Len(t, got, 1)
			assert.Equal(t, string(tc.body), string(got[0].body), "the raw body")
			assert.ErrorIs(t, got[0].err, tc.want)

			unsigned := th.post(tc.body, nil)
			assert.Equal(t, http.StatusUnauthorized, unsigned.Code, "unsigned is still 401")
			assert.Len(t, got, 1)
		})
	}
	t.Run("without a quarantine callback it is still 200", func(t *testing.T) {
		body := []byte("not a message")
		th := newTestHandler(t, mustVerifier(t, testKey))
		assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
	})
}

func legacyXML(status, envelopeID string) []byte {
	return []byte(`<?xml version="1.0" encoding="utf-8"?>` +
		`<DocuSignEnvelopeInformation xmlns="http://www.docusign.net/API/3.0">` +
		`<EnvelopeStatus><TimeGenerated>2020-03-28T23:57:15.1085476</TimeGenerated>` +
		`<EnvelopeID>` + envelopeID + `</EnvelopeID><Status>` + status + `</Status>` +
		`</EnvelopeStatus><TimeZoneOffset>-7</TimeZoneOffset></DocuSignEnvelopeInformation>`)
}

func TestA16_NothingIsParsedBeforeVerificationSucceeds(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	v := mustVerifier(t, testKey)
	var order []string
	th := newTestHandler(t, v)
	th.parse = func(b []byte) (*Event, error) {
		order = append(order, "parse")
		return Parse(b)
	}
	th.verifier = v
	for _, h := range []http.Header{nil, signed("garbage"), signed(Sign(body, otherKey))} {
		assert.Equal(t, http.StatusUnauthorized, th.post(body, h).Code)
	}
	assert.Empty(t, order, "no parse for any refused request")
	assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
	assert.Equal(t, []string{"parse"}, order, "one parse once verified")
}

// unreadBody fails the test if anything reads it.
type unreadBody struct{ t *testing.T }

func (u unreadBody) Read([]byte) (int, error) {
	u.t.Error("the body was read")
	return 0, io.EOF
}

func TestA18_NonPOSTIs405WithoutVerificationWork(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPut,
		http.MethodDelete, http.MethodPatch, http.MethodOptions, "PROPFIND"} {
		t.Run(method, func(t *testing.T) {
			th := newTestHandler(t, mustVerifier(t, testKey))
			req := httptest.NewRequest(method, "/", unreadBody{t})
			req.Header.Set("X-DocuSign-Signature-1", "anything")
			w := httptest.NewRecorder()
			th.ServeHTTP(w, req)
			assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
			assert.Equal(t, http.MethodPost, w.Header().Get("Allow"))
			assert.Zero(t, th.spy.calls.Load())
			assert.Zero(t, th.rec.count())
		})
	}
}

func TestHandler_RefusalsSayNothingButTheStatus(t *testing.T) {
	t.Parallel()
	body := readSample(t, fullJSON)
	th := newTestHandler(t, mustVerifier(t, testKey))
	forged := Sign(body, otherKey)
	w := th.post(body, signed(forged))
	assert.Equal(t, http.StatusUnauthorized, w.Code)
	assert.Equal(t, "Unauthorized\n", w.Body.String())
	assert.NotContains(t, w.Body.String(), forged)
	assert.NotContains(t, w.Body.String(), Sign(body, testKey))
}

func TestHandler_NilFunctionAnswers500SoConnectKeepsTheMessage(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	h := NewHandler(mustVerifier(t, testKey), nil)
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("X-DocuSign-Signature-1", Sign(body, testKey))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	assert.Equal(t, http.StatusInternalServerError, w.Code)
}

func TestHandler_PanickingFunctionIs500AndIsRetried(t *testing.T) {
	t.Parallel()
	body := readSample(t, minimalSIM)
	calls := 0
	h := NewHandler(mustVerifier(t, testKey), func(context.Context, *Event) error {
		calls++
		if calls == 1 {
			panic("the queue client blew up")
		}
		return nil
	}).(*handler)
	th := &testHandler{handler: h, rec: &recorder{}, spy: &spyParse{}}
	assert.Equal(t, http.StatusInternalServerError, th.post(body, signed(Sign(body, testKey))).Code)
	assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
	assert.Equal(t, 2, calls)
}

// syncBuffer is a log destination safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestHandler_PanickingQuarantineStillAcknowledges(t *testing.T) {
	t.Parallel()
	th := newTestHandler(t, mustVerifier(t, testKey), WithQuarantine(
		func(context.Context, []byte, error) { panic("the dead-letter store is down") }))
	body := []byte("not a message")
	assert.Equal(t, http.StatusOK, th.post(body, signed(Sign(body, testKey))).Code)
}
