package auth

import (
	"testing"
)

// BenchmarkSource_CachedToken measures the path every API call takes: the
// cached token, under the source's mutex, from many goroutines at once.
func BenchmarkSource_CachedToken(b *testing.B) {
	f := newFakeOAuth(b)
	ts := memorySource(b, f)
	if _, err := ts.Token(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := ts.TokenContext(b.Context()); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkSource_JWTGrant measures one refresh of the JWT grant end to
// end, in memory: signing the assertion (RSA-2048), the fake's verification
// and the decoding of the answer.
func BenchmarkSource_JWTGrant(b *testing.B) {
	f := newFakeOAuth(b)
	ts := memorySource(b, f)
	b.ReportAllocs()
	for b.Loop() {
		tok, err := ts.Token()
		if err != nil {
			b.Fatal(err)
		}
		ts.InvalidateToken(tok)
	}
}
