package docusigntest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// models.json lists, for each request model the fake reads, the JSON
// properties DocuSign knows and their types. internal/specgen generates it
// from DocuSign's eSignature OpenAPI file and the official Node SDK's
// models; see spec/SOURCE.md.
//
//go:embed spec/models.json
var modelsJSON []byte

// schema maps a model name to its properties and their types: "" for a
// scalar or free-form value, "m" for an object of model m, "[]m" for an
// array of them, "~m" for either.
type schema map[string]map[string]string

var loadSchema = sync.OnceValues(func() (schema, error) {
	var sc schema
	if err := json.Unmarshal(modelsJSON, &sc); err != nil {
		return nil, fmt.Errorf("docusigntest: the embedded spec is broken: %w", err)
	}
	return sc, nil
})

// checkStrict decodes body as JSON and reports the first property that
// DocuSign does not know for model, or the first value of the wrong shape,
// as INVALID_REQUEST_BODY naming the property and where it is.
func checkStrict(body []byte, model string) *apiError {
	sc, err := loadSchema()
	if err != nil {
		return &apiError{status: 500, code: "UNSPECIFIED_ERROR", message: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return invalidBody("The body is not valid JSON: " + err.Error() + ".")
	}
	if dec.More() {
		return invalidBody("The body holds more than one JSON value.")
	}
	if _, ok := v.(map[string]any); !ok {
		return invalidBody("The body must be a JSON object (" + model + ").")
	}
	return sc.check(v, model, "")
}

func (sc schema) check(v any, typ, path string) *apiError {
	if v == nil || typ == "" {
		return nil
	}
	switch {
	case strings.HasPrefix(typ, "[]"):
		arr, ok := v.([]any)
		if !ok {
			return invalidBody(fmt.Sprintf("The property '%s' must be an array of %s.",
				path, typ[2:]))
		}
		return sc.checkArray(arr, typ[2:], path)
	case strings.HasPrefix(typ, "~"):
		if arr, ok := v.([]any); ok {
			return sc.checkArray(arr, typ[1:], path)
		}
		typ = typ[1:]
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return invalidBody(fmt.Sprintf("The property '%s' must be an object (%s).", path, typ))
	}
	props, known := sc[typ]
	if !known {
		return nil
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ptyp, ok := props[k]
		where := join(path, k)
		if !ok {
			return invalidBody(fmt.Sprintf("The property '%s' is not a property of %s "+
				"(at %s); check its spelling against DocuSign's API reference.", k, typ, where))
		}
		if err := sc.check(obj[k], ptyp, where); err != nil {
			return err
		}
	}
	return nil
}

func (sc schema) checkArray(arr []any, typ, path string) *apiError {
	for i, el := range arr {
		if err := sc.check(el, typ, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// flex is a scalar DocuSign types as a string, accepted as a JSON string,
// number or boolean ("true", true, "1" and 1 all work, as with DocuSign).
type flex string

func (f *flex) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flex(s)
		return nil
	}
	switch t := strings.TrimSpace(string(b)); {
	case t == "null":
		*f = ""
	case t == "true" || t == "false" || json.Valid(b) && !strings.ContainsAny(t[:1], "[{\""):
		*f = flex(t)
	default:
		return fmt.Errorf("a string, number or boolean was expected, not %s", t)
	}
	return nil
}

func (f flex) bool() bool { return strings.EqualFold(string(f), "true") }
