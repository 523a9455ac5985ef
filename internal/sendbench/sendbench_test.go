package main

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPatternYieldsExactlySizeDeterministicBytes(t *testing.T) {
	t.Parallel()
	for _, size := range []int64{0, 1, 32<<10 + 7, 200_000} {
		a, err := io.ReadAll(newPattern(size))
		require.NoError(t, err)
		assert.Len(t, a, int(size))
		var b bytes.Buffer
		n, err := newPattern(size).WriteTo(&b)
		require.NoError(t, err)
		assert.EqualValues(t, size, n)
		assert.True(t, bytes.Equal(a, b.Bytes()), "Read and WriteTo yield the same bytes")
	}
	head, _ := io.ReadAll(io.LimitReader(newPattern(100), 9))
	assert.Equal(t, "%PDF-1.7\n", string(head))
}

func TestEveryMethodReachesTheSinkWithTheWholeDocument(t *testing.T) {
	t.Parallel()
	const size = 300_000
	s := newSink()
	defer s.Close()
	for _, name := range methodNames {
		send, ok := method(name)
		require.True(t, ok)
		require.NoError(t, send(context.Background(), s.URL, size), name)
		assert.GreaterOrEqual(t, s.received.Load(), int64(size), name)
	}
	_, ok := method("nope")
	assert.False(t, ok)
}

func TestTheSDKSendsTheDocumentAsAMultipartPart(t *testing.T) {
	t.Parallel()
	const size = 100_000
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		require.NoError(t, err)
		mr := multipart.NewReader(r.Body, params["boundary"])
		_, err = mr.NextPart() // the definition
		require.NoError(t, err)
		doc, err := mr.NextPart()
		require.NoError(t, err)
		got, err = io.ReadAll(doc)
		require.NoError(t, err)
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"envelopeId":"e1","status":"sent"}`)
	}))
	defer srv.Close()

	require.NoError(t, sendSDK(context.Background(), srv.URL, size))
	want, _ := io.ReadAll(newPattern(size))
	assert.Equal(t, want, got)
}

func TestReportComparesEachMethodWithTheFloor(t *testing.T) {
	t.Parallel()
	rows := []row{
		summarize([]result{
			{Method: "sdk", Size: 64 << 20, Elapsed: 50 * time.Millisecond, PeakRSS: 9 << 20},
			{Method: "sdk", Size: 64 << 20, Elapsed: 40 * time.Millisecond, PeakRSS: 10 << 20},
			{Method: "sdk", Size: 64 << 20, Elapsed: 90 * time.Millisecond, PeakRSS: 8 << 20},
		}),
		summarize([]result{{Method: "raw", Size: 64 << 20, Elapsed: 40 * time.Millisecond}}),
	}
	assert.Equal(t, 50*time.Millisecond, rows[0].elapsed, "the median")
	assert.EqualValues(t, 10<<20, rows[0].peakRSS, "the largest peak")
	var out strings.Builder
	printReport(&out, rows)
	assert.Equal(t, []string{"64", "sdk", "10.0", "50ms", "1280", "80%"},
		strings.Fields(strings.Split(out.String(), "\n")[1]))
}

func TestRunsAndSizes(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 25, runsFor(0, 1))
	assert.Equal(t, 7, runsFor(0, 256))
	assert.Equal(t, 8, runsFor(0, 64))
	assert.Equal(t, 5, runsFor(5, 1))
	sizes, err := parseSizes("1, 64,256")
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 64, 256}, sizes)
	_, err = parseSizes("1,lots")
	assert.ErrorContains(t, err, `"lots" is not a size`)
}

func TestPeakRSSIsReadFromProc(t *testing.T) {
	t.Parallel()
	rss, err := peakRSS()
	require.NoError(t, err)
	assert.Greater(t, rss, int64(1<<20))
}
