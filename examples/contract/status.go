package main

import (
	"fmt"
	"io"

	"github.com/esignkit/docusign-go/envelope"
)

// printer writes the program's output: numbered steps, and indented notes
// under them.
type printer struct {
	w io.Writer
	n int
}

// step prints the next numbered step.
func (p *printer) step(format string, a ...any) {
	p.n++
	fmt.Fprintf(p.w, "%2d. %s\n", p.n, fmt.Sprintf(format, a...))
}

// note prints a line under the current step.
func (p *printer) note(format string, a ...any) {
	fmt.Fprintf(p.w, "    %s\n", fmt.Sprintf(format, a...))
}

// say prints an unnumbered line.
func (p *printer) say(format string, a ...any) {
	fmt.Fprintf(p.w, "%s\n", fmt.Sprintf(format, a...))
}

// board is the contract's status as the host application shows it. Reports
// arrive out of order (Connect redelivers, polls cross messages), so a
// report replaces the shown status only when it supersedes it: the status
// shown never moves backwards.
type board struct {
	p     *printer
	shown envelope.StatusUpdate
}

// report is one thing heard about the envelope: from source (a Connect
// event, a status check), the status it implies if hasStatus, and what it
// says besides (a recipient who signed).
type report struct {
	source    string
	update    envelope.StatusUpdate
	hasStatus bool
	detail    string
}

// apply shows r and keeps its status if it supersedes the one shown.
func (b *board) apply(r report) {
	switch {
	case !r.hasStatus:
		b.p.note("%s: %s.", r.source, orDefault(r.detail, "no status in this message"))
	case !r.update.Supersedes(b.shown):
		b.p.note("%s: says %s, which is not newer than the %s shown; ignored.", r.source,
			r.update.Status, b.shown.Status)
	case r.update.Status != b.shown.Status:
		b.shown = r.update
		b.p.note("%s: status %s (%s).", r.source, r.update.Status, meaning(r.update.Status))
	default:
		b.shown = r.update
		b.p.note("%s: %s; status still %s.", r.source,
			orDefault(r.detail, "no change"), r.update.Status)
	}
}

// meaning says what a status means to the person who sent the contract.
func meaning(s envelope.Status) string {
	switch s {
	case envelope.StatusSent:
		return "pending: the invitation is out, waiting for the signer"
	case envelope.StatusDelivered:
		return "pending: the signer has opened it"
	case envelope.StatusSigned:
		return "signed, DocuSign is finishing it"
	case envelope.StatusCompleted:
		return "signed by everyone; the signed PDF is ready"
	case envelope.StatusDeclined:
		return "the signer declined to sign"
	case envelope.StatusVoided:
		return "the sender voided it"
	case envelope.StatusTimedOut:
		return "it expired before everyone signed"
	}
	if s.IsFinal() {
		return "final"
	}
	return "in progress"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
