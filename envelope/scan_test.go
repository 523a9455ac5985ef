package envelope

import (
	"testing"
)

// plainRunByBytes is plainRun's definition, one byte at a time.
func plainRunByBytes(data []byte, i int) int {
	for ; i < len(data); i++ {
		if c := data[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return i
		}
	}
	return i
}

func TestPlainRunStopsAtTheFirstByteToLookAt(t *testing.T) {
	t.Parallel()
	// Bytes next to the special ones, which the eight-byte test must not
	// take for them, and the special ones.
	bytes := []byte{'a', ' ', '!', '#', '[', ']', 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x1f, 0x00,
		'"', '\\', 0x80, 0xc3, 0xff}
	for n := range 20 {
		for p := range n {
			for _, b := range bytes {
				for _, second := range []byte{'a', '"', 0x01} {
					data := make([]byte, n)
					for i := range data {
						data[i] = 'x'
					}
					data[p] = b
					if p+3 < n {
						data[p+3] = second
					}
					for start := range n + 1 {
						got, want := plainRun(data, start), plainRunByBytes(data, start)
						if got != want {
							t.Fatalf("plainRun(%q, %d) = %d, want %d", data, start, got, want)
						}
					}
				}
			}
		}
	}
}
