package docusign

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// errorBody holds every error shape DocuSign is known to send:
//
//	{"errorCode":"…","message":"…"}                  REST
//	{"errorDetails":{"errorCode":"…","message":"…"}} inside some results
//	{"error":{"errorCode":"…","message":"…"}}        some account-server paths
//	{"error":"invalid_grant","error_description":"…"} OAuth
//	{"error":"internal_server_error","reference_id":"…"}
type errorBody struct {
	ErrorCode        string          `json:"errorCode"`
	Message          string          `json:"message"`
	ErrorDetails     *errorBody      `json:"errorDetails"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	ReferenceID      string          `json:"reference_id"`
}

// decodeErrorBody extracts DocuSign's error code and message from an error
// response body. A body that is not JSON yields its first line of text as
// the message, so that a proxy's "502 Bad Gateway" page still says something.
func decodeErrorBody(body []byte) (code, message string) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return "", ""
	}
	var eb errorBody
	if body[0] != '{' || json.Unmarshal(body, &eb) != nil {
		return "", plainMessage(body)
	}
	return eb.codeAndMessage()
}

func (eb *errorBody) codeAndMessage() (string, string) {
	if eb.ErrorCode != "" || eb.Message != "" {
		return eb.ErrorCode, eb.Message
	}
	if eb.ErrorDetails != nil {
		return eb.ErrorDetails.codeAndMessage()
	}
	if len(eb.Error) == 0 {
		return "", ""
	}
	var oauthCode string
	if json.Unmarshal(eb.Error, &oauthCode) == nil {
		msg := eb.ErrorDescription
		if msg == "" && eb.ReferenceID != "" {
			msg = "reference " + eb.ReferenceID
		}
		return oauthCode, msg
	}
	var nested errorBody
	if json.Unmarshal(eb.Error, &nested) == nil {
		return nested.codeAndMessage()
	}
	return "", ""
}

// plainMessage returns the first non-empty line of a text body, stripped of
// markup-looking lines and cut to 200 bytes on a rune boundary.
func plainMessage(body []byte) string {
	if !utf8.Valid(body) {
		return ""
	}
	for _, line := range strings.Split(string(body), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "<") {
			continue
		}
		if len(line) > 200 {
			cut := 200
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			line = line[:cut] + "…"
		}
		return line
	}
	return ""
}
