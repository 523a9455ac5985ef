package auth

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// Errors of JWTConfig.PrivateKey, which JWTConfig.TokenSource and
// JWTConfig.Validate wrap with the detail and the fix. No error text
// contains key bytes.
var (
	// ErrMalformedKey: PrivateKey is empty, is not PEM, or its PEM block
	// does not parse as a private key.
	ErrMalformedKey = errors.New("auth: malformed private key")
	// ErrEncryptedKey: PrivateKey is protected by a passphrase, which the
	// JWT grant cannot use.
	ErrEncryptedKey = errors.New("auth: encrypted private key")
	// ErrNotRSAKey: PrivateKey is a key of another kind (EC, Ed25519) or a
	// public key; DocuSign signs JWT grants with RSA only.
	ErrNotRSAKey = errors.New("auth: not an RSA private key")
)

// parsePrivateKey reads the PEM of an RSA private key, in PKCS#1 ("BEGIN
// RSA PRIVATE KEY", what DocuSign's Apps and Keys page generates) or PKCS#8
// ("BEGIN PRIVATE KEY"). Only the first PEM block is read.
func parsePrivateKey(data []byte) (*rsa.PrivateKey, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey is empty; put in the PEM of the "+
			"RSA private key of a keypair of the integration key (Apps and Keys)",
			ErrMalformedKey)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, notPEM(data)
	}
	if isEncrypted(block) {
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey is a passphrase-protected %q "+
			"block; decrypt it first (openssl pkey -in key.pem -out plain.pem) and keep "+
			"the plain key in a secret store", ErrEncryptedKey, block.Type)
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: JWTConfig.PrivateKey: the RSA PRIVATE KEY block "+
				"does not parse (%v); the key may be truncated: copy the whole PEM again",
				ErrMalformedKey, err)
		}
		return key, nil
	case "PRIVATE KEY":
		return parsePKCS8(block.Bytes)
	case "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY":
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey is an %q block; DocuSign's JWT "+
			"grant needs an RSA key: generate an RSA keypair under Apps and Keys",
			ErrNotRSAKey, block.Type)
	case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey is a %q block: that is the part "+
			"DocuSign keeps; put in the private key of the keypair", ErrNotRSAKey, block.Type)
	}
	return nil, fmt.Errorf("%w: JWTConfig.PrivateKey is a %q block; expected \"RSA "+
		"PRIVATE KEY\" (PKCS#1) or \"PRIVATE KEY\" (PKCS#8)", ErrMalformedKey, block.Type)
}

func parsePKCS8(der []byte) (*rsa.PrivateKey, error) {
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey: the PRIVATE KEY block does not "+
			"parse (%v); the key may be truncated: copy the whole PEM again",
			ErrMalformedKey, err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w: JWTConfig.PrivateKey holds a %s key; DocuSign's JWT "+
			"grant needs an RSA key: generate an RSA keypair under Apps and Keys",
			ErrNotRSAKey, keyKind(key))
	}
	return rsaKey, nil
}

// isEncrypted reports a PKCS#8 encrypted block or a legacy PEM block with
// a Proc-Type: 4,ENCRYPTED header.
func isEncrypted(b *pem.Block) bool {
	return b.Type == "ENCRYPTED PRIVATE KEY" ||
		strings.Contains(b.Headers["Proc-Type"], "ENCRYPTED")
}

// notPEM explains data that has no PEM block, without quoting it.
func notPEM(data []byte) error {
	s := strings.TrimSpace(string(data))
	switch {
	case !strings.ContainsAny(s, "\n") && (strings.HasSuffix(s, ".pem") ||
		strings.HasSuffix(s, ".key") || strings.ContainsAny(s, `/\`)):
		return fmt.Errorf("%w: JWTConfig.PrivateKey looks like a file name; put in the "+
			"file's contents (os.ReadFile)", ErrMalformedKey)
	case strings.Contains(s, "-----BEGIN"):
		return fmt.Errorf("%w: JWTConfig.PrivateKey has a BEGIN line but no complete PEM "+
			"block: the END line or the line breaks were lost (an environment variable "+
			"often loses them; restore the newlines)", ErrMalformedKey)
	}
	return fmt.Errorf("%w: JWTConfig.PrivateKey is not PEM; expected the text that "+
		"starts with -----BEGIN RSA PRIVATE KEY-----", ErrMalformedKey)
}

func keyKind(key any) string {
	switch key.(type) {
	case *ecdsa.PrivateKey:
		return "ECDSA"
	case ed25519.PrivateKey:
		return "Ed25519"
	case *ecdh.PrivateKey:
		return "ECDH"
	}
	return fmt.Sprintf("%T", key)
}
