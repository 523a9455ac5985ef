package webhook

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/envelope"
)

func TestNewEventNotification_AsksForSignedJSONSIM(t *testing.T) {
	t.Parallel()
	n := NewEventNotification("https://contracts.example.com/docusign/connect",
		EventEnvelopeCompleted, EventRecipientDeclined)
	require.NoError(t, CheckEventNotification(n))

	data, err := json.Marshal(n)
	require.NoError(t, err)
	var wire map[string]any
	require.NoError(t, json.Unmarshal(data, &wire))
	assert.Equal(t, "SIM", wire["deliveryMode"])
	assert.Equal(t, []any{"envelope-completed", "recipient-declined"}, wire["events"])
	assert.Equal(t, "restv2.1", wire["eventData"].(map[string]any)["version"])
	assert.Equal(t, "json", wire["eventData"].(map[string]any)["format"])
	assert.Equal(t, "true", wire["includeHMAC"])
	assert.Equal(t, "true", wire["requireAcknowledgment"])

	all := NewEventNotification("https://contracts.example.com/connect")
	assert.NotEmpty(t, all.Events, "no events asks for the main steps")
	assert.NoError(t, CheckEventNotification(all))
}

func TestCheckEventNotification_SaysWhyXMLWouldArrive(t *testing.T) {
	t.Parallel()
	assert.Error(t, CheckEventNotification(nil))
	for name, tc := range map[string]struct {
		change func(*envelope.EventNotification)
		says   string
	}{
		"format json alone": {func(n *envelope.EventNotification) {
			n.DeliveryMode, n.EventData.Version = "", ""
		}, "eventData.version"},
		"aggregate":     {func(n *envelope.EventNotification) { n.DeliveryMode = "aggregate" }, "SIM"},
		"xml":           {func(n *envelope.EventNotification) { n.EventData.Format = "xml" }, "json"},
		"no events":     {func(n *envelope.EventNotification) { n.Events = nil }, "events is empty"},
		"unknown event": {func(n *envelope.EventNotification) { n.Events[0] = "Completed" }, "events[0]"},
		"legacy events": {func(n *envelope.EventNotification) {
			n.EnvelopeEvents = []envelope.EnvelopeEvent{{EnvelopeEventStatusCode: "Completed"}}
		}, "envelopeEvents"},
		"unsigned":   {func(n *envelope.EventNotification) { n.IncludeHMAC = false }, "includeHMAC"},
		"plain http": {func(n *envelope.EventNotification) { n.URL = "http://x.example" }, "https"},
	} {
		t.Run(name, func(t *testing.T) {
			n := NewEventNotification("https://contracts.example.com/connect", EventEnvelopeCompleted)
			tc.change(n)
			err := CheckEventNotification(n)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
	t.Run("the URL's secrets are not repeated", func(t *testing.T) {
		n := NewEventNotification("http://hook:pa55word@x.example/connect?token=s3cret")
		err := CheckEventNotification(n)
		require.ErrorContains(t, err, `url "http://x.example/connect" is not an https URL`)
		assert.NotContains(t, err.Error(), "s3cret")
		assert.NotContains(t, err.Error(), "pa55word")
		n.URL = "https://x.example/%zz"
		assert.ErrorContains(t, CheckEventNotification(n), "url is not a URL")
	})
}
