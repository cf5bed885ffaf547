package main

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/redline-news/redline/configs"
)

// userText matches the parts of a message quoted from the file (values in
// "…", regex fragments in `…`), which may hold anything, Go words included.
var userText = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"…?|`[^`]*`")

func FuzzParseConfig(f *testing.F) {
	f.Add(configs.Example)
	for _, s := range []string{
		"",
		"db: x\ncrawlr:\n  timeout: 5s\ncrawler:\n  max_parallel: abc\n  timeout: soon\n",
		"schedule:\n  ladder: [5m, abc, 1h]\n  jitter: high\nstories:\n  - url: example.com/a\n    tags: politics\n  - nope\n",
		"feeds: {url: x}\ncontact: ${REDLINE_FUZZ_UNSET}\nkeep_checks: -1\n",
		"feeds:\n  - &f {url: \"http://127.0.0.1/feed\", track: all}\n  - <<: *f\n    url: http://127.0.0.1/b\n",
		"crawler:\n  timeout: [\n",
		"db: a\n---\ndb: b\n",
		"? [a, b]\n: c\n<<: 5\n",
		"crawler:\n  max_body_size: 9999999999999GiB\n  max_parallel: 1.5\n",
		"extract:\n  ignore: ['((']\n  site_rules:\n    - host: ''\n      drop: ['**']\n",
		bomb,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		_, err := ParseConfig("fuzz.yaml", data)
		if err == nil {
			return
		}
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, e := range errs {
			var ce *ConfigError
			if !errors.As(e, &ce) || ce.File != "fuzz.yaml" || !strings.HasPrefix(e.Error(), "config fuzz.yaml") {
				t.Fatalf("problem %q does not name the file", e)
			}
			if strings.HasPrefix(ce.Msg, "environment variable ") {
				continue // the variable's name is the file's own text
			}
			if msg := userText.ReplaceAllString(ce.Msg, ""); goTypeName.MatchString(msg) {
				t.Fatalf("problem names a Go type: %s", e)
			}
		}
		if !strings.HasPrefix(err.Error(), "config fuzz.yaml") {
			t.Fatalf("error %q does not start with the file", err)
		}
	})
}
