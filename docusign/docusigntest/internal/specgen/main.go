// Command specgen writes the property table that docusigntest checks request
// bodies against. It reads DocuSign's eSignature OpenAPI file (Swagger 2.0,
// esignature.rest.swagger-v2.1.json from docusign/eSign-OpenAPI-Specifications)
// and the property names of the official Node SDK's models (docusign-esign
// 10.0.0, src/model/*.js, collected as sdk-model-properties.json), keeps the
// models reachable from the request bodies the fake accepts, and writes them
// as one JSON object: model name, then property name, then the property's
// type ("" for a scalar or a free-form value, "name" for an object of model
// name, "[]name" for an array of them, "~name" when only the SDK knows the
// property and it may be either).
//
// The SDK is newer than the 2021 spec, so a property either source names is
// accepted. Run it from the repository root when the sources change:
//
//	go run ./docusign/docusigntest/internal/specgen \
//	    -swagger ../shared/docusign/spec/esignature.rest.swagger-v2.1.json \
//	    -sdk ../shared/docusign/spec/sdk-model-properties.json \
//	    -out docusign/docusigntest/spec/models.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

// roots are the request bodies the fake reads, and the answers it writes
// (its own tests check them against the same table).
var roots = []string{
	"envelopeDefinition", "envelope", "recipientViewRequest", "returnUrlRequest",
	"envelopeViewRequest", "recipients",
	"envelopeSummary", "envelopesInformation", "envelopeDocumentsResult", "viewUrl",
	"envelopeUpdateSummary",
}

type swagger struct {
	Definitions map[string]struct {
		Properties map[string]property `json:"properties"`
	} `json:"definitions"`
}

type property struct {
	Ref   string `json:"$ref"`
	Items *struct {
		Ref string `json:"$ref"`
	} `json:"items"`
}

func main() {
	swaggerPath := flag.String("swagger", "", "eSignature OpenAPI file")
	sdkPath := flag.String("sdk", "", "SDK model property names (JSON)")
	out := flag.String("out", "", "output file")
	flag.Parse()
	if err := run(*swaggerPath, *sdkPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "specgen:", err)
		os.Exit(1)
	}
}

func run(swaggerPath, sdkPath, out string) error {
	var sw swagger
	if err := readJSON(swaggerPath, &sw); err != nil {
		return err
	}
	var sdk map[string][]string
	if err := readJSON(sdkPath, &sdk); err != nil {
		return err
	}
	models := map[string]map[string]string{}
	for name, def := range sw.Definitions {
		m := map[string]string{}
		for p, v := range def.Properties {
			m[p] = typeOf(v)
		}
		models[name] = m
	}
	for pascal, props := range sdk {
		name := strings.ToLower(pascal[:1]) + pascal[1:]
		m := models[name]
		if m == nil {
			m = map[string]string{}
			models[name] = m
		}
		for _, p := range props {
			if _, ok := m[p]; ok {
				continue
			}
			m[p] = guess(p, sdk)
		}
	}
	keep := map[string]map[string]string{}
	for _, r := range roots {
		walk(r, models, keep)
	}
	data, err := json.MarshalIndent(keep, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(data, '\n'), 0o644)
}

func typeOf(v property) string {
	switch {
	case v.Ref != "":
		return refName(v.Ref)
	case v.Items != nil && v.Items.Ref != "":
		return "[]" + refName(v.Items.Ref)
	}
	return ""
}

// guess types an SDK-only property whose name is also a model's name, such
// as recipientViewRequest, or the plural of one, such as eventNotifications.
func guess(prop string, sdk map[string][]string) string {
	pascal := strings.ToUpper(prop[:1]) + prop[1:]
	for _, cand := range []string{pascal, strings.TrimSuffix(pascal, "s")} {
		if _, ok := sdk[cand]; ok {
			return "~" + strings.ToLower(cand[:1]) + cand[1:]
		}
	}
	return ""
}

func refName(ref string) string { return ref[strings.LastIndexByte(ref, '/')+1:] }

func walk(name string, models, keep map[string]map[string]string) {
	m, ok := models[name]
	if !ok || keep[name] != nil {
		return
	}
	keep[name] = m
	props := make([]string, 0, len(m))
	for p := range m {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		if t := strings.TrimLeft(m[p], "[]~"); t != "" {
			walk(t, models, keep)
		}
	}
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}
