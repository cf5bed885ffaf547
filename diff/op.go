package diff

import (
	"encoding/json"
	"fmt"
)

// Op says what happened to a run of text between two versions.
type Op int

// The operations of a Segment. Equal is the zero value, so a Segment built
// without an Op is context.
const (
	Equal Op = iota
	Insert
	Delete
)

var opNames = [...]string{Equal: "equal", Insert: "insert", Delete: "delete"}

// String returns "equal", "insert" or "delete".
func (o Op) String() string {
	if o < 0 || int(o) >= len(opNames) {
		return fmt.Sprintf("Op(%d)", int(o))
	}
	return opNames[o]
}

// MarshalJSON encodes the operation as its name, so stored and served diffs
// do not depend on the order of the constants.
func (o Op) MarshalJSON() ([]byte, error) {
	if o < 0 || int(o) >= len(opNames) {
		return nil, fmt.Errorf("diff: marshal op: unknown op %d", int(o))
	}
	return json.Marshal(opNames[o])
}

// UnmarshalJSON decodes an operation name written by MarshalJSON.
func (o *Op) UnmarshalJSON(b []byte) error {
	v, err := unmarshalName(b, opNames[:])
	if err != nil {
		return fmt.Errorf("diff: unmarshal op %s: %w", b, err)
	}
	*o = Op(v)
	return nil
}

// ParagraphOp says what happened to one body paragraph.
type ParagraphOp int

// The operations of a ParagraphDiff.
const (
	// ParagraphEqual paragraphs are unchanged and in the same order; they
	// are shown only as context.
	ParagraphEqual ParagraphOp = iota
	// ParagraphInsert paragraphs exist only in the new version.
	ParagraphInsert
	// ParagraphDelete paragraphs exist only in the old version.
	ParagraphDelete
	// ParagraphChange pairs an old paragraph with its edited new form.
	ParagraphChange
	// ParagraphMove paragraphs were reordered, possibly with small edits;
	// they are listed at their new position.
	ParagraphMove
)

var paragraphOpNames = [...]string{
	ParagraphEqual:  "equal",
	ParagraphInsert: "insert",
	ParagraphDelete: "delete",
	ParagraphChange: "change",
	ParagraphMove:   "move",
}

// String returns "equal", "insert", "delete", "change" or "move".
func (o ParagraphOp) String() string {
	if o < 0 || int(o) >= len(paragraphOpNames) {
		return fmt.Sprintf("ParagraphOp(%d)", int(o))
	}
	return paragraphOpNames[o]
}

// MarshalJSON encodes the operation as its name.
func (o ParagraphOp) MarshalJSON() ([]byte, error) {
	if o < 0 || int(o) >= len(paragraphOpNames) {
		return nil, fmt.Errorf("diff: marshal paragraph op: unknown op %d", int(o))
	}
	return json.Marshal(paragraphOpNames[o])
}

// UnmarshalJSON decodes an operation name written by MarshalJSON.
func (o *ParagraphOp) UnmarshalJSON(b []byte) error {
	v, err := unmarshalName(b, paragraphOpNames[:])
	if err != nil {
		return fmt.Errorf("diff: unmarshal paragraph op %s: %w", b, err)
	}
	*o = ParagraphOp(v)
	return nil
}

func unmarshalName(b []byte, names []string) (int, error) {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return 0, err
	}
	for i, n := range names {
		if n == s {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown name %q", s)
}
