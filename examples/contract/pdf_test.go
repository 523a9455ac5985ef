package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sampleTerms = contractTerms{Title: "Service Agreement", Provider: "Studio (Ltd)",
	Client: "José Ñúñez", Date: "1 May 2025", Clauses: []string{
		"A clause long enough to be wrapped onto a second line of the page, because it " +
			"goes on and on about what the provider delivers and when.",
		"Payment in €, within 30 days."}}

func TestContractPDFHasAnExactCrossReferenceTable(t *testing.T) {
	t.Parallel()
	pdf := contractPDF(sampleTerms)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")))
	require.True(t, bytes.HasSuffix(pdf, []byte("%%EOF\n")))

	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	require.NotNil(t, m, "no startxref")
	xref, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf[xref:], []byte("xref\n0 7\n")), "startxref is off")

	entries := regexp.MustCompile(`(\d{10}) 00000 n \n`).FindAllSubmatch(pdf[xref:], -1)
	require.Len(t, entries, 6)
	for i, e := range entries {
		off, err := strconv.Atoi(string(e[1]))
		require.NoError(t, err)
		want := fmt.Sprintf("%d 0 obj\n", i+1)
		assert.True(t, bytes.HasPrefix(pdf[off:], []byte(want)), "object %d is not at %d", i+1, off)
	}
	stream := regexp.MustCompile(`<< /Length (\d+) >>\nstream\n`).FindSubmatchIndex(pdf)
	require.NotNil(t, stream)
	n, _ := strconv.Atoi(string(pdf[stream[2]:stream[3]]))
	assert.True(t, bytes.HasPrefix(pdf[stream[1]+n:], []byte("endstream")), "wrong /Length")
}

func TestContractPDFCarriesTheAnchorAndEscapedText(t *testing.T) {
	t.Parallel()
	pdf := string(contractPDF(sampleTerms))
	assert.Contains(t, pdf, "("+signHereAnchor+") Tj", "the sign-here anchor")
	assert.Contains(t, pdf, `Studio \(Ltd\)`, "parentheses escaped")
	assert.Contains(t, pdf, `Jos\351 \321\372\361ez`, "Latin-1 letters as WinAnsi codes")
	assert.Contains(t, pdf, "Payment in ?, within", "characters outside WinAnsi's Latin-1 part")
	assert.Regexp(t, `BT /F1 11 Tf 86 \d+ Td \(and on about`, pdf, "continuation indented")
}

func TestWrapBreaksAtSpacesWithinTheWidth(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"one two", "three"}, wrap("one two three", 8))
	assert.Equal(t, []string{"unbreakableword"}, wrap("unbreakableword", 4))
	assert.Equal(t, []string{""}, wrap("", 10))
}
