package envelope

import (
	"reflect"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"
)

// concurrentModel is used by TestPlansAreSafeForConcurrentFirstUse alone,
// so that its plans are still unbuilt when the test starts.
type concurrentModel struct {
	Name    string          `json:"name"`
	Signers []Signer        `json:"signers,omitempty"`
	Nested  *concurrentPart `json:"nested,omitempty"`
}

// concurrentPart is a nested model that only concurrentModel holds.
type concurrentPart struct {
	Count int  `json:"count"`
	On    bool `json:"on"`
}

func TestPlansAreSafeForConcurrentFirstUse(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	for _, typ := range []reflect.Type{reflect.TypeFor[concurrentModel](),
		reflect.TypeFor[concurrentPart]()} {
		_, decoding := decodePlans.Load(typ)
		_, encoding := encodePlans.Load(typ)
		if decoding || encoding { // go test -count 2: the first run built them
			t.Logf("%s is planned already; the plans are used, not built, at once", typ.Name())
		}
	}
	in := []byte(`{"name":"n","signers":[{"name":"Ann","routingOrder":"2"}],` +
		`"nested":{"count":"3","on":"true"}}`)
	want := `{"name":"n","signers":[{"name":"Ann","routingOrder":"2"}],` +
		`"nested":{"count":"3","on":"true"}}`

	start := make(chan struct{})
	results := make(chan string, 16)
	var wg sync.WaitGroup
	for range cap(results) {
		wg.Go(func() {
			<-start
			var m concurrentModel
			if err := unmarshalModel(in, &m); err != nil {
				results <- err.Error()
				return
			}
			out, err := marshalModel(m)
			if err != nil {
				results <- err.Error()
				return
			}
			results <- string(out)
		})
	}
	close(start) // every goroutine meets the unplanned types at once
	wg.Wait()
	close(results)
	for got := range results {
		assert.Equal(t, want, got)
	}
	p := decodePlanOf(reflect.TypeFor[concurrentModel]())
	assert.Same(t, p, decodePlanOf(reflect.TypeFor[concurrentModel]()), "one plan is kept")
}

func TestNoModelHasTwoMembersOfOneName(t *testing.T) {
	t.Parallel()
	for _, typ := range modelTypes() {
		seen := map[string]bool{}
		for _, f := range fieldsOf(typ) {
			assert.False(t, seen[f.name], "%s has two members called %s", typ.Name(), f.name)
			seen[f.name] = true
		}
	}
}
