package main

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The words of config problems: what a key wants, what the file holds, and
// the nearest known key to a misspelt one.

// wantedValue names what a field holds in the words of the README.
func wantedValue(t reflect.Type) string {
	switch t {
	case durationType:
		return "a duration such as 90s, 15m, 6h or 3d"
	case byteSizeType:
		return "a size such as 5MiB, 512KiB or a byte count"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number from 0"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	}
	return "a mapping of keys"
}

// describeNode shows what the file holds at n, short enough for one line.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", clip(n.Value))
}

// clip cuts s to about 60 bytes on a rune boundary, so one bad value in a
// message stays one line.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// yamlFields maps each yaml key of a struct to its field index.
func yamlFields(t reflect.Type) map[string]int {
	fields := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = i
	}
	return fields
}

func joinKey(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func unknownKeyMessage(name, parent string, fields map[string]int) string {
	msg := fmt.Sprintf("unknown key %q", clip(name))
	if parent != "" {
		msg += " in " + parent
	}
	if len(name) > 64 {
		return msg
	}
	best, bestDist := "", 3
	for f := range fields {
		if dist := editDistance(strings.ToLower(name), f); dist < bestDist || dist == bestDist && f < best {
			best, bestDist = f, dist
		}
	}
	if best != "" && bestDist <= len(best)/2 {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	return msg
}

// editDistance is the Levenshtein distance, for "did you mean" hints.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// plainYAMLError strips yaml.v3's "yaml: line N:" prefix and Go type names
// from an error a custom UnmarshalYAML returned; the caller adds the
// file, line and key.
func plainYAMLError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if _, after, found := strings.Cut(rest, ": "); found {
			msg = after
		}
	}
	if strings.Contains(msg, "cannot unmarshal") || strings.Contains(msg, "main.") {
		return "has a value of the wrong kind"
	}
	return msg
}
