package envelope

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAccessCodeNeverPrints(t *testing.T) {
	t.Parallel()
	const code = "8311-secret"
	def := validDefinition()
	def.Recipients.Signers[0].AccessCode = code
	def.TemplateRoles = []TemplateRole{{RoleName: "r", AccessCode: code}}
	def.Recipients.CarbonCopies = []CarbonCopy{{AccessCode: code}}

	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		assert.NotContains(t, fmt.Sprintf(verb, def), code, verb)
		assert.NotContains(t, fmt.Sprintf(verb, *def), code, verb)
		assert.NotContains(t, fmt.Sprintf(verb, def.Recipients.Signers[0].AccessCode), code, verb)
	}
	var logs bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil),
		slog.NewTextHandler(&logs, nil)} {
		slog.New(h).Info("sending", "code", def.Recipients.Signers[0].AccessCode,
			"signer", def.Recipients.Signers[0], "definition", def, "roles", def.TemplateRoles,
			"cc", def.Recipients.CarbonCopies[0], "envelope", Envelope{Recipients: def.Recipients})
	}
	assert.NotContains(t, logs.String(), code)
	assert.Contains(t, logs.String(), `"accessCode":"[redacted]"`)

	data, err := json.Marshal(def)
	require.NoError(t, err)
	assert.NotContains(t, string(data), code)
	var back Signer
	require.NoError(t, json.Unmarshal([]byte(`{"accessCode":"8311-secret"}`), &back))
	assert.Equal(t, code, string(back.AccessCode), "a code DocuSign sends is read")
}

func TestCreateSendsTheAccessCode(t *testing.T) {
	t.Parallel()
	fake := newFake(t)
	svc := newTestService(t, fake)
	def := validDefinition()
	def.Recipients.Signers[0].AccessCode = "8311-secret"

	_, err := svc.Create(context.Background(), def)
	require.NoError(t, err)
	signer := fake.definitions[0]["recipients"].(map[string]any)["signers"].([]any)[0]
	assert.Equal(t, "8311-secret", signer.(map[string]any)["accessCode"])
}
