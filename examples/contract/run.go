package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/envelope"
)

// run sends one contract for signature, follows it to the end and
// downloads the signed PDF, printing one line per step to out.
func run(ctx context.Context, cfg config, out io.Writer) error {
	began := time.Now()
	p := &printer{w: out}
	var (
		b   *backend
		err error
	)
	if cfg.live() {
		b, err = liveBackend(cfg, p)
	} else {
		b, err = fakeBackend(cfg, p)
	}
	if err != nil {
		return err
	}
	defer b.close()

	f := flow{cfg: cfg, b: b, p: p}
	client, err := f.connect(ctx)
	if err != nil {
		return err
	}
	svc := envelope.NewService(client, envelope.WithRules(contractRules))
	s, err := f.send(ctx, svc)
	if err != nil {
		return err
	}
	final, err := b.follow(ctx, s)
	if err != nil {
		return err
	}
	if final != envelope.StatusCompleted {
		return fmt.Errorf("the envelope ended %s (%s), so there is no signed contract to "+
			"download", final, meaning(final))
	}
	path, size, err := download(ctx, svc, s.summary.EnvelopeID, cfg.outDir)
	if err != nil {
		return err
	}
	p.step("Downloaded the signed contract (the combined PDF) to %s, %d bytes.", path, size)
	if err := b.finish(ctx); err != nil {
		return err
	}
	p.say("Done in %.1fs: the contract went from sent to completed.",
		time.Since(began).Seconds())
	return nil
}

// flow holds what the steps of a run share.
type flow struct {
	cfg config
	b   *backend
	p   *printer
}

// connect gets a token with the JWT grant, finds the account to use and
// builds the client for it.
func (f flow) connect(ctx context.Context) (*docusign.Client, error) {
	cfg, b, p := f.cfg, f.b, f.p
	var sopts []auth.SourceOption
	if cfg.logger != nil {
		sopts = append(sopts, auth.WithLogger(cfg.logger))
	}
	ts, err := b.jwt.TokenSource(ctx, sopts...)
	if err != nil {
		return nil, fmt.Errorf("the JWT grant's settings: %w", err)
	}
	tok, err := docusign.TokenFrom(ctx, ts)
	if err != nil {
		return nil, fmt.Errorf("getting an access token: %w", err)
	}
	p.step("Got an access token with the JWT grant, valid until %s.",
		tok.Expiry.Format("15:04"))

	info, err := auth.FetchUserInfo(ctx, ts, b.env)
	if err != nil {
		return nil, fmt.Errorf("asking DocuSign for the user's accounts: %w", err)
	}
	acct, which := docusign.Account{}, "the account of "+envAccountID
	if cfg.accountID != "" {
		acct, err = info.Account(cfg.accountID)
	} else {
		acct, err = info.DefaultAccount()
		which = "the user's default account"
	}
	if err != nil {
		return nil, fmt.Errorf("choosing the account: %w", err)
	}
	p.step("Found %s, %q (ID %s), for %s; its base URI is %s.", which, acct.Name, acct.ID,
		info.Name, acct.BaseURI)

	var opts []docusign.Option
	if b.httpClient != nil {
		opts = append(opts, docusign.WithHTTPClient(b.httpClient))
	}
	if cfg.logger != nil {
		opts = append(opts, docusign.WithLogger(cfg.logger))
	}
	client, err := docusign.NewClient(ts, acct, opts...)
	if err != nil {
		return nil, fmt.Errorf("building the client for account %s: %w", acct.ID, err)
	}
	p.step("Built a DocuSign client for that account and base URI.")
	return client, nil
}

// send builds the envelope, validates it with the host's rules and sends it.
func (f flow) send(ctx context.Context, svc *envelope.Service) (sent, error) {
	cfg, b, p := f.cfg, f.b, f.p
	signer := envelope.Signer{Name: cfg.signerName, Email: cfg.signerEmail}
	if !cfg.live() {
		signer.Name = orDefault(signer.Name, fakeSigner.Name)
		signer.Email = orDefault(signer.Email, fakeSigner.Email)
	}
	doc, what, err := contractDocument(cfg, signer)
	if err != nil {
		return sent{}, err
	}
	p.step("%s", what)
	def := definition(cfg, doc, signer)
	def.EventNotification = b.notify
	if err := def.Validate(contractRules); err != nil {
		return sent{}, fmt.Errorf("the envelope is not valid: %w", err)
	}
	p.step("The envelope passes validation: subject, instructions, a signer with a " +
		"sign-here tab, a .pdf, .doc or .docx.")
	b.watch()

	sum, err := svc.Create(ctx, &def)
	if err != nil {
		return sent{}, fmt.Errorf("sending the envelope: %w", err)
	}
	p.step("Sent envelope %s to %s <%s>, subject %q.", sum.EnvelopeID,
		def.Recipients.Signers[0].Name, def.Recipients.Signers[0].Email, def.EmailSubject)
	return sent{svc: svc, summary: *sum, signer: def.Recipients.Signers[0]}, nil
}

// download saves the envelope's combined PDF, the signed contract, to a new
// file in dir (the system's temp dir when empty).
func download(ctx context.Context, svc *envelope.Service, id, dir string) (string, int64, error) {
	rc, err := svc.Document(ctx, id, envelope.DocumentCombined)
	if err != nil {
		return "", 0, fmt.Errorf("downloading the signed contract: %w", err)
	}
	defer rc.Close()
	f, err := os.CreateTemp(dir, "signed-contract-*.pdf")
	if err != nil {
		return "", 0, fmt.Errorf("saving the signed contract: %w", err)
	}
	n, err := io.Copy(f, rc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", 0, fmt.Errorf("saving the signed contract: %w", err)
	}
	return f.Name(), n, nil
}
