package auth

import (
	"context"
	"time"
)

// backgroundMaxDelay caps the delay between background retries after
// failures, so that a source whose grant no longer works (consent revoked,
// key deleted) costs DocuSign one request every few minutes at most.
const backgroundMaxDelay = 5 * time.Minute

func (s *Source) startBackground(ctx context.Context) {
	ctx, s.stop = context.WithCancel(ctx)
	s.wake = make(chan struct{}, 1)
	s.stopped = make(chan struct{})
	go s.loop(ctx)
}

// Close stops the background refresher, if the source has one, and waits
// for it to end; a refresh it started is cancelled, and callers waiting for
// that refresh ask again. The source still works after Close, refreshing on
// demand. Close always returns nil.
func (s *Source) Close() error {
	if s.stop == nil {
		return nil
	}
	s.stop()
	<-s.stopped
	return nil
}

// notify wakes the background refresher to look at a new state.
func (s *Source) notify() {
	if s.wake == nil {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// loop is the background refresher: it sleeps until the cached token's
// earlyAt, then refreshes it through the same flight as callers would.
func (s *Source) loop(ctx context.Context) {
	defer close(s.stopped)
	var notBefore time.Time
	delay := max(s.set.backoff, time.Second)
	for {
		if !s.sleep(ctx, notBefore) {
			return
		}
		s.mu.Lock()
		f, mine := s.flight, false
		if f == nil {
			f, mine = s.startLocked(), true
		}
		s.mu.Unlock()
		if mine {
			s.run(ctx, f)
		} else {
			select {
			case <-f.done:
			case <-ctx.Done():
				return
			}
		}
		if f.err == nil {
			// At most one background refresh a second, however short-lived
			// DocuSign's tokens turn out to be.
			notBefore, delay = s.set.now().Add(time.Second), max(s.set.backoff, time.Second)
			continue
		}
		notBefore = s.set.now().Add(delay)
		delay = min(2*delay, backgroundMaxDelay)
	}
}

// sleep waits until the cached token's earlyAt (and notBefore), waking to
// re-read it when the state changes. It reports false when ctx ended.
func (s *Source) sleep(ctx context.Context, notBefore time.Time) bool {
	for {
		at, ok := s.nextEarly()
		if ok && at.Before(notBefore) {
			at = notBefore
		}
		var timer *time.Timer
		var fire <-chan time.Time
		if ok {
			d := at.Sub(s.set.now())
			if d <= 0 {
				return true
			}
			timer = time.NewTimer(d)
			fire = timer.C
		}
		select {
		case <-ctx.Done():
			return false
		case <-s.wake:
			if timer != nil {
				timer.Stop()
			}
		case <-fire:
			return true
		}
	}
}

// nextEarly returns when the cached token is due for a background refresh;
// false when there is no token yet (the first one is asked for by a caller).
func (s *Source) nextEarly() (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return time.Time{}, false
	}
	if s.invalid {
		return s.set.now(), true
	}
	return s.cur.earlyAt, true
}
