package main

import (
	"bufio"
	"encoding/json"
	"io"
	"text/tabwriter"
)

// table aligns columns like tabwriter, whose Flush writes every cell
// separately: buffered, a 1,000-row list is a few writes, not 12,000.
type table struct {
	*tabwriter.Writer
	out *bufio.Writer
}

func newTable(w io.Writer) table {
	out := bufio.NewWriter(w)
	return table{Writer: tabwriter.NewWriter(out, 0, 4, 2, ' ', 0), out: out}
}

func (t table) Flush() error {
	if err := t.Writer.Flush(); err != nil {
		return err
	}
	return t.out.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
