package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parse decodes data over c and validates the result, returning every
// problem at once, each as a *ConfigError with its line, sorted by line.
func (c *Config) parse(name string, data []byte) error {
	c.path = name
	expanded, envProblems := expandEnv(name, data)
	d := &configDecoder{file: name}
	root, syntax := parseYAML(name, expanded)
	if root == nil && syntax != nil {
		// Past a syntax error the structure is unknown, so nothing more
		// can be said about keys or values.
		return joinProblems(append(envProblems, syntax...), nil)
	}
	if root != nil {
		c.lines = map[string]int{}
		indexLines(root, "", c.lines)
		d.decode(root, reflect.ValueOf(c).Elem(), "")
	}
	// A value that could not be read keeps its default, and an unset
	// variable reads as empty: Validate's view of either would only repeat
	// the problem.
	skip := func(ce *ConfigError) bool {
		for _, p := range envProblems {
			if p.Line == ce.Line {
				return true
			}
		}
		for _, p := range d.problems {
			if coversKey(p.Key, ce.Key) {
				return true
			}
		}
		return false
	}
	problems := append(append(envProblems, syntax...), d.problems...)
	return joinProblems(problems, validationProblems(c.Validate(), skip))
}

// parseYAML reads the first YAML document. It returns nil for an empty file,
// nil and a problem naming the line for a syntax error, and the document
// with a problem when more documents follow.
func parseYAML(name string, data []byte) (*yaml.Node, []*ConfigError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); errors.Is(err, io.EOF) {
		return nil, nil
	} else if err != nil {
		return nil, []*ConfigError{syntaxProblem(name, err)}
	}
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		switch {
		case errors.Is(err, io.EOF):
			return &root, nil
		case err != nil:
			return nil, []*ConfigError{syntaxProblem(name, err)}
		case len(next.Content) > 0 && !isNull(next.Content[0]):
			// A second document would be silently ignored, a trap for
			// whoever appended settings after a "---".
			return &root, []*ConfigError{{File: name, Line: next.Line, Msg: "a second YAML document (after ---) would be ignored; keep all settings in one"}}
		}
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func syntaxProblem(name string, err error) *ConfigError {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &ConfigError{File: name, Line: line, Msg: "YAML syntax error: " + msg}
}

// coversKey reports whether a problem at key parent also explains one at
// key (the same key, or one inside it).
func coversKey(parent, key string) bool {
	rest, ok := strings.CutPrefix(key, parent)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

// validationProblems flattens Validate's joined errors, dropping those skip
// says are already explained.
func validationProblems(err error, skip func(*ConfigError) bool) []error {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	var out []error
	for _, e := range errs {
		var ce *ConfigError
		if errors.As(e, &ce) && skip(ce) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// joinProblems sorts every problem by line, those without one last, and
// joins them into one error (nil when there are none).
func joinProblems(problems []*ConfigError, more []error) error {
	all := make([]error, 0, len(problems)+len(more))
	for _, p := range problems {
		all = append(all, p)
	}
	all = append(all, more...)
	line := func(e error) int {
		var ce *ConfigError
		if errors.As(e, &ce) && ce.Line > 0 {
			return ce.Line
		}
		return math.MaxInt
	}
	slices.SortStableFunc(all, func(a, b error) int { return cmp.Compare(line(a), line(b)) })
	return errors.Join(all...)
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${VAR} so secrets stay out of the file. Only the braced
// form is expanded (a bare $ is common in regexes), and comment lines are
// left alone so documentation may show the syntax. An unset variable is a
// problem on its line and reads as empty, so the rest is still checked.
func expandEnv(name string, data []byte) ([]byte, []*ConfigError) {
	var missing []*ConfigError
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			continue
		}
		lines[i] = envRef.ReplaceAllFunc(line, func(m []byte) []byte {
			v, ok := os.LookupEnv(string(envRef.FindSubmatch(m)[1]))
			if !ok {
				missing = append(missing, &ConfigError{File: name, Line: i + 1, Msg: fmt.Sprintf("environment variable %s is not set", m[2:len(m)-1])})
			}
			return []byte(v)
		})
	}
	return bytes.Join(lines, nil), missing
}

func indexLines(n *yaml.Node, prefix string, lines map[string]int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			indexLines(c, prefix, lines)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if prefix != "" {
				key = prefix + "." + key
			}
			lines[key] = n.Content[i].Line
			indexLines(n.Content[i+1], key, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			key := fmt.Sprintf("%s[%d]", prefix, i)
			lines[key] = c.Line
			indexLines(c, key, lines)
		}
	}
}
