package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/redline-news/redline"
	"github.com/spf13/cobra"
)

func newExportCommand(a *app) *cobra.Command {
	var (
		warcFile string
		jsonl    bool
		out      string
	)
	cmd := &cobra.Command{
		Use:   "export (--warc FILE | --jsonl [--out FILE]) [ID|URL...]",
		Short: "Write stored pages as a WARC file, or every version as JSON lines",
		Long: `export hands the evidence to someone else.

--warc FILE writes every stored page (of the named stories, or of all) as a
WARC 1.1 response record with its request URL, fetch time, response header
as fetched and SHA-1 digests; FILE ending in .gz is gzip-compressed per
record. --jsonl writes every version as one JSON object a line, to stdout
or --out FILE. A file is written under a temporary name and renamed when
complete, so a failed export never leaves a file that looks whole.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			req := redline.ExportRequest{Software: "redline/" + version}
			dest := out
			switch {
			case warcFile != "" && jsonl:
				return usagef("export: --warc and --jsonl exclude each other; run export once for each")
			case warcFile != "":
				if out != "" {
					return usagef("export: --out is for --jsonl; --warc takes the file itself")
				}
				req.Format, dest = redline.FormatWARC, warcFile
				req.Gzip = strings.HasSuffix(strings.ToLower(warcFile), ".gz")
				if dest != "-" {
					req.Filename = filepath.Base(dest)
				}
			case jsonl:
				req.Format = redline.FormatJSONL
			default:
				return usagef("export: say what to write: --warc FILE or --jsonl")
			}
			s, err := a.openSession(cmd.Context(), readOnly)
			if err != nil {
				return err
			}
			defer s.Close()
			if req.IDs, err = storyIDs(cmd, s, args); err != nil {
				return err
			}
			var sum redline.ExportSummary
			err = writeOutput(a.stdout, dest, func(w io.Writer) error {
				var err error
				sum, err = s.svc.Export(cmd.Context(), req, w)
				return err
			})
			if err != nil {
				return err
			}
			where := dest
			if where == "" || where == "-" {
				where = "stdout"
			}
			msg := fmt.Sprintf("exported %s of %s to %s", plural(sum.Versions, "version"), plural(sum.Stories, "story"), where)
			if req.Format == redline.FormatWARC {
				msg += fmt.Sprintf(" (%s", plural(sum.Pages, "page"))
				if sum.Skipped > 0 {
					msg += fmt.Sprintf("; %d stored without a page, not in the WARC", sum.Skipped)
				}
				msg += ")"
			}
			fmt.Fprintln(a.stderr, msg)
			return nil
		},
	}
	cmd.Flags().StringVar(&warcFile, "warc", "", "write a WARC 1.1 file (gzip per record when FILE ends in .gz; - for stdout)")
	cmd.Flags().BoolVar(&jsonl, "jsonl", false, "write every version as one JSON object a line")
	cmd.Flags().StringVar(&out, "out", "", "with --jsonl: write to FILE instead of stdout")
	return cmd
}

// writeOutput runs write against stdout (path "" or "-") or a file that
// appears under path only once write succeeded and the data is on disk.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(stdout, 64<<10)
		if err := write(bw); err != nil {
			bw.Flush()
			return err
		}
		return bw.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fail := func(err error) error {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(fmt.Errorf("export: write %s: %w", path, err))
	}
	if err := f.Sync(); err != nil {
		return fail(fmt.Errorf("export: write %s: %w", path, err))
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
