package export

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/redline-news/redline"
)

// WARCOptions configure a WARC writer.
type WARCOptions struct {
	// Gzip compresses every record as its own gzip member (.warc.gz), so
	// tools can seek to any record.
	Gzip bool
	// Software names the writer in the warcinfo record, e.g. "redline/1.4.0".
	Software string
	// Filename is given as WARC-Filename in the warcinfo record; optional.
	Filename string
	// Now dates the warcinfo record; nil means time.Now.
	Now func() time.Time
}

// WARC writes stored pages as WARC 1.1 records to one stream.
type WARC struct {
	w         io.Writer
	gz        *gzip.Writer
	marshal   gowarc.Marshaler
	infoID    string
	responses int
	skipped   int
}

// recordOptions make gowarc compute the Content-Length and both digests;
// SHA-1 in base32 is what the WARC tools expect and check.
var recordOptions = []gowarc.WarcRecordOption{
	gowarc.WithVersion(gowarc.V1_1),
	gowarc.WithDefaultDigestAlgorithm("sha1"),
	gowarc.WithAddMissingDigest(true),
	gowarc.WithAddMissingContentLength(true),
	gowarc.WithAddMissingRecordId(true),
}

// NewWARC starts a WARC stream on w with its warcinfo record.
func NewWARC(w io.Writer, opts WARCOptions) (*WARC, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	x := &WARC{w: w, marshal: gowarc.NewMarshaler()}
	if opts.Gzip {
		x.gz = gzip.NewWriter(io.Discard)
	}
	software := opts.Software
	if software == "" {
		software = "redline"
	}
	fields := &gowarc.WarcFields{}
	fields.Add("software", software)
	fields.Add("format", "WARC File Format 1.1")
	fields.Add("conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	fields.Add("description", "pages of tracked news stories as redline fetched and stored them; "+
		"bodies are stored after Content-Encoding was undone")
	b := gowarc.NewRecordBuilder(gowarc.Warcinfo, recordOptions...)
	b.AddWarcHeaderTime(gowarc.WarcDate, opts.Now())
	b.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	if opts.Filename != "" {
		b.AddWarcHeader(gowarc.WarcFilename, opts.Filename)
	}
	if _, err := fields.Write(b); err != nil {
		return nil, fmt.Errorf("export: warcinfo: %w", err)
	}
	id, err := x.write(b)
	if err != nil {
		return nil, fmt.Errorf("export: warcinfo: %w", err)
	}
	x.infoID = id
	return x, nil
}

// Write adds the stored page of version v of story id as a response
// record and a metadata record about it. A version stored without its
// page has nothing to hand on; it is counted in Skipped.
func (x *WARC) Write(id redline.StoryID, v redline.Version, raw []byte) error {
	if raw == nil {
		x.skipped++
		return nil
	}
	if v.URL == "" {
		return fmt.Errorf("export: story %d version %d: no URL stored", id, v.N)
	}
	block, synthesized := httpBlock(v, raw)
	resp := gowarc.NewRecordBuilder(gowarc.Response, recordOptions...)
	x.common(resp, v)
	resp.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationHttp+";msgtype=response")
	if _, err := resp.Write(block); err != nil {
		resp.Close()
		return fmt.Errorf("export: story %d version %d: %w", id, v.N, err)
	}
	respID, err := x.write(resp)
	if err != nil {
		return fmt.Errorf("export: story %d version %d (%s): %w", id, v.N, v.URL, err)
	}

	fields := &gowarc.WarcFields{}
	fields.Add("redline-story", strconv.FormatUint(uint64(id), 10))
	fields.Add("redline-version", strconv.Itoa(v.N))
	fields.Add("redline-article-hash", v.Hash)
	if v.Charset != "" {
		fields.Add("redline-charset", v.Charset)
	}
	if synthesized {
		fields.Add("redline-http-header", "synthesized")
		fields.Add("description", "this page was stored before redline kept response headers: "+
			"the header block holds only Content-Type (from the stored charset) and Content-Length, "+
			"and the status line the stored HTTP status")
	} else {
		fields.Add("redline-http-header", "as-fetched")
	}
	meta := gowarc.NewRecordBuilder(gowarc.Metadata, recordOptions...)
	x.common(meta, v)
	meta.AddWarcHeader(gowarc.WarcConcurrentTo, respID)
	meta.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	if _, err := fields.Write(meta); err != nil {
		meta.Close()
		return fmt.Errorf("export: story %d version %d metadata: %w", id, v.N, err)
	}
	if _, err := x.write(meta); err != nil {
		return fmt.Errorf("export: story %d version %d metadata: %w", id, v.N, err)
	}
	x.responses++
	return nil
}

// Responses is how many pages were written; Skipped how many versions had
// no stored page.
func (x *WARC) Responses() int { return x.responses }

// Skipped counts the versions Write passed over for want of a page.
func (x *WARC) Skipped() int { return x.skipped }

func (x *WARC) common(b gowarc.WarcRecordBuilder, v redline.Version) {
	b.AddWarcHeader(gowarc.WarcTargetURI, v.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, v.FetchedAt.UTC())
	b.AddWarcHeader(gowarc.WarcWarcinfoID, x.infoID)
}

// write builds the record and writes it, in a gzip member of its own when
// compressing, and returns its record ID in angle brackets, the form the
// ID-valued WARC fields take.
func (x *WARC) write(b gowarc.WarcRecordBuilder) (string, error) {
	rec, findings, err := b.Build()
	if err != nil {
		return "", fmt.Errorf("build record: %w", err)
	}
	defer rec.Close()
	// gowarc reports a bad field as a finding and drops its value; evidence
	// with a silently emptied field is worse than no export.
	if len(findings) > 0 {
		return "", fmt.Errorf("build record: %w", errors.Join(findings...))
	}
	w := x.w
	if x.gz != nil {
		x.gz.Reset(x.w)
		w = x.gz
	}
	if _, _, err := x.marshal.Marshal(w, rec, 0); err != nil {
		return "", fmt.Errorf("write record: %w", err)
	}
	if x.gz != nil {
		if err := x.gz.Close(); err != nil {
			return "", fmt.Errorf("write record: %w", err)
		}
	}
	return "<" + rec.RecordId() + ">", nil
}
