package webhook_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/esignkit/docusign-go/docusign"

	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// A host mounts one handler, gives it its keys and a function that
// enqueues each event.
func ExampleNewHandler() {
	v, err := webhook.NewVerifier("fake-connect-hmac-secret-for-tests")
	if err != nil {
		log.Fatal(err)
	}
	queue := make(chan *webhook.Event, 100) // stands for a durable queue
	mux := http.NewServeMux()
	mux.Handle("POST /docusign/connect", webhook.NewHandler(v,
		func(ctx context.Context, ev *webhook.Event) error {
			select {
			case queue <- ev:
				return nil
			case <-ctx.Done():
				return ctx.Err() // 500: Connect redelivers later
			}
		},
		webhook.WithQuarantine(func(_ context.Context, body []byte, err error) {
			fmt.Println("set aside:", err)
		})))

	// What Connect sends:
	body, _ := os.ReadFile(filepath.Join("testdata", "json-sim-envelope-completed-full.json"))
	req := httptest.NewRequest(http.MethodPost, "/docusign/connect", bytes.NewReader(body))
	req.Header.Set("X-DocuSign-Signature-1",
		webhook.Sign(body, "fake-connect-hmac-secret-for-tests"))
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, req)

	ev := <-queue
	fmt.Println(w.Code, ev.Type, ev.EnvelopeID)
	// Output: 200 envelope-completed 7a5f1e05-6b6b-445e-9ec0-b8531bacca38
}

// Contract is a host's record of one envelope.
type Contract struct {
	ID     string
	Status envelope.StatusUpdate
}

// A contract's status follows DocuSign's, and never moves backwards however
// Connect orders its deliveries.
func ExampleEvent_StatusUpdate() {
	contract := Contract{ID: "C-2025-14"}
	apply := func(ev *webhook.Event) {
		next, ok := ev.StatusUpdate()
		if !ok || !next.Supersedes(contract.Status) {
			fmt.Printf("%-19s ignored, still %s\n", ev.Type, contract.Status.Status)
			return
		}
		contract.Status = next
		fmt.Printf("%-19s contract is now %s\n", ev.Type, next.Status)
	}
	// Connect's deliveries, in the order they arrive.
	for _, msg := range []struct{ event, at, recipient string }{
		{"envelope-sent", "10:00:00", ""},
		{"envelope-completed", "10:09:00", ""},
		{"recipient-completed", "10:08:59", "1"},
		{"envelope-delivered", "10:05:00", ""}, // redelivered late
	} {
		body := fmt.Sprintf(`{"event":%q,"generatedDateTime":"2025-03-04T%sZ",`+
			`"data":{"envelopeId":"e1","recipientId":%q}}`, msg.event, msg.at, msg.recipient)
		ev, err := webhook.Parse([]byte(body))
		if err != nil {
			log.Fatal(err)
		}
		apply(ev)
	}
	// Output:
	// envelope-sent       contract is now sent
	// envelope-completed  contract is now completed
	// recipient-completed ignored, still completed
	// envelope-delivered  ignored, still completed
}

// While rotating keys, give the Verifier both: messages signed with either
// are accepted.
func ExampleNewVerifier_rotation() {
	v, err := webhook.NewVerifier("old-key-being-retired", "new-key-from-connect-settings")
	if err != nil {
		log.Fatal(err)
	}
	body := []byte(`{"event":"envelope-completed"}`)
	for _, key := range []string{"old-key-being-retired", "new-key-from-connect-settings",
		"someone-elses-key"} {
		h := http.Header{}
		h.Set("X-DocuSign-Signature-1", webhook.Sign(body, key))
		fmt.Println(key, v.Verify(body, h) == nil)
	}
	// Output:
	// old-key-being-retired true
	// new-key-from-connect-settings true
	// someone-elses-key false
}

// An envelope asks Connect for signed JSON messages about itself.
func ExampleNewEventNotification() {
	notify := webhook.NewEventNotification("https://contracts.example.com/docusign/connect",
		webhook.EventEnvelopeCompleted, webhook.EventEnvelopeDeclined)
	def := envelope.Definition{EmailSubject: "Please sign the contract", EventNotification: notify}
	fmt.Println(webhook.CheckEventNotification(def.EventNotification))

	legacy := *def.EventNotification
	legacy.DeliveryMode, legacy.EventData.Version = "", ""
	fmt.Println(webhook.CheckEventNotification(&legacy))
	// Output:
	// <nil>
	// webhook: eventNotification.deliveryMode is ""; set it to SIM for one JSON message per event
	// webhook: eventNotification.eventData.version is ""; set it to restv2.1 (or get legacy XML)
}

// Now and then (hourly, say), a host republishes what Connect failed to
// deliver over the last day.
func ExampleReconciler_Reconcile() {
	var client *docusign.Client // the account's client, with an admin's token
	stored := func(envelopeID string) envelope.StatusUpdate { return envelope.StatusUpdate{} }

	r, err := webhook.NewReconciler(client)
	if err != nil {
		log.Print(err)
		return
	}
	results, err := r.Reconcile(context.Background(), time.Now().Add(-24*time.Hour),
		func(env envelope.Envelope) bool {
			return env.StatusUpdate().Supersedes(stored(env.EnvelopeID))
		})
	if err != nil {
		log.Print(err)
		return
	}
	for _, res := range results {
		log.Printf("republished %s: %s", res.EnvelopeID, res.Status)
	}
}
