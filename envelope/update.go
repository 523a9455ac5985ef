package envelope

import "time"

// StatusUpdate is what a host stores to keep a contract in step with its
// envelope: the status and when DocuSign says it changed (the envelope's
// statusChangedDateTime, or a Connect event's time).
type StatusUpdate struct {
	Status Status
	At     time.Time
}

// Supersedes reports whether u should replace stored, the update a host
// holds, so that a stored status never moves backwards however Connect
// deliveries and polls interleave. The rules, in order:
//
//   - Anything replaces nothing (a stored update with no status); an update
//     with no status replaces nothing.
//   - A final status (see Status.IsFinal) is never replaced by one that is
//     not final.
//   - A later status in DocuSign's order replaces an earlier one, whatever
//     the times say: sent < delivered < signed < completed, declined, voided
//     or timed out < authoritative copy < transfer completed < deleted. So a
//     late "delivered" never undoes "completed", and "voided" replaces
//     "sent".
//   - Two different ways of ending (completed and declined, say) cannot both
//     be true: the one that happened first stands, so a stored final status
//     is replaced only by a different final status that is strictly older.
//   - Otherwise (the same status again, or an equal rank such as sent and
//     correct) the strictly newer time wins; an update without a time does
//     not replace one of equal rank. A duplicate delivery therefore
//     supersedes nothing.
//   - A status this package does not know is ordered by time alone, below
//     any final status.
func (u StatusUpdate) Supersedes(stored StatusUpdate) bool {
	if stored.Status == "" || u.Status == "" {
		return stored.Status == "" && u.Status != ""
	}
	if stored.Status.IsFinal() && !u.Status.IsFinal() {
		return false
	}
	ur, sr := u.Status.rank(), stored.Status.rank()
	switch {
	case ur == 0 || sr == 0:
		return newer(u.At, stored.At) || (sr == 0 && u.Status.IsFinal())
	case ur != sr:
		return ur > sr
	case u.Status != stored.Status && u.Status.IsFinal():
		return older(u.At, stored.At)
	}
	return newer(u.At, stored.At)
}

// newer reports whether a is known and after b (or b is unknown).
func newer(a, b time.Time) bool { return !a.IsZero() && (b.IsZero() || a.After(b)) }

// older reports whether both are known and a is before b.
func older(a, b time.Time) bool { return !a.IsZero() && !b.IsZero() && a.Before(b) }
