package webhook

import (
	"context"
	"log/slog"
	"time"
)

// Defaults of the Handler, each changed by an option.
const (
	// DefaultMaxBodySize is the largest body the Handler reads: 64 MiB.
	// Connect's include-documents messages carry every document base64
	// encoded (DocuSign allows 25 MB of documents, about 34 MB once encoded)
	// plus the certificate and the JSON around them, and a body refused for
	// its size marks the whole Connect configuration down, so the cap sits
	// well above the largest genuine message.
	DefaultMaxBodySize int64 = 64 << 20
	// DefaultTimeout bounds each call of the Handler's function: well under
	// the 100 seconds Connect waits for an answer, so a slow function gets
	// a 500 (and a redelivery) instead of a hung connection.
	DefaultTimeout = 20 * time.Second
	// DefaultDedupeSize is how many delivered events the Handler remembers
	// to drop their redeliveries: about 2.5 MB of memory.
	DefaultDedupeSize = 10_000
	// DefaultDedupeTTL is how long the Handler remembers a delivered event:
	// longer than Connect's retry window (one retry a day, at most 10).
	DefaultDedupeTTL = 11 * 24 * time.Hour
)

// HandlerOption configures NewHandler. Options may come in any order; an
// option given twice keeps the last value.
type HandlerOption func(*handlerConfig)

type handlerConfig struct {
	maxBody    int64
	timeout    time.Duration
	dedupeSize int
	dedupeTTL  time.Duration
	quarantine func(ctx context.Context, body []byte, err error)
	logger     *slog.Logger
}

func defaultConfig() handlerConfig {
	return handlerConfig{
		maxBody:    DefaultMaxBodySize,
		timeout:    DefaultTimeout,
		dedupeSize: DefaultDedupeSize,
		dedupeTTL:  DefaultDedupeTTL,
	}
}

// WithMaxBodySize sets the largest body the Handler reads, in bytes
// (DefaultMaxBodySize unless set; n <= 0 keeps the default). A larger
// request gets 413 without being read further. Keep it above the largest
// message the Connect configuration can send, or that message marks the
// configuration down.
func WithMaxBodySize(n int64) HandlerOption {
	return func(c *handlerConfig) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithQuarantine sets the function that receives each signed message the
// Handler cannot parse (not JSON or XML, empty, or an unknown event type),
// with its raw body and the reason. The Handler acknowledges such a message
// with 200, because any other answer marks the Connect configuration down
// and holds every later message back; the message is the host's to keep
// and look at. fn runs before the Handler answers, so it should only store
// the body. Without this option the message is dropped, with a warning when
// a logger is set.
func WithQuarantine(fn func(ctx context.Context, body []byte, err error)) HandlerOption {
	return func(c *handlerConfig) { c.quarantine = fn }
}

// WithLogger makes the Handler log each request it refuses, sets aside or
// answers 500 at warning level (error level when the function or the
// quarantine callback failed), and each delivery or dropped redelivery at
// debug level, with the reason and the delivery's identifiers
// (configuration, envelope, event); never the body, a signature or a key.
// Without it the Handler is silent.
func WithLogger(l *slog.Logger) HandlerOption {
	return func(c *handlerConfig) { c.logger = l }
}

// WithTimeout bounds each call of the Handler's function (DefaultTimeout
// unless set; d <= 0 keeps the default). The function's context ends then,
// and the Handler answers 500 without waiting further, so that Connect
// redelivers. Keep it well under Connect's 100 seconds.
func WithTimeout(d time.Duration) HandlerOption {
	return func(c *handlerConfig) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithDedupe sets how many delivered events the Handler remembers, and for
// how long, to drop their redeliveries (DefaultDedupeSize and
// DefaultDedupeTTL unless set). The oldest are forgotten first. size 0
// turns deduplication off, for a host that deduplicates in its own store
// with Event.DedupeKey; ttl <= 0 keeps the default.
func WithDedupe(size int, ttl time.Duration) HandlerOption {
	return func(c *handlerConfig) {
		c.dedupeSize = max(size, 0)
		if ttl > 0 {
			c.dedupeTTL = ttl
		}
	}
}
