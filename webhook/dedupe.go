package webhook

import (
	"container/list"
	"sync"
	"time"
)

// dedupe remembers which events were delivered, so that a redelivery does
// not run the host's function again, and which are being delivered, so
// that a copy arriving meanwhile waits for the outcome instead of running
// the function beside it. Delivered events are kept in completion order
// and forgotten when more than size are kept or ttl has passed; events in
// flight are never forgotten (they are bounded by the requests being
// served).
type dedupe struct {
	size int
	ttl  time.Duration

	mu       sync.Mutex
	inflight map[string]chan struct{}
	done     map[string]*list.Element // of doneEntry, in order
	order    list.List                // oldest first
}

type doneEntry struct {
	key string
	at  time.Time
}

func newDedupe(size int, ttl time.Duration) *dedupe {
	if size <= 0 {
		return nil
	}
	return &dedupe{
		size:     size,
		ttl:      ttl,
		inflight: map[string]chan struct{}{},
		done:     map[string]*list.Element{},
	}
}

// claim decides what the caller does with the event named key: run it
// (claimed), drop it as a duplicate (neither claimed nor a wait channel),
// or wait for the delivery in flight to end and then claim again. A nil
// dedupe claims everything.
func (d *dedupe) claim(key string, now time.Time) (claimed bool, wait <-chan struct{}) {
	if d == nil {
		return true, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(now)
	if _, ok := d.done[key]; ok {
		return false, nil
	}
	if ch, ok := d.inflight[key]; ok {
		return false, ch
	}
	d.inflight[key] = make(chan struct{})
	return true, nil
}

// finish ends the delivery of key that claim gave the caller. A delivered
// event is remembered; a failed one is forgotten, so that its redelivery
// runs again.
func (d *dedupe) finish(key string, delivered bool, now time.Time) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if ch, ok := d.inflight[key]; ok {
		delete(d.inflight, key)
		close(ch)
	}
	if !delivered {
		return
	}
	d.done[key] = d.order.PushBack(doneEntry{key: key, at: now})
	for d.order.Len() > d.size {
		d.remove(d.order.Front())
	}
}

// expire forgets the delivered events older than ttl.
func (d *dedupe) expire(now time.Time) {
	for e := d.order.Front(); e != nil; e = d.order.Front() {
		if now.Sub(e.Value.(doneEntry).at) < d.ttl {
			return
		}
		d.remove(e)
	}
}

func (d *dedupe) remove(e *list.Element) {
	delete(d.done, e.Value.(doneEntry).key)
	d.order.Remove(e)
}

// len returns how many delivered events are remembered.
func (d *dedupe) len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.order.Len()
}
