package testutil

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// This is a WARC 1.1 reader written for tests from the specification
// (https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/),
// independent of the library redline writes with, so a test proves the
// file is readable by something other than its writer. It is strict where
// tools are: exact framing, Content-Length, the end-of-record marker, one
// gzip member per record, and digests recomputed here.

// WARCRecord is one record as read back.
type WARCRecord struct {
	Version string
	Fields  [][2]string // in file order, names as written
	Block   []byte
}

// Get returns the first value of a field, matching names case-insensitively
// as the specification says.
func (r WARCRecord) Get(name string) string {
	for _, f := range r.Fields {
		if strings.EqualFold(f[0], name) {
			return f[1]
		}
	}
	return ""
}

// ReadWARC parses a whole WARC file, gzip-compressed per record when gz.
func ReadWARC(t testing.TB, data []byte, gz bool) []WARCRecord {
	t.Helper()
	recs, err := readWARC(data, gz)
	if err != nil {
		t.Fatalf("read WARC: %v", err)
	}
	return recs
}

func readWARC(data []byte, gz bool) ([]WARCRecord, error) {
	var out []WARCRecord
	br := bufio.NewReader(bytes.NewReader(data))
	for i := 0; ; i++ {
		if _, err := br.Peek(1); err == io.EOF {
			return out, nil
		}
		src := br
		if gz {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return out, fmt.Errorf("record %d: gzip member: %w", i, err)
			}
			zr.Multistream(false)
			member, err := io.ReadAll(zr)
			if err != nil {
				return out, fmt.Errorf("record %d: gzip member: %w", i, err)
			}
			src = bufio.NewReader(bytes.NewReader(member))
		}
		rec, err := readRecord(src)
		if err != nil {
			return out, fmt.Errorf("record %d: %w", i, err)
		}
		if gz {
			if rest, _ := io.ReadAll(src); len(rest) > 0 {
				return out, fmt.Errorf("record %d: %d bytes after the record in its gzip member", i, len(rest))
			}
		}
		out = append(out, rec)
	}
}

func readRecord(br *bufio.Reader) (WARCRecord, error) {
	line := func() (string, error) {
		s, err := br.ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("header line: %w", err)
		}
		if !strings.HasSuffix(s, "\r\n") {
			return "", fmt.Errorf("header line %q does not end in CRLF", s)
		}
		return strings.TrimSuffix(s, "\r\n"), nil
	}
	var rec WARCRecord
	v, err := line()
	if err != nil {
		return rec, err
	}
	if v != "WARC/1.1" {
		return rec, fmt.Errorf("version line %q, want WARC/1.1", v)
	}
	rec.Version = v
	for {
		l, err := line()
		if err != nil {
			return rec, err
		}
		if l == "" {
			break
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return rec, fmt.Errorf("malformed field %q", l)
		}
		rec.Fields = append(rec.Fields, [2]string{name, strings.TrimSpace(value)})
	}
	for _, required := range []string{"WARC-Record-ID", "Content-Length", "WARC-Date", "WARC-Type"} {
		if rec.Get(required) == "" {
			return rec, fmt.Errorf("no %s field", required)
		}
	}
	n, err := strconv.ParseInt(rec.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return rec, fmt.Errorf("bad Content-Length %q", rec.Get("Content-Length"))
	}
	rec.Block = make([]byte, n)
	if _, err := io.ReadFull(br, rec.Block); err != nil {
		return rec, fmt.Errorf("block of %d bytes: %w", n, err)
	}
	end := make([]byte, 4)
	if _, err := io.ReadFull(br, end); err != nil || string(end) != "\r\n\r\n" {
		return rec, fmt.Errorf("end of record %q, want CRLF CRLF", end)
	}
	return rec, nil
}

// HTTPResponse parses the block of a response record with net/http and
// returns the response and its payload (the body after the header).
func (r WARCRecord) HTTPResponse() (*http.Response, []byte, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(r.Block)), nil)
	if err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	i := bytes.Index(r.Block, []byte("\r\n\r\n"))
	if i < 0 {
		return nil, nil, errors.New("no end of HTTP header")
	}
	if payload := r.Block[i+4:]; !bytes.Equal(payload, body) {
		return nil, nil, fmt.Errorf("net/http read a %d-byte body, the block holds %d bytes after the header", len(body), len(payload))
	}
	return resp, body, nil
}

// VerifyDigest checks a "algorithm:value" WARC digest of data; sha1 in
// base32 and sha256 in hex or base32 are accepted.
func VerifyDigest(field string, data []byte) error {
	alg, val, ok := strings.Cut(field, ":")
	if !ok {
		return fmt.Errorf("digest %q has no algorithm", field)
	}
	var sum []byte
	switch strings.ToLower(alg) {
	case "sha1":
		s := sha1.Sum(data)
		sum = s[:]
	case "sha256":
		s := sha256.Sum256(data)
		sum = s[:]
	default:
		return fmt.Errorf("digest %q: unexpected algorithm", field)
	}
	if strings.EqualFold(val, base32.StdEncoding.EncodeToString(sum)) || strings.EqualFold(val, hex.EncodeToString(sum)) {
		return nil
	}
	return fmt.Errorf("digest %q does not match the data (sha1/base32 %s)", field, base32.StdEncoding.EncodeToString(sum))
}
