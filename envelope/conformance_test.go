package envelope

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docusignObject names the DocuSign object a model stands for: its names in
// the 2021 OpenAPI spec and in the current Node SDK (which often differ:
// "EnvelopeRecipients" and "Recipients"), and, for what Connect messages
// carry, its path in the Connect JSON SIM schema ("[]" steps into an array).
type docusignObject struct {
	names   []string
	connect string
}

// modelObjects maps every model of the package to its DocuSign object. A
// model missing here fails the conformance test, so a new model cannot
// escape the check.
var modelObjects = map[reflect.Type]docusignObject{
	reflect.TypeFor[Envelope](): {[]string{"envelope", "Envelope"},
		"data.envelopeSummary"},
	reflect.TypeFor[Summary](): {[]string{"envelopeSummary", "EnvelopeSummary"}, ""},
	reflect.TypeFor[Sender](): {[]string{"userInfo", "UserInfo"},
		"data.envelopeSummary.sender"},
	reflect.TypeFor[EnvelopeMetadata](): {[]string{"envelopeMetadata", "EnvelopeMetadata"}, ""},
	reflect.TypeFor[EnvelopeDocument](): {[]string{"envelopeDocument", "EnvelopeDocument"},
		"data.envelopeSummary.envelopeDocuments[]"},
	reflect.TypeFor[Page]():         {[]string{"page", "Page"}, ""},
	reflect.TypeFor[ErrorDetails](): {[]string{"errorDetails", "ErrorDetails"}, ""},
	reflect.TypeFor[Recipients](): {[]string{"EnvelopeRecipients", "Recipients"},
		"data.envelopeSummary.recipients"},
	reflect.TypeFor[Signer](): {[]string{"signer", "Signer"},
		"data.envelopeSummary.recipients.signers[]"},
	reflect.TypeFor[CarbonCopy]():        {[]string{"carbonCopy", "CarbonCopy"}, ""},
	reflect.TypeFor[CertifiedDelivery](): {[]string{"certifiedDelivery", "CertifiedDelivery"}, ""},
	reflect.TypeFor[InPersonSigner]():    {[]string{"inPersonSigner", "InPersonSigner"}, ""},
	reflect.TypeFor[Tabs]():              {[]string{"EnvelopeRecipientTabs", "Tabs"}, ""},
	reflect.TypeFor[SignHere]():          {[]string{"signHere", "SignHere"}, ""},
	reflect.TypeFor[InitialHere]():       {[]string{"initialHere", "InitialHere"}, ""},
	reflect.TypeFor[DateSigned]():        {[]string{"dateSigned", "DateSigned"}, ""},
	reflect.TypeFor[FullName]():          {[]string{"fullName", "FullName"}, ""},
	reflect.TypeFor[Text]():              {[]string{"text", "Text"}, ""},
	reflect.TypeFor[Checkbox]():          {[]string{"checkbox", "Checkbox"}, ""},
	reflect.TypeFor[Definition]():        {[]string{"envelopeDefinition", "EnvelopeDefinition"}, ""},
	reflect.TypeFor[Document]():          {[]string{"document", "Document"}, ""},
	reflect.TypeFor[CustomFields](): {[]string{"customFields", "CustomFields"},
		"data.envelopeSummary.customFields"},
	reflect.TypeFor[TextCustomField]():   {[]string{"textCustomField", "TextCustomField"}, ""},
	reflect.TypeFor[ListCustomField]():   {[]string{"listCustomField", "ListCustomField"}, ""},
	reflect.TypeFor[TemplateRole]():      {[]string{"templateRole", "TemplateRole"}, ""},
	reflect.TypeFor[Notification]():      {[]string{"notification", "Notification"}, ""},
	reflect.TypeFor[Reminders]():         {[]string{"reminders", "Reminders"}, ""},
	reflect.TypeFor[Expirations]():       {[]string{"expirations", "Expirations"}, ""},
	reflect.TypeFor[EventNotification](): {[]string{"eventNotification", "EventNotification"}, ""},
	reflect.TypeFor[ConnectEventData]():  {[]string{"connectEventData", "ConnectEventData"}, ""},
	reflect.TypeFor[EnvelopeEvent]():     {[]string{"envelopeEvent", "EnvelopeEvent"}, ""},
	reflect.TypeFor[RecipientEvent]():    {[]string{"recipientEvent", "RecipientEvent"}, ""},

	reflect.TypeFor[envelopesInformation](): {[]string{"envelopesInformation", "EnvelopesInformation"}, ""},
	reflect.TypeFor[envelopeDocuments]():    {[]string{"EnvelopeDocuments", "EnvelopeDocumentsResult"}, ""},
	reflect.TypeFor[RecipientViewRequest](): {[]string{"recipientViewRequest", "RecipientViewRequest"}, ""},
	reflect.TypeFor[returnURLRequest]():     {[]string{"returnUrlRequest", "EnvelopeViewRequest"}, ""},
	reflect.TypeFor[viewURL]():              {[]string{"viewUrl", "ViewUrl"}, ""},
}

// knownProperties reads the property names of every object of the spec
// extract and of the SDK list.
func knownProperties(t *testing.T) map[string][]string {
	t.Helper()
	props := map[string][]string{}
	for _, file := range []string{"esignature-v2.1-properties.json", "sdk-model-properties.json"} {
		var m map[string][]string
		require.NoError(t, json.Unmarshal(readTestdata(t, file), &m), file)
		for name, p := range m {
			props[name] = append(props[name], p...)
		}
	}
	return props
}

// connectProperties returns the member names of the object at path in the
// Connect schema.
func connectProperties(t *testing.T, schema any, path string) []string {
	t.Helper()
	node := schema
	for _, step := range strings.Split(path, ".") {
		name, isArray := strings.CutSuffix(step, "[]")
		obj, ok := node.(map[string]any)
		require.True(t, ok, "connect schema: %s is not an object", path)
		node = obj[name]
		if isArray {
			arr, ok := node.([]any)
			require.True(t, ok && len(arr) > 0, "connect schema: %s is not a filled array", path)
			node = arr[0]
		}
	}
	obj, ok := node.(map[string]any)
	require.True(t, ok, "connect schema: %s is not an object", path)
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	return names
}

func TestEveryJSONNameIsDocuSigns(t *testing.T) {
	t.Parallel()
	props := knownProperties(t)
	var schema any
	require.NoError(t, json.Unmarshal(readTestdata(t, "connect-sim.schema-v2.json"), &schema))

	for typ, obj := range modelObjects {
		var allowed []string
		for _, name := range obj.names {
			require.Contains(t, props, name, "%s: DocuSign has no object %q", typ.Name(), name)
			allowed = append(allowed, props[name]...)
		}
		if obj.connect != "" {
			allowed = append(allowed, connectProperties(t, schema, obj.connect)...)
		}
		for _, f := range fieldsOf(typ) {
			assert.True(t, slices.Contains(allowed, f.name),
				"%s: %q is not a property of DocuSign's %v", typ.Name(), f.name, obj.names)
		}
	}
}

func TestEveryModelReachedIsMapped(t *testing.T) {
	t.Parallel()
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() || seen[t] {
			return
		}
		seen[t] = true
		for _, f := range fieldsOf(t) {
			walk(t.FieldByIndex(f.index).Type)
		}
	}
	for typ := range modelObjects {
		walk(typ)
	}
	for typ := range seen {
		assert.Contains(t, modelObjects, typ, "%s is reached from a model but mapped to "+
			"no DocuSign object", typ.Name())
	}
}

// flattened are the structs embedded in models; their fields are checked
// as the outer model's.
var flattened = map[string]bool{"Placement": true, "RecipientState": true}

// TestEveryTaggedStructIsMapped reads the package's source: every struct
// type with json tags, exported or not, must be in modelObjects.
func TestEveryTaggedStructIsMapped(t *testing.T) {
	t.Parallel()
	mapped := map[string]bool{}
	for typ := range modelObjects {
		mapped[typ.Name()] = true
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(file, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok || flattened[spec.Name.Name] || !hasJSONTag(spec.Type) {
				return true
			}
			assert.True(t, mapped[spec.Name.Name], "%s (%s) has json tags but no DocuSign "+
				"object in modelObjects", spec.Name.Name, name)
			return true
		})
	}
}

func hasJSONTag(expr ast.Expr) bool {
	st, ok := expr.(*ast.StructType)
	if !ok {
		return false
	}
	for _, f := range st.Fields.List {
		if f.Tag != nil && strings.Contains(f.Tag.Value, `json:"`) &&
			!strings.Contains(f.Tag.Value, `json:"-"`) {
			return true
		}
	}
	return false
}

// TestConformanceCatchesAMisspelledName proves the check can fail.
func TestConformanceCatchesAMisspelledName(t *testing.T) {
	t.Parallel()
	props := knownProperties(t)
	type misspelled struct {
		Acknowledge bool `json:"requiresAcknowledgement"` // the account-level spelling
	}
	for _, f := range fieldsOf(reflect.TypeFor[misspelled]()) {
		assert.NotContains(t, props["eventNotification"], f.name)
		assert.NotContains(t, props["EventNotification"], f.name)
	}
}
