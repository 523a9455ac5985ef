package webhook

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// handler is what NewHandler returns.
type handler struct {
	verifier *Verifier
	fn       func(context.Context, *Event) error
	cfg      handlerConfig
	seen     *dedupe
	// parse is Parse; tests replace it with a spy to prove that nothing
	// is parsed before the signature is verified.
	parse func([]byte) (*Event, error)
}

// NewHandler returns the http.Handler to mount at the URL of a Connect
// configuration (or of an envelope's eventNotification). For each request
// it:
//
//  1. answers 405 to anything but POST, without reading the body;
//  2. reads the body up to the size cap (WithMaxBodySize), answering 413
//     past it and 400 when the body cannot be read (the client went away);
//  3. verifies the HMAC signature with v, answering 401 when it is missing
//     or wrong, before anything is parsed;
//  4. parses the message; a signed message that cannot be parsed is
//     answered 200 and handed to the quarantine callback (WithQuarantine),
//     because any other answer would mark the configuration down;
//  5. drops a redelivery of an event already delivered (same event, any
//     retryCount) with 200, within a bounded memory (WithDedupe); a copy
//     that arrives while the event is being delivered waits for the
//     outcome instead of running fn beside it;
//  6. calls fn with the event under a deadline (WithTimeout) and answers
//     200 when it returns nil, and 500 when it fails, panics or overruns
//     the deadline, so that Connect delivers the message again later.
//
// fn must only store or enqueue the event durably and return: Connect
// waits at most 100 seconds for an answer, and DocuSign's guidance is to
// answer within a few. Doing the work inside fn risks the deadline.
//
// A 500 (or any non-2xx) has a cost: with acknowledgement required,
// Connect marks the whole configuration down, queues this message and
// every later one, and retries once a day (at most 10 times), so recovery
// can take up to 24 hours unless the messages are republished
// (Reconciler.Republish). Return an error from fn only when the event could
// not be kept.
//
// A nil v or fn is a programming error: every request is then answered 500
// (so Connect keeps its messages until the handler is fixed) and logged.
func NewHandler(v *Verifier, fn func(context.Context, *Event) error, opts ...HandlerOption) http.Handler {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	return &handler{
		verifier: v,
		fn:       fn,
		cfg:      cfg,
		seen:     newDedupe(cfg.dedupeSize, cfg.dedupeTTL),
		parse:    Parse,
	}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reply(w, http.StatusMethodNotAllowed)
		h.log(r.Context(), slog.LevelWarn, "refused a request that is not a POST",
			slog.String("method", r.Method))
		return
	}
	if h.verifier == nil || h.fn == nil {
		h.reply(w, http.StatusInternalServerError)
		h.log(r.Context(), slog.LevelError, "the handler has no verifier or no "+
			"function; build it with NewHandler(verifier, fn)")
		return
	}
	body, err := readBody(w, r, h.cfg.maxBody)
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, errTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		h.reply(w, status)
		h.log(r.Context(), slog.LevelWarn, "refused a body", slog.String("reason", err.Error()))
		return
	}
	if err := h.verifier.Verify(body, r.Header); err != nil {
		h.reply(w, http.StatusUnauthorized)
		h.log(r.Context(), slog.LevelWarn, "refused a message whose signature does not verify",
			slog.String("reason", err.Error()), slog.Int("bytes", len(body)))
		return
	}
	ev, err := h.parse(body)
	if err != nil {
		h.quarantine(r.Context(), body, err)
		h.reply(w, http.StatusOK)
		return
	}
	if ev.SummaryErr != nil {
		h.log(r.Context(), slog.LevelWarn, "the envelope summary could not be read; "+
			"the event is delivered without it", slog.String("reason", ev.SummaryErr.Error()),
			slog.Any("delivery", ev))
	}
	h.reply(w, h.deliver(r.Context(), ev))
}

// quarantine hands a signed message that cannot be parsed to the host.
func (h *handler) quarantine(ctx context.Context, body []byte, err error) {
	h.log(ctx, slog.LevelWarn, "acknowledged a signed message that cannot be parsed, "+
		"and set it aside", slog.String("reason", err.Error()),
		slog.Bool("quarantined", h.cfg.quarantine != nil))
	if h.cfg.quarantine == nil {
		return
	}
	defer func() {
		// A panic here would drop the connection, which Connect counts as
		// a failure: the message is acknowledged all the same.
		if p := recover(); p != nil {
			h.log(ctx, slog.LevelError, "the quarantine callback panicked",
				slog.String("panic", fmt.Sprint(p)))
		}
	}()
	h.cfg.quarantine(ctx, body, err)
}

// deliver runs fn once per event and returns the status to answer.
func (h *handler) deliver(ctx context.Context, ev *Event) int {
	ctx, cancel := context.WithTimeout(ctx, h.cfg.timeout)
	defer cancel()
	key := ev.DedupeKey()
	for {
		claimed, wait := h.seen.claim(key, time.Now())
		if claimed {
			break
		}
		if wait == nil {
			h.log(ctx, slog.LevelDebug, "dropped a redelivery of an event already delivered",
				slog.Any("delivery", ev))
			return http.StatusOK
		}
		select {
		case <-wait:
		case <-ctx.Done():
			h.log(ctx, slog.LevelWarn, "a copy of this event is still being delivered; "+
				"answered 500 so that Connect redelivers", slog.Any("delivery", ev))
			return http.StatusInternalServerError
		}
	}
	done := make(chan error, 1)
	go func() {
		err := call(ctx, h.fn, ev)
		h.seen.finish(key, err == nil, time.Now())
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			h.log(ctx, slog.LevelError, "the function failed; answered 500 so that Connect "+
				"redelivers (this marks the configuration down)",
				slog.String("reason", err.Error()), slog.Any("delivery", ev))
			return http.StatusInternalServerError
		}
		h.log(ctx, slog.LevelDebug, "delivered", slog.Any("delivery", ev))
		return http.StatusOK
	case <-ctx.Done():
		h.log(ctx, slog.LevelError, "the function overran its deadline; answered 500 so "+
			"that Connect redelivers", slog.Duration("timeout", h.cfg.timeout),
			slog.Any("delivery", ev))
		return http.StatusInternalServerError
	}
}

// call runs fn, turning a panic into an error: fn runs on its own
// goroutine, where a panic would otherwise end the process.
func call(ctx context.Context, fn func(context.Context, *Event) error, ev *Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("webhook: the function panicked: %v", p)
		}
	}()
	return fn(ctx, ev)
}

// reply writes a status with its standard text and nothing else: no
// detail of a refusal reaches the sender.
func (h *handler) reply(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = fmt.Fprintln(w, http.StatusText(status))
}

func (h *handler) log(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	if h.cfg.logger == nil {
		return
	}
	h.cfg.logger.LogAttrs(ctx, level, "webhook: "+msg, attrs...)
}
