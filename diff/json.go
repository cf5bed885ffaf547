package diff

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the diff as one JSON object followed by a newline. Its
// shape, for a headline edit and one added paragraph:
//
//	{
//	  "fields": [
//	    {"field": "headline", "changed": true, "segments": [
//	      {"op": "equal", "text": "Fire kills "},
//	      {"op": "delete", "text": "12"},
//	      {"op": "insert", "text": "15"},
//	      {"op": "equal", "text": " people"}]},
//	    {"field": "byline", "changed": false, "segments": []},
//	    {"field": "dek", "changed": false, "segments": []},
//	    {"field": "body", "changed": true, "segments": [
//	      {"op": "equal", "text": "First paragraph."},
//	      {"op": "insert", "text": "\nNew paragraph."}]},
//	    {"field": "notes", "changed": false, "segments": []},
//	    {"field": "developing", "changed": false, "segments": [
//	      {"op": "equal", "text": "yes"}]}
//	  ],
//	  "added": 3,
//	  "removed": 1,
//	  "paragraphs": [
//	    {"op": "equal", "old": 0, "new": 0, "segments": [{"op": "equal", "text": "First paragraph."}]},
//	    {"op": "insert", "old": -1, "new": 1, "segments": [{"op": "insert", "text": "New paragraph."}]}
//	  ]
//	}
//
// Segment ops are "equal", "insert" and "delete"; paragraph ops add
// "change" and "move". Arrays are never null; "<", ">" and "&" are escaped
// as \u003c and so on, so the output is safe inside a <script> block. The
// body appears twice: as flat segments in its field, for consumers that
// want one text, and paragraph by paragraph, for rendering. The output
// decodes back into a Diff with encoding/json.
func WriteJSON(w io.Writer, d Diff) error {
	if err := json.NewEncoder(w).Encode(d); err != nil {
		return fmt.Errorf("diff: write json: %w", err)
	}
	return nil
}
