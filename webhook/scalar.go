package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// flexString reads a JSON string, or a bare number as its text, so that an
// ID DocuSign writes as a number (configurationId) or as a string reads the
// same. null is "".
type flexString string

func (s *flexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case string(data) == "null":
		*s = ""
		return nil
	case len(data) > 0 && data[0] == '"':
		var v string
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("%.40s is neither a string nor a number", data)
	}
	*s = flexString(n)
	return nil
}

// flexInt reads a JSON number, or a string holding one. null and "" are 0.
type flexInt int

func (n *flexInt) UnmarshalJSON(data []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(data); err != nil {
		return err
	}
	if s == "" {
		*n = 0
		return nil
	}
	v, err := strconv.Atoi(string(s))
	if err != nil {
		return fmt.Errorf("%.40q is not a whole number", string(s))
	}
	*n = flexInt(v)
	return nil
}
