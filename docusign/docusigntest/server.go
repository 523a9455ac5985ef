package docusigntest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/esignkit/docusign-go/docusign"
)

// Server is a stateful fake DocuSign on loopback over TLS: account server
// (OAuth, userinfo), eSignature REST API, Connect deliveries and signing
// pages, in one origin. It is safe for concurrent use. Close it when done.
type Server struct {
	cfg       config
	certs     *certs
	ln        net.Listener
	srv       *http.Server
	origin    string
	key       *rsa.PrivateKey
	keyPEM    []byte
	pubPEM    []byte
	ik        string
	secret    string
	userID    string
	tmpDir    string
	transport *http.Transport
	// deliveryClient posts Connect messages unless WithConnectClient set one.
	deliveryClient *http.Client

	// life is the server's own lifetime, not a request's: Close ends it,
	// which ends Connect deliveries, their retry waits and held requests.
	life    context.Context
	endLife context.CancelFunc
	wg      sync.WaitGroup
	once    sync.Once

	mu        sync.Mutex
	accounts  []*account
	consent   bool
	hmacKeys  []string
	tokens    map[string]*accessToken
	refreshes map[string]*refreshGrant
	codes     map[string]*authCode
	authReqs  map[string]*authRequest
	envelopes map[string]*envelope
	order     []*envelope
	views     map[string]*view
	requests  []Request
	reqBase   int // log index of requests[0]
	creates   int
	faults    []*faultState
	slowness  time.Duration
	quota     quotaState
	connect   connectState
}

type account struct {
	ID, Name  string
	IsDefault bool
}

// NewServer starts a fake DocuSign on a free loopback port and returns it.
// Like httptest.NewServer, it panics if the server cannot start (no free
// port, no randomness); use Start to get an error instead.
func NewServer(opts ...Option) *Server {
	s, err := Start(opts...)
	if err != nil {
		panic(err)
	}
	return s
}

// Start is NewServer returning an error instead of panicking.
func Start(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, ik: newGUID(), secret: newGUID(), userID: newGUID(),
		consent: !cfg.noConsent, hmacKeys: cfg.hmacKeys}
	if err := s.init(); err != nil {
		return nil, err
	}
	if err := s.listen(); err != nil {
		os.RemoveAll(s.tmpDir)
		return nil, err
	}
	return s, nil
}

func (s *Server) init() error {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("docusigntest: generating the RSA key: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return fmt.Errorf("docusigntest: encoding the public key: %w", err)
	}
	s.key = key
	s.keyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
		Bytes: x509.MarshalPKCS1PrivateKey(key)})
	s.pubPEM = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})
	if len(s.hmacKeys) == 0 {
		s.hmacKeys = []string{newSecret(32)}
	}
	for i, name := range s.cfg.accounts {
		s.accounts = append(s.accounts, &account{ID: newGUID(), Name: name,
			IsDefault: i == s.cfg.defaultAccount})
	}
	s.tokens = map[string]*accessToken{}
	s.refreshes = map[string]*refreshGrant{}
	s.codes = map[string]*authCode{}
	s.authReqs = map[string]*authRequest{}
	s.envelopes = map[string]*envelope{}
	s.views = map[string]*view{}
	s.connect.queues = map[string]*queue{}
	if s.certs, err = newCerts(s.cfg.clock(), nil); err != nil {
		return err
	}
	if s.tmpDir, err = os.MkdirTemp("", "docusigntest-"); err != nil {
		return fmt.Errorf("docusigntest: creating the document directory: %w", err)
	}
	s.life, s.endLife = context.WithCancel(context.Background())
	s.deliveryClient = newDeliveryClient(s.cfg)
	return nil
}

func (s *Server) listen() error {
	ln, err := net.Listen("tcp", s.cfg.addr)
	if err != nil {
		return fmt.Errorf("docusigntest: listening on %s: %w", s.cfg.addr, err)
	}
	s.ln = ln
	s.origin = "https://" + originHost(ln.Addr())
	s.srv = &http.Server{
		Handler:           s.handler(),
		ReadHeaderTimeout: 30 * time.Second,
		// HTTP/2 is off so that a fault can hijack the connection.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		TLSConfig:    &tls.Config{Certificates: []tls.Certificate{s.certs.leaf}},
		BaseContext:  func(net.Listener) context.Context { return s.life },
		ErrorLog:     discardLog(),
	}
	s.transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.certs.pool}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.srv.ServeTLS(ln, "", "")
	}()
	return nil
}

// originHost names a listener address as a URL host: 127.0.0.1:port, or
// [::1]:port; an unspecified address (":0") becomes 127.0.0.1.
func originHost(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("127.0.0.1:%d", tcp.Port)
	}
	return net.JoinHostPort(tcp.IP.String(), fmt.Sprint(tcp.Port))
}

// Close stops the server: it closes the listener and open connections,
// stops every Connect delivery (pending ones are dropped), waits for its
// goroutines and removes the documents it stored. It is safe to call twice.
func (s *Server) Close() {
	s.once.Do(func() {
		s.endLife()
		_ = s.srv.Close()
		s.mu.Lock()
		s.connect.closed = true
		s.mu.Unlock()
		s.wg.Wait()
		s.transport.CloseIdleConnections()
		s.deliveryClient.CloseIdleConnections()
		os.RemoveAll(s.tmpDir)
	})
}

// String names the server by its origin. The Server holds the
// integration's secret, RSA key, HMAC keys and issued tokens, so String is
// all that any fmt verb prints of it.
func (s *Server) String() string { return "docusigntest.Server{URL: " + s.origin + "}" }

// Format prints String for every verb, %#v and %+v included.
func (s *Server) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }

// URL is the server's origin, such as "https://127.0.0.1:53211".
func (s *Server) URL() string { return s.origin }

// Environment is the account server to give the SDK: the fake's origin.
// Its Audience() is the bare host:port the JWT "aud" claim must carry.
func (s *Server) Environment() docusign.Environment {
	return docusign.Environment{AuthServer: s.origin}
}

// Account is the user's default account, with the fake's origin as its
// base URI.
func (s *Server) Account() docusign.Account {
	for _, a := range s.Accounts() {
		if a.IsDefault {
			return a
		}
	}
	return docusign.Account{}
}

// Accounts lists all the user's accounts, as userinfo does.
func (s *Server) Accounts() []docusign.Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]docusign.Account, 0, len(s.accounts))
	for _, a := range s.accounts {
		out = append(out, docusign.Account{ID: a.ID, Name: a.Name, BaseURI: s.origin,
			IsDefault: a.IsDefault})
	}
	return out
}

// Client returns a new HTTP client that trusts the server's certificate.
// Pass it to the SDK (docusign.WithHTTPClient, auth configs' HTTPClient).
// Clients share one transport, closed by Close.
func (s *Server) Client() *http.Client { return &http.Client{Transport: s.transport} }

// CertPool returns a pool holding the server's CA certificate.
func (s *Server) CertPool() *x509.CertPool { return s.certs.pool.Clone() }

// CACertPEM returns the CA certificate that signed the server's certificate,
// in PEM, for programs in other languages (NODE_EXTRA_CA_CERTS, for one).
func (s *Server) CACertPEM() []byte { return append([]byte(nil), s.certs.caPEM...) }

// Credentials returns the integration's secrets and identifiers.
func (s *Server) Credentials() Credentials {
	s.mu.Lock()
	keys := append([]string(nil), s.hmacKeys...)
	s.mu.Unlock()
	acct := s.Account()
	return Credentials{
		IntegrationKey: s.ik,
		ClientID:       s.ik,
		ClientSecret:   s.secret,
		UserID:         s.userID,
		PrivateKeyPEM:  append([]byte(nil), s.keyPEM...),
		PublicKeyPEM:   append([]byte(nil), s.pubPEM...),
		HMACKey:        keys[0],
		HMACKeys:       keys,
		AccountID:      acct.ID,
		BaseURI:        s.origin,
		AuthServer:     s.origin,
	}
}

// SetHMACKeys replaces the account's Connect HMAC keys, for rotation tests:
// later deliveries carry one X-DocuSign-Signature-N per key, in this order.
func (s *Server) SetHMACKeys(keys ...string) error {
	if len(keys) == 0 {
		return errors.New("docusigntest: SetHMACKeys needs at least one key")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hmacKeys = append([]string(nil), keys...)
	return nil
}

func (s *Server) now() time.Time { return s.cfg.clock() }

func (s *Server) accountByID(id string) *account {
	for _, a := range s.accounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}
