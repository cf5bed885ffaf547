package main

import (
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 stops at the first error a field returns and words its errors in
// Go types ("cannot unmarshal !!str `abc` into int", "main.CrawlerConfig").
// A config file is written by people, who should see every problem at once
// in the file's own terms, so the node tree is walked here instead: each
// bad value is recorded with its dotted key and line, a field that fails
// keeps its default, and decoding goes on.

// maxConfigNodes bounds the walk. Aliases are expanded as they are met, and
// a few nested anchors can stand for billions of nodes; a real config has a
// few thousand.
const maxConfigNodes = 1 << 16

type configDecoder struct {
	file     string
	problems []*ConfigError
	nodes    int
}

func (d *configDecoder) bad(n *yaml.Node, key, format string, args ...any) {
	d.problems = append(d.problems, &ConfigError{File: d.file, Key: key, Line: n.Line, Msg: fmt.Sprintf(format, args...)})
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	durationType    = reflect.TypeFor[Duration]()
	byteSizeType    = reflect.TypeFor[ByteSize]()
)

// decode sets v from n, recording every problem under key. It reports
// whether the walk may go on (false once the node budget is spent).
func (d *configDecoder) decode(n *yaml.Node, v reflect.Value, key string) bool {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if !d.spend(n, key) {
		return false
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return true
		}
		return d.decode(n.Content[0], v, key)
	}
	if isNull(n) {
		// As in yaml.v3: an empty value clears a list, leaves anything else
		// at its default.
		switch v.Kind() {
		case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
			v.SetZero()
		}
		return true
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if err := v.Addr().Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
			d.bad(n, key, "%s", plainYAMLError(err))
		}
		return true
	}
	switch v.Kind() {
	case reflect.Struct:
		return d.decodeStruct(n, v, key)
	case reflect.Slice:
		return d.decodeSlice(n, v, key)
	case reflect.Map:
		return d.decodeMap(n, v, key)
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decode(n, v.Elem(), key)
	}
	d.decodeScalar(n, v, key)
	return true
}

// spend counts one node against maxConfigNodes, recording the problem
// once the budget is gone.
func (d *configDecoder) spend(n *yaml.Node, key string) bool {
	if d.nodes++; d.nodes > maxConfigNodes {
		if d.nodes == maxConfigNodes+1 {
			d.bad(n, key, "more than %d values (nested aliases?); the rest of the file is not read", maxConfigNodes)
		}
		return false
	}
	return true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func (d *configDecoder) decodeStruct(n *yaml.Node, v reflect.Value, key string) bool {
	if n.Kind != yaml.MappingNode {
		d.bad(n, key, "must be a mapping of keys (key: value lines), got %s", describeNode(n))
		return true
	}
	fields := yamlFields(v.Type())
	// Explicit keys win over merged ones («<<: *defaults») wherever they
	// stand, so merges are applied first.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.ShortTag() == "!!merge" {
			if !d.decodeMerge(n.Content[i+1], v, key) {
				return false
			}
		}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.ShortTag() == "!!merge" {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.bad(k, key, "a key must be a plain name, got %s", describeNode(k))
			continue
		}
		sub := joinKey(key, clip(k.Value))
		if line, dup := seen[k.Value]; dup {
			d.bad(k, sub, "is set twice (first on line %d)", line)
			continue
		}
		seen[k.Value] = k.Line
		idx, ok := fields[k.Value]
		if !ok {
			d.bad(k, sub, "%s", unknownKeyMessage(k.Value, key, fields))
			continue
		}
		if !d.decode(val, v.Field(idx), sub) {
			return false
		}
	}
	return true
}

func (d *configDecoder) decodeMerge(n *yaml.Node, v reflect.Value, key string) bool {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if !d.spend(n, key) {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		return d.decodeStruct(n, v, key)
	case yaml.SequenceNode:
		// Earlier mappings in a merge list win, so apply them last.
		for i := len(n.Content) - 1; i >= 0; i-- {
			if !d.decodeMerge(n.Content[i], v, key) {
				return false
			}
		}
		return true
	}
	d.bad(n, key, "<< must merge a mapping or a list of mappings, got %s", describeNode(n))
	return true
}

func (d *configDecoder) decodeSlice(n *yaml.Node, v reflect.Value, key string) bool {
	if n.Kind != yaml.SequenceNode {
		d.bad(n, key, "must be a list (- item lines, or [a, b]), got %s", describeNode(n))
		return true
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		if !d.decode(item, out.Index(i), fmt.Sprintf("%s[%d]", key, i)) {
			return false
		}
	}
	v.Set(out)
	return true
}

func (d *configDecoder) decodeMap(n *yaml.Node, v reflect.Value, key string) bool {
	if n.Kind != yaml.MappingNode {
		d.bad(n, key, "must be a mapping of keys (key: value lines), got %s", describeNode(n))
		return true
	}
	out := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := reflect.New(v.Type().Key()).Elem()
		d.decodeScalar(n.Content[i], k, key)
		sub := joinKey(key, clip(n.Content[i].Value))
		val := reflect.New(v.Type().Elem()).Elem()
		if !d.decode(n.Content[i+1], val, sub) {
			return false
		}
		out.SetMapIndex(k, val)
	}
	v.Set(out)
	return true
}

// decodeScalar lets yaml.v3 read the scalar, so YAML's own spellings (0x1F,
// yes/no in quotes, 1e3) mean what they mean there, but words the error.
func (d *configDecoder) decodeScalar(n *yaml.Node, v reflect.Value, key string) {
	want := wantedValue(v.Type())
	if n.Kind != yaml.ScalarNode {
		d.bad(n, key, "must be %s, got %s", want, describeNode(n))
		return
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		// yaml.v3 truncates 1.5 into an int; a count in a config is exact.
		if n.ShortTag() != "!!int" {
			d.bad(n, key, "must be %s, got %s", want, describeNode(n))
			return
		}
	}
	target := reflect.New(v.Type())
	if err := n.Decode(target.Interface()); err != nil {
		d.bad(n, key, "must be %s, got %s", want, describeNode(n))
		return
	}
	v.Set(target.Elem())
}
