package envelope

import (
	"reflect"
	"strings"
	"sync"
)

// The codec reads a model's struct tags once per type, into a plan, and
// keeps the plan for the life of the process. Decoding and encoding have
// plans of their own, built the first time a type is decoded or encoded,
// so that a process that only sends definitions never builds their
// decoders. Nested models are planned when first met, not with the type
// holding them, so that encoding a Definition plans only the types it
// holds.

// decodePlan is how to decode one model type.
type decodePlan struct {
	typeName string // for errors: "decoding Signer.routingOrder: ..."
	// byName finds a member by its JSON name, matched exactly. When two
	// members share a name (an embedded struct's and the outer one's), the
	// first in declaration order is the one decoded.
	byName map[string]decodeField
}

// decodeField is one JSON member of a model and how to read its value.
type decodeField struct {
	name   string
	index  []int
	decode decodeFunc
}

// decodeFunc reads the next JSON value into v, which is settable.
type decodeFunc func(d *decoder, v reflect.Value) error

// encodePlan is how to encode one model type: its members in declaration
// order. Members sharing a name are all written; no model of the package
// has two (a test checks).
type encodePlan struct {
	typeName string // for errors: "encoding Definition.documents: ..."
	fields   []field
}

// decodePlans and encodePlans hold one plan per model type. They are the
// package's only shared mutable state, and the exception is deliberate:
// like encoding/json's cache of struct fields, each is a sync.Map (safe
// for concurrent use) filled once per type with plans that are never
// modified after they are stored, and they save every call from reading
// struct tags again.
var (
	decodePlans sync.Map // reflect.Type → *decodePlan
	encodePlans sync.Map // reflect.Type → *encodePlan
)

func decodePlanOf(t reflect.Type) *decodePlan { return cached(&decodePlans, t, newDecodePlan) }

func encodePlanOf(t reflect.Type) *encodePlan { return cached(&encodePlans, t, newEncodePlan) }

// cached returns the plan of t in cache, building it if there is none yet.
// Two goroutines may build the same plan at once; the plans are equal and
// the first stored is kept.
func cached[P any](cache *sync.Map, t reflect.Type, build func(reflect.Type) *P) *P {
	if p, ok := cache.Load(t); ok {
		return p.(*P)
	}
	p, _ := cache.LoadOrStore(t, build(t))
	return p.(*P)
}

func newDecodePlan(t reflect.Type) *decodePlan {
	fields := fieldsOf(t)
	p := &decodePlan{typeName: t.Name(), byName: make(map[string]decodeField, len(fields))}
	for _, f := range fields {
		if _, taken := p.byName[f.name]; !taken {
			p.byName[f.name] = decodeField{name: f.name, index: f.index, decode: decoderFor(f.typ)}
		}
	}
	return p
}

func newEncodePlan(t reflect.Type) *encodePlan {
	return &encodePlan{typeName: t.Name(), fields: fieldsOf(t)}
}

// field is a JSON member of a model as its tag describes it.
type field struct {
	name      string
	index     []int
	typ       reflect.Type
	omitEmpty bool
}

// fieldsOf lists the JSON members of struct type t in declaration order,
// flattening embedded structs. Unexported fields and `json:"-"` are skipped.
func fieldsOf(t reflect.Type) []field {
	out := make([]field, 0, t.NumField())
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			for _, f := range fieldsOf(sf.Type) {
				f.index = append([]int{i}, f.index...)
				out = append(out, f)
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{name: name, index: sf.Index, typ: sf.Type, // Field makes Index anew
			omitEmpty: hasOption(opts, "omitempty")})
	}
	return out
}

// hasOption reports whether a tag's comma-separated options include opt.
func hasOption(opts, opt string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// isModel reports whether t is a struct of this package, which the codec
// walks itself rather than through its JSON methods.
func isModel(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeFor[field]().PkgPath()
}
