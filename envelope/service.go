package envelope

import (
	"errors"
	"net/url"
	"time"

	"github.com/esignkit/docusign-go/docusign"
)

// DefaultReconcileDelay is how long Create waits, after a create whose
// outcome is unknown, before asking DocuSign whether the envelope exists,
// and Send, after a send whose outcome is unknown, before reading the
// envelope's status. A gateway timeout can come back while DocuSign is
// still creating or sending the envelope; the wait gives it time to finish
// so the lookup sees it.
const DefaultReconcileDelay = 5 * time.Second

// Service calls DocuSign's envelope endpoints for one account. It is safe
// for concurrent use.
type Service struct {
	client         *docusign.Client
	rules          Rules
	reconcileDelay time.Duration
}

// Option configures a Service.
type Option struct {
	apply func(*Service)
}

// WithRules makes Create validate definitions with the host's rules, such
// as the document types it accepts. Without it, Create uses Rules{}.
func WithRules(r Rules) Option {
	return Option{apply: func(s *Service) { s.rules = r }}
}

// WithReconcileDelay replaces DefaultReconcileDelay; zero looks the
// envelope up at once.
func WithReconcileDelay(d time.Duration) Option {
	return Option{apply: func(s *Service) { s.reconcileDelay = max(d, 0) }}
}

// NewService returns a Service that calls DocuSign through c.
func NewService(c *docusign.Client, opts ...Option) *Service {
	s := &Service{client: c, reconcileDelay: DefaultReconcileDelay}
	for _, opt := range opts {
		if opt.apply != nil {
			opt.apply(s)
		}
	}
	return s
}

// errNoClient is returned by every call of a Service built without a
// client.
var errNoClient = errors.New("envelope: the Service has no docusign.Client; " +
	"build it with NewService(client)")

// check guards every endpoint method: the service has a client and the
// envelope ID is given.
func (s *Service) check(id string) error {
	if s == nil || s.client == nil {
		return errNoClient
	}
	if id == "" {
		return errors.New("envelope: the envelope ID is empty")
	}
	return nil
}

// envelopePath returns the path of an envelope, or of one of its
// sub-resources.
func envelopePath(id string, sub ...string) string {
	p := "/envelopes/" + url.PathEscape(id)
	for _, s := range sub {
		p += "/" + url.PathEscape(s)
	}
	return p
}
