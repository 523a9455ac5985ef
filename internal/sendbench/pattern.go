package main

import "io"

// patternReader yields size bytes of a fixed pseudo-random pattern, made on
// the fly: the benchmark's document, so that no large file is kept in the
// repository and every method reads the same bytes.
type patternReader struct {
	block     []byte
	off       int
	remaining int64
}

// newPattern returns a reader of size bytes. Every reader of the same size
// yields the same bytes.
func newPattern(size int64) *patternReader {
	block := make([]byte, 32<<10)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range block {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		block[i] = byte(x)
	}
	copy(block, "%PDF-1.7\n") // so the document looks like what it stands for
	return &patternReader{block: block, remaining: size}
}

func (p *patternReader) Read(b []byte) (int, error) {
	if p.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.remaining {
		b = b[:p.remaining]
	}
	n := 0
	for n < len(b) {
		c := copy(b[n:], p.block[p.off:])
		n += c
		p.off = (p.off + c) % len(p.block)
	}
	p.remaining -= int64(n)
	return n, nil
}

func (p *patternReader) Close() error { return nil }

// WriteTo writes the remaining bytes to w a block at a time, as io.Copy
// prefers: the floor then streams in large writes, the fastest a POST of
// these bytes can be.
func (p *patternReader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for p.remaining > 0 {
		chunk := p.block[p.off:min(int64(len(p.block)), int64(p.off)+p.remaining)]
		n, err := w.Write(chunk)
		total += int64(n)
		p.remaining -= int64(n)
		p.off = (p.off + n) % len(p.block)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
