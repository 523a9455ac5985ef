package envelope

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The differential tests hold the codec to the first implementation, kept
// in codec_ref_test.go: on every input, both decode to the same value or
// both fail, naming the same fields; both encode every value to the same
// bytes. The inputs are DocuSign's samples, hand-written edge cases,
// random values written in every form DocuSign uses, and the fuzzer's.
//
// The one difference is deliberate: handed malformed JSON directly (not
// through encoding/json, which checks the JSON before calling
// UnmarshalJSON), the codec always fails, where the first implementation
// accepted anything after the object.

// modelTypes returns every model of the package, sorted by name.
func modelTypes() []reflect.Type {
	var types []reflect.Type
	for t := range modelObjects {
		types = append(types, t)
	}
	slices.SortFunc(types, func(a, b reflect.Type) int {
		return strings.Compare(a.Name(), b.Name())
	})
	return types
}

// decodeWith decodes data as a new t, over what base decodes to when base
// is not nil, and returns the value and the error of data's decode.
func decodeWith(t reflect.Type, base, data []byte, decode func([]byte, any) error) (
	reflect.Value, error) {
	p := reflect.New(t)
	if base != nil {
		if err := decode(base, p.Interface()); err != nil {
			panic("the base does not decode: " + err.Error())
		}
	}
	return p.Elem(), decode(data, p.Interface())
}

func decodeCodec(data []byte, ptr any) error {
	return ptr.(json.Unmarshaler).UnmarshalJSON(data)
}

// fieldChain returns the "decoding Type.member: " prefixes of an error.
func fieldChain(err error) []string {
	return regexp.MustCompile(`decoding \w+\.\w+: `).FindAllString(err.Error(), -1)
}

// checkDecode decodes data as t with the codec and with the reference and
// fails t if they differ.
func checkDecode(tb testing.TB, t reflect.Type, base, data []byte) {
	tb.Helper()
	got, err := decodeWith(t, base, data, decodeCodec)
	want, refErr := decodeWith(t, base, data, refUnmarshalModel)
	if !json.Valid(data) {
		if err == nil {
			tb.Fatalf("%s: malformed JSON decoded without error: %q", t.Name(), data)
		}
		return
	}
	if (err == nil) != (refErr == nil) {
		tb.Fatalf("%s: %q\ncodec error: %v\nreference error: %v", t.Name(), data, err, refErr)
	}
	if err != nil {
		if c, r := fieldChain(err), fieldChain(refErr); !slices.Equal(c, r) {
			tb.Fatalf("%s: %q\ncodec error: %v\nreference error: %v", t.Name(), data, err, refErr)
		}
		return
	}
	if !sameValue(got, want) {
		tb.Fatalf("%s: %q\ncodec:     %#v\nreference: %#v", t.Name(), data, got, want)
	}
	viaJSON := reflect.New(t)
	if base != nil {
		require.NoError(tb, json.Unmarshal(base, viaJSON.Interface()))
	}
	require.NoError(tb, json.Unmarshal(data, viaJSON.Interface()), "through encoding/json")
	if !sameValue(viaJSON.Elem(), got) {
		tb.Fatalf("%s: %q decodes differently through encoding/json", t.Name(), data)
	}
	checkEncode(tb, got)
}

// checkEncode encodes v with the codec and with the reference, access
// codes redacted and revealed, and fails t if they differ.
func checkEncode(tb testing.TB, v reflect.Value) {
	tb.Helper()
	for _, reveal := range []bool{false, true} {
		got, err := encode(v.Interface(), reveal)
		want, refErr := refEncode(v.Interface(), reveal)
		if (err == nil) != (refErr == nil) || string(got) != string(want) {
			tb.Fatalf("%s (reveal %v):\ncodec:     %s (%v)\nreference: %s (%v)",
				v.Type().Name(), reveal, got, err, want, refErr)
		}
	}
}

// sameValue is reflect.DeepEqual, except that NaN equals NaN (the codec
// reads "NaN" into float64 fields) and that unexported fields, which
// neither decoder touches, are not compared.
func sameValue(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float64:
		x, y := a.Float(), b.Float()
		return math.Float64bits(x) == math.Float64bits(y) || math.IsNaN(x) && math.IsNaN(y)
	case reflect.Pointer:
		return a.IsNil() == b.IsNil() && (a.IsNil() || sameValue(a.Elem(), b.Elem()))
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		if a.Type() == reflect.TypeFor[time.Time]() {
			return reflect.DeepEqual(a.Interface(), b.Interface())
		}
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() && !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Interface:
		return a.IsNil() && b.IsNil() || !a.IsNil() && !b.IsNil() &&
			reflect.DeepEqual(a.Interface(), b.Interface())
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// share is the part of their inputs that the differential tests check: 1
// (all of them) in a plain run, and 1 in 10 under the race detector or
// -short. They run on one goroutine, so the race detector can find nothing
// in them, and it makes them about ten times slower; the plain run, which
// CI makes as well, checks every input, and FuzzCodecMatchesReference
// starts from every sample.
func share() int {
	if raceDetector || testing.Short() {
		return 10
	}
	return 1
}

// sampleObjects returns DocuSign's samples, whole, and 1 in every n of the
// JSON objects found in them at any depth, as written.
func sampleObjects(tb testing.TB, n int) [][]byte {
	tb.Helper()
	var out [][]byte
	nested := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if nested++; nested%n == 0 {
				data, err := json.Marshal(v)
				require.NoError(tb, err)
				out = append(out, data)
			}
			for _, m := range v {
				walk(m)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, name := range []string{"envelope_get_200.docusign_elixir.json",
		"envelope_create_201.docusign_elixir.json", "json-sim-envelope-completed-full.json",
		"connect-sim.schema-v2.json", "error-bodies.observed.json"} {
		raw := readTestdata(tb, name)
		out = append(out, raw)
		var v any
		require.NoError(tb, json.Unmarshal(raw, &v), name)
		walk(v)
	}
	return out
}

func TestCodecDecodesSamplesAsTheReferenceDoes(t *testing.T) {
	t.Parallel()
	objects := sampleObjects(t, share())
	for _, typ := range modelTypes() {
		for _, data := range objects {
			checkDecode(t, typ, nil, data)
		}
	}
}

// edgeCases are hand-written inputs for the forms the samples lack.
var edgeCases = []string{
	// Scalars in every form, in fields of every kind.
	`{"routingOrder":"2","recipientId":98969862,"canSignOffline":"True","note":null}`,
	`{"routingOrder":2,"canSignOffline":true,"requireIdLookup":"false","name":""}`,
	`{"routingOrder":"","canSignOffline":"","isBulkRecipient":null,"email":true}`,
	`{"routingOrder":" 7 ","canSignOffline":" TRUE ","requireUploadSignature":"1"}`,
	`{"routingOrder":"-0","name":-12.5e+3,"note":0,"email":1E2,"roleName":false}`,
	`{"routingOrder":"1e3"}`, `{"routingOrder":"0x10"}`, `{"routingOrder":"+5"}`,
	`{"routingOrder":"99999999999999999999"}`, `{"routingOrder":1.0}`,
	`{"routingOrder":{"a":1}}`, `{"routingOrder":[1]}`, `{"canSignOffline":"maybe"}`,
	`{"canSignOffline":2}`, `{"canSignOffline":{}}`, `{"name":[]}`, `{"name":{}}`,
	`{"anchorXOffset":"1.5","anchorYOffset":-6.5,"scaleValue":"NaN","pageNumber":"3"}`,
	`{"anchorXOffset":"1e400"}`, `{"anchorXOffset":"-Inf"}`, `{"anchorXOffset":"0x1p-2"}`,
	`{"anchorXOffset":"1_000"}`, `{"anchorXOffset":"inf"}`, `{"anchorXOffset":""}`,
	`{"anchorXOffset":null,"anchorYOffset":"  2.25  "}`,
	`{"required":null}`, `{"required":""}`, `{"required":"False"}`, `{"required":true}`,
	`{"required":"x"}`, `{"includeInDownload":"false","transformPdfFields":"t"}`,
	`{"sizeBytes":"9223372036854775807","order":"-9223372036854775808"}`,
	`{"sizeBytes":"9223372036854775808"}`,
	// Times.
	`{"sentDateTime":"2025-08-31T22:01:23.9770000Z","signedDateTime":"2022-09-22T15:19:24.5Z"}`,
	`{"sentDateTime":"2020-03-28T23:56:33.873","deliveredDateTime":"  "}`,
	`{"sentDateTime":"2025-08-31T22:01:23+02:00","declinedDateTime":null}`,
	`{"sentDateTime":7}`, `{"sentDateTime":true}`, `{"sentDateTime":"yesterday"}`,
	`{"statusDateTime":"2025-08-31T22:01:23.123456789-07:30"}`,
	// Statuses through ParseStatus.
	`{"status":"Completed"}`, `{"status":" SENT "}`, `{"status":null}`, `{"status":3}`,
	`{"status":"Draft"}`, `{"status":{"a":1}}`, `{"status":["sent"]}`, `{"status":true}`,
	// Strings with escapes, surrogates and invalid UTF-8.
	`{"name":"a\"b\\c\/d\b\f\n\r\t"}`, `{"name":"\u00e9\u4e2d\ud83d\ude00"}`,
	`{"name":"\ud83d"}`, `{"name":"\ude00x"}`, `{"name":"\ud83d\u0041"}`,
	`{"name":"\ud83d\ud83d\ude00"}`, `{"name":"\u0000"}`, `{"name":"é中😀"}`,
	"{\"name\":\"\xff\xfe\"}", "{\"name\":\"a\xed\xa0\x80b\"}", "{\"name\":\"\xe4\xb8\"}",
	"{\"name\":\"\\u00e9\xff\"}", `{"name":"\u2028\u2029"}`, `{"name":"\u00E9\uABCF\uFFFD"}`,
	`{"name":"\uD83D\uDE00\uDBFF\uDFFF\uD800\uDC00"}`, `{"name":"\uDFFF\uD800"}`,
	`{"\u006eame":"escaped member name"}`, `{"n\u0061me":"x","name":"y"}`,
	"{\"na\xffme\":\"x\"}",
	// Structure: duplicates, nulls, unknown values of any depth, white space.
	`{"name":"a","name":"b"}`, `{"tabs":{"textTabs":[{}]},"tabs":{"signHereTabs":[{}]}}`,
	`{"tabs":null}`, `{"tabs":{"textTabs":null}}`, `{"tabs":{"textTabs":[]}}`,
	`{"tabs":{"textTabs":[null,{"value":"v"},null]}}`, `{"tabs":[]}`, `{"tabs":"x"}`,
	`{"tabs":{"textTabs":{}}}`, `{"tabs":{"textTabs":"x"}}`, `{"tabs":{"textTabs":[1]}}`,
	`{"unknown":{"a":[1,{"b":[true,false,null,"\u0041",-0.5e-3]}],"c":{}}}`,
	`{"unknown":[[[[[[[[[[[]]]]]]]]]]],"name":"after"}`,
	" \t\r\n{ \"name\" \t:\r\n\"x\" , \"note\" : null } \n",
	`{}`, `null`, `[]`, `"x"`, `12`, `true`, `[{"name":"x"}]`,
	`{"events":["a",1,true,null,"b"]}`, `{"events":[["a"]]}`, `{"events":[{}]}`,
	`{"listItems":null,"listItems":["x"]}`, `{"frameAncestors":"x"}`,
	`{"notification":null}`, `{"notification":{}}`, `{"notification":5}`,
	`{"notification":{"expirations":{"expireAfter":"30"},"reminders":null}}`,
	`{"notification":{"expirations":{"expireAfter":"x"}}}`,
	`{"eventNotification":{"url":"https://h","includeHMAC":"true","eventData":{"format":"json"}}}`,
	`{"eventNotification":{"envelopeEvents":[{"envelopeEventStatusCode":"Sent"}]}}`,
	`{"eventNotification":[]}`, `{"documents":[{"documentId":"1","includeInDownload":null}]}`,
	`{"recipients":{"signers":[{"tabs":{"signHereTabs":[{"anchorString":"/sn1/"}]}}]}}`,
	`{"recipients":{"signers":[{"routingOrder":"x"}]}}`,
	`{"envelopes":[{"envelopeId":"e0"},{"envelopeId":"e1"}],"endPosition":"1"}`,
	`{"envelopes":[{"status":"bad","sentDateTime":"bad"}]}`,
	`{"accessCode":"1234","accessCode":null}`, `{"accessCode":5678}`,
	// Malformed JSON, which the codec must refuse.
	``, ` `, `{`, `{"name"`, `{"name":`, `{"name":"x"`, `{"name":"x",}`, `{,}`,
	`{"name" "x"}`, `{"name":"x" "note":"y"}`, `{"name":'x'}`, `{name:"x"}`,
	`{"name":"x"}}`, `{"name":"x"} {}`, `{"name":"x"}x`, `{"name":01}`, `{"name":-}`,
	`{"name":1.}`, `{"name":.5}`, `{"name":1e}`, `{"name":1e+}`, `{"name":+1}`,
	`{"name":tru}`, `{"name":nul}`, `{"name":falsey}`, `{"name":True}`,
	`{"name":"\x"}`, `{"name":"\'"}`, `{"unknown":"\'"}`, `{"unknown":"\u12G4"}`,
	`{"name":"\u12"}`, `{"name":"\u12G4"}`, "{\"name\":\"a\nb\"}",
	"{\"name\":\"a\x00b\"}", `{"name":"unterminated}`, `{"name":"\`,
	`{"unknown":[1,]}`, `{"unknown":[1 2]}`, `{"unknown":{"a"}}`, `{"unknown":{"a":1,}}`,
	`{"unknown":{1:2}}`, `{"unknown":[}`, `{"unknown":"\q"}`, "{\"unknown\":\"\x01\"}",
	`{"tabs":{"textTabs":[{},]}}`, `{"tabs":{"textTabs":[{} {}]}}`, "{\"name\":\"x\"}\x00",
}

func TestCodecDecodesEdgeCasesAsTheReferenceDoes(t *testing.T) {
	t.Parallel()
	for _, typ := range modelTypes() {
		for _, data := range edgeCases {
			checkDecode(t, typ, nil, []byte(data))
		}
	}
}

func TestCodecDecodesOverAValueAsTheReferenceDoes(t *testing.T) {
	t.Parallel()
	bases := map[reflect.Type][]byte{
		reflect.TypeFor[Envelope](): readTestdata(t, "envelope_get_200.docusign_elixir.json"),
		reflect.TypeFor[Signer](): []byte(`{"name":"Ann","routingOrder":"3","canSignOffline":"true",
			"tabs":{"textTabs":[{"value":"a","required":"true"},{"value":"b"}]},
			"sentDateTime":"2025-08-31T22:01:23.9770000Z"}`),
		reflect.TypeFor[Definition](): []byte(`{"documents":[{"documentId":"1"},{"documentId":"2"}],
			"notification":{"expirations":{"expireAfter":"30"}},"eventNotification":{"url":"u"}}`),
	}
	for typ, base := range bases {
		for _, data := range edgeCases {
			checkDecode(t, typ, base, []byte(data))
		}
		for _, data := range sampleObjects(t, share()) {
			checkDecode(t, typ, base, data)
		}
	}
}

// eachRandomValue calls check with 300 random values of every model (30
// under the race detector or -short; see share).
func eachRandomValue(seed uint64, check func(rng *rand.Rand, v reflect.Value)) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	for _, typ := range modelTypes() {
		for range 300 / share() {
			v := reflect.New(typ).Elem()
			fillRandom(rng, v, 0)
			check(rng, v)
		}
	}
}

func TestCodecDecodesRandomFormsAsTheReferenceDoes(t *testing.T) {
	t.Parallel()
	eachRandomValue(7, func(rng *rand.Rand, v reflect.Value) {
		canonical, err := refEncode(v.Interface(), rng.IntN(2) == 0)
		require.NoError(t, err)
		checkDecode(t, v.Type(), nil, rewriteJSON(rng, canonical))
	})
}

func TestCodecEncodesRandomValuesAsTheReferenceDoes(t *testing.T) {
	t.Parallel()
	eachRandomValue(3, func(_ *rand.Rand, v reflect.Value) { checkEncode(t, v) })
}

func TestDifferentialCheckCatchesADifference(t *testing.T) {
	t.Parallel()
	a := reflect.ValueOf(Signer{Name: "Ann", Tabs: Tabs{TextTabs: []Text{{Required: Bool(true)}}}})
	b := reflect.ValueOf(Signer{Name: "Ann", Tabs: Tabs{TextTabs: []Text{{Required: Bool(false)}}}})
	assert.False(t, sameValue(a, b), "a *bool deep inside differs")
	assert.False(t, sameValue(reflect.ValueOf(Tabs{TextTabs: []Text{}}), reflect.ValueOf(Tabs{})),
		"an empty slice is not a nil one")
	assert.True(t, sameValue(reflect.ValueOf(SignHere{ScaleValue: math.NaN()}),
		reflect.ValueOf(SignHere{ScaleValue: math.NaN()})))
	assert.Equal(t, []string{"decoding Envelope.recipients: ", "decoding Recipients.signers: "},
		fieldChain(errors.New("decoding Envelope.recipients: decoding Recipients.signers: x")))
}

// oddModel has the kinds of fields no model of the package has, which the
// codec leaves to encoding/json or refuses, as the reference does, and two
// members of one name (documentId, its own and Placement's).
type oddModel struct {
	Placement
	DocumentID string            `json:"documentId"`
	Count      uint              `json:"count,omitempty"`
	Ratio      float32           `json:"ratio,omitempty"`
	Small      int8              `json:"small,omitempty"`
	Bytes      []byte            `json:"bytes,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	Any        any               `json:"any,omitempty"`
	Name       *string           `json:"name,omitempty"`
	Number     *int              `json:"number,omitempty"`
	Statuses   []Status          `json:"statuses,omitempty"`
	Stamp      oddStamp          `json:"stamp,omitempty"`
	Point      struct{ X int }   `json:"point,omitempty"`
	Signers    []*Signer         `json:"signers,omitempty"`
	Times      []time.Time       `json:"times,omitempty"`
	Flags      []*bool           `json:"flags,omitempty"`
	Untagged   string
	Skipped    string `json:"-"`
	hidden     string
}

func (o oddModel) MarshalJSON() ([]byte, error) { return marshalModel(o) }

func (o *oddModel) UnmarshalJSON(data []byte) error { return unmarshalModel(data, o) }

// oddStamp is a defined type with its own UnmarshalJSON, which the codec
// hands the value as written.
type oddStamp string

func (s *oddStamp) UnmarshalJSON(data []byte) error {
	if string(data) == `"fail"` {
		return errors.New("oddStamp refuses it")
	}
	*s = oddStamp("read " + string(data))
	return nil
}

func TestCodecTreatsOddKindsAsTheReferenceDoes(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[oddModel]()
	for _, data := range []string{
		`{"documentId":"outer","pageNumber":"2"}`, `{"count":"3"}`, `{"ratio":"1.5"}`,
		`{"small":"1"}`, `{"bytes":"AQI="}`, `{"labels":{"a":"b"}}`, `{"any":"x"}`,
		`{"any":{}}`, `{"name":"x"}`, `{"name":null}`, `{"name":5}`, `{"name":"\u00e9"}`,
		`{"number":5}`, `{"number":"5"}`, `{"number":null}`, `{"number":[]}`,
		`{"statuses":["Sent",null,"COMPLETED"]}`, `{"stamp":"x"}`, `{"stamp":{"a":[1, 2]}}`,
		`{"stamp":null}`, `{"stamp":"fail"}`, `{"stamp":  12 }`, `{"point":{"X":1}}`,
		`{"point":"x"}`, `{"signers":[{"name":"a"},null,{"routingOrder":"x"}]}`,
		`{"signers":[{"name":"a"}],"signers":[{"note":"b"}]}`, `{"times":["", null]}`,
		`{"times":["2025-08-31T22:01:23.9770000Z","x"]}`, `{"flags":["true",null,"",false]}`,
		`{"Untagged":"u","Skipped":"s","hidden":"h","-":"dash"}`,
	} {
		checkDecode(t, typ, nil, []byte(data))
	}
	hidden, err := json.Marshal(oddModel{hidden: "not a member"})
	require.NoError(t, err)
	assert.NotContains(t, string(hidden), "not a member", "unexported fields are not encoded")
	rng := rand.New(rand.NewPCG(1, 1))
	for range 500 / share() {
		v := reflect.New(typ).Elem()
		fillRandom(rng, v, 0)
		checkEncode(t, v)
		if canonical, err := refEncode(v.Interface(), true); err == nil { // NaN float32 fails
			checkDecode(t, typ, nil, rewriteJSON(rng, canonical))
		}
	}
}

// FuzzCodecMatchesReference decodes the fuzzer's input as a few models
// with the codec and the reference, and encodes what the codec decoded
// with both.
func FuzzCodecMatchesReference(f *testing.F) {
	for _, data := range sampleObjects(f, 1) {
		if len(data) < 8<<10 {
			f.Add(data)
		}
	}
	for _, data := range edgeCases {
		f.Add([]byte(data))
	}
	types := []reflect.Type{reflect.TypeFor[Envelope](), reflect.TypeFor[Definition](),
		reflect.TypeFor[Signer](), reflect.TypeFor[Text](), reflect.TypeFor[SignHere](),
		reflect.TypeFor[envelopesInformation](), reflect.TypeFor[Notification](),
		reflect.TypeFor[oddModel]()}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, typ := range types {
			checkDecode(t, typ, nil, data)
		}
	})
}
