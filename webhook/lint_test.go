package webhook

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// macName matches the names of values that hold a MAC or a signature, or
// compute one. Comparing such values with == or != is a timing leak.
var macName = regexp.MustCompile(`(?i)mac|sig|digest|sum|hash|candidate|encode`)

// forbiddenCalls compare byte slices in variable time.
var forbiddenCalls = map[string]bool{
	"bytes.Equal": true, "bytes.Compare": true, "reflect.DeepEqual": true,
	"slices.Equal": true, "slices.Compare": true, "strings.Compare": true,
	"subtle.ConstantTimeCompare": true, // fine in itself, but the rule is hmac.Equal
}

// macComparisons returns, for one file's source, each comparison that may
// apply == or != (or a variable-time helper) to a MAC, and whether the file
// calls hmac.Equal.
func macComparisons(t *testing.T, name string, src []byte) (found []string, hmacEqual bool) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	require.NoError(t, err)
	consts := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					consts[id.Name] = true
				}
			}
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if name := callName(n); forbiddenCalls[name] {
				found = append(found, fset.Position(n.Pos()).String()+": "+name)
			} else if name == "hmac.Equal" {
				hmacEqual = true
			}
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ || isNil(n.X) || isNil(n.Y) {
				return true // a nil check compares no MAC
			}
			if mentionsMAC(n.X, consts) || mentionsMAC(n.Y, consts) {
				found = append(found, fset.Position(n.Pos()).String()+": "+n.Op.String())
			}
		}
		return true
	})
	return found, hmacEqual
}

func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

func callName(c *ast.CallExpr) string {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if pkg, ok := sel.X.(*ast.Ident); ok {
		return pkg.Name + "." + sel.Sel.Name
	}
	return ""
}

// mentionsMAC reports whether e uses a MAC-named value, other than through
// len or cap (comparing a length is fine) or as a named constant.
func mentionsMAC(e ast.Expr, consts map[string]bool) bool {
	hit := false
	ast.Inspect(e, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
				return false
			}
		}
		if id, ok := n.(*ast.Ident); ok && !consts[id.Name] && macName.MatchString(id.Name) {
			hit = true
		}
		return !hit
	})
	return hit
}

func TestA17_MACsAreComparedOnlyWithHMACEqual(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	sawHMACEqual := false
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		found, eq := macComparisons(t, name, src)
		assert.Empty(t, found, "compare MACs with hmac.Equal over decoded bytes")
		sawHMACEqual = sawHMACEqual || eq
		checked++
	}
	assert.GreaterOrEqual(t, checked, 2)
	assert.True(t, sawHMACEqual, "Verify compares with hmac.Equal")
}

func TestA17_TheComparisonCheckCatchesWhatItLooksFor(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"bytes.Equal":         `_ = bytes.Equal(sum, want)`,
		"string ==":           `_ = string(sum) == string(candidates[0][:])`,
		"array !=":            `_ = computedMAC != decoded`,
		"Sign result ==":      `_ = Sign(body, key) == h.Get("X-DocuSign-Signature-1")`,
		"encoded ==":          `_ = base64.StdEncoding.EncodeToString(x) == header`,
		"ConstantTimeCompare": `_ = subtle.ConstantTimeCompare(a, b)`,
	} {
		t.Run(name, func(t *testing.T) {
			src := "package p\nconst macSize = 32\nfunc f() {\n" + body + "\n}\n"
			found, _ := macComparisons(t, "bad.go", []byte(src))
			assert.Len(t, found, 1)
		})
	}
	ok := "package p\nconst macSize = 32\nfunc f() {\n" +
		"_ = len(sigs) == 0\n_ = n != macSize\n_ = hmac.Equal(sum, want)\n" +
		"_ = summary != nil\n}\n"
	found, eq := macComparisons(t, "good.go", []byte(ok))
	assert.Empty(t, found)
	assert.True(t, eq)
}
