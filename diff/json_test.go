package diff

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	d := storyEdit()
	var b bytes.Buffer
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("<script")) {
		t.Error("JSON carries a raw <script tag; it must stay escaped for embedding")
	}

	var shape struct {
		Fields []struct {
			Field    string `json:"field"`
			Changed  *bool  `json:"changed"`
			Segments []struct {
				Op   string  `json:"op"`
				Text *string `json:"text"`
			} `json:"segments"`
		} `json:"fields"`
		Added      *int `json:"added"`
		Removed    *int `json:"removed"`
		Paragraphs []struct {
			Op       string            `json:"op"`
			Old      *int              `json:"old"`
			New      *int              `json:"new"`
			Segments []json.RawMessage `json:"segments"`
		} `json:"paragraphs"`
	}
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&shape); err != nil {
		t.Fatalf("decode %s: %v", b.Bytes(), err)
	}
	var names []string
	for _, f := range shape.Fields {
		names = append(names, f.Field)
		if f.Changed == nil || f.Segments == nil {
			t.Errorf("field %s lacks changed or segments", f.Field)
		}
		for _, s := range f.Segments {
			if s.Op != "equal" && s.Op != "insert" && s.Op != "delete" || s.Text == nil {
				t.Errorf("field %s: bad segment op %q", f.Field, s.Op)
			}
		}
	}
	if want := []string{"headline", "byline", "dek", "body", "notes", "developing"}; !reflect.DeepEqual(names, want) {
		t.Errorf("fields = %v, want %v", names, want)
	}
	if shape.Added == nil || shape.Removed == nil || *shape.Added != d.Added {
		t.Errorf("added/removed missing or wrong: %v %v", shape.Added, shape.Removed)
	}
	ops := map[string]bool{}
	for _, p := range shape.Paragraphs {
		ops[p.Op] = true
		if p.Old == nil || p.New == nil || len(p.Segments) == 0 {
			t.Errorf("paragraph %+v lacks old, new or segments", p)
		}
	}
	for _, op := range []string{"equal", "insert", "delete", "change", "move"} {
		if !ops[op] {
			t.Errorf("no paragraph with op %q in %s", op, b.Bytes())
		}
	}

	var back Diff
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("JSON round trip changed the diff:\n%+v\n%+v", back, d)
	}
}

func TestWriteJSON_emptyArrays(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, Compare(base(), base())); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("null")) {
		t.Errorf("JSON has null where an empty array belongs: %s", b.Bytes())
	}
}

func TestOp_MarshalJSON(t *testing.T) {
	tests := []struct {
		op   Op
		want string
	}{
		{Equal, `"equal"`}, {Insert, `"insert"`}, {Delete, `"delete"`},
	}
	for _, tt := range tests {
		t.Run(tt.op.String(), func(t *testing.T) {
			b, err := json.Marshal(tt.op)
			if err != nil || string(b) != tt.want {
				t.Fatalf("Marshal = %s, %v, want %s", b, err, tt.want)
			}
			var back Op
			if err := json.Unmarshal(b, &back); err != nil || back != tt.op {
				t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
			}
		})
	}
	if _, err := json.Marshal(Op(7)); err == nil {
		t.Error("Marshal(Op(7)) succeeded")
	}
	var op Op
	if err := json.Unmarshal([]byte(`"move"`), &op); err == nil {
		t.Error(`Unmarshal("move") into Op succeeded`)
	}
	if got := Op(9).String(); got != "Op(9)" {
		t.Errorf("Op(9).String() = %q", got)
	}
}

func TestParagraphOp_MarshalJSON(t *testing.T) {
	for _, op := range []ParagraphOp{ParagraphEqual, ParagraphInsert, ParagraphDelete, ParagraphChange, ParagraphMove} {
		t.Run(op.String(), func(t *testing.T) {
			b, err := json.Marshal(op)
			if err != nil || string(b) != `"`+op.String()+`"` {
				t.Fatalf("Marshal = %s, %v", b, err)
			}
			var back ParagraphOp
			if err := json.Unmarshal(b, &back); err != nil || back != op {
				t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
			}
		})
	}
	var op ParagraphOp
	if err := json.Unmarshal([]byte(`"moved"`), &op); err == nil {
		t.Error(`Unmarshal("moved") succeeded`)
	}
	if err := json.Unmarshal([]byte(`3`), &op); err == nil {
		t.Error("Unmarshal(3) succeeded")
	}
}
