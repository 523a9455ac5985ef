package docusigntest

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// FuzzCheckStrict: any body gets an answer, never a panic, and a body the
// check accepts decodes into the fake's own types.
func FuzzCheckStrict(f *testing.F) {
	f.Add([]byte(`{"emailSubject":"x","documents":[{"documentId":"1"}]}`))
	f.Add([]byte(`{"recipients":{"signers":[{"tabs":{"signHereTabs":[{"xPosition":1}]}}]}}`))
	f.Add([]byte(`{"eventNotification":{"eventData":{"includeData":["recipients"]}}}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if checkStrict(body, "envelopeDefinition") != nil {
			return
		}
		var def envelopeDefinitionIn
		_ = json.Unmarshal(body, &def)
	})
}

func FuzzFlex(f *testing.F) {
	for _, s := range []string{`"a"`, `true`, `1.5`, `null`, `[1]`, `{}`, `"\u00e9"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v flex
		if err := v.UnmarshalJSON(b); err == nil && !json.Valid(b) {
			t.Fatalf("accepted invalid JSON %q", b)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-01-01", "2020-01-01T10:00:00Z", "01/02/2020", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { parseDate(s) })
}

// FuzzWrapLine: wrapping ends, keeps every line within the width and
// loses no character but the spaces it breaks at. A word longer than a
// line after an indented break once made it loop forever.
func FuzzWrapLine(f *testing.F) {
	f.Add("  " + strings.Repeat("x", 95) + " (document 1, 5 bytes)")
	f.Add("Subject: " + strings.Repeat("y", 100))
	f.Add("short line")
	f.Fuzz(func(t *testing.T, s string) {
		const width = 20
		lines := wrapLine(s, width)
		var kept strings.Builder
		for _, l := range lines {
			if len(l) > width {
				t.Fatalf("line %q is longer than %d", l, width)
			}
			kept.WriteString(l)
		}
		nonSpace := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		if nonSpace(kept.String()) != nonSpace(s) {
			t.Fatalf("wrapping %q lost characters: %q", s, lines)
		}
	})
}

func TestStoreContentSpillsLargeDocumentsToDisk(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	small, path, size, err := srv.storeContent(strings.NewReader("tiny"))
	if err != nil || path != "" || string(small) != "tiny" || size != 4 {
		t.Fatalf("small: %q %q %d %v", small, path, size, err)
	}
	big := bytes.Repeat([]byte("x"), memDocLimit+1)
	data, path, size, err := srv.storeContent(bytes.NewReader(big))
	if err != nil || data != nil || path == "" || size != int64(len(big)) {
		t.Fatalf("big: %d bytes in memory, path %q, size %d, %v", len(data), path, size, err)
	}
	onDisk, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(onDisk, big) {
		t.Fatalf("the stored file differs: %v", err)
	}
	srv.Close()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("Close left %s behind", path)
	}
}
