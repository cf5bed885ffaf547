package extract

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// The fallback extractor's progress records are debugging detail: at the
// daemon's usual info level they must not reach the log, one per page.
func TestExtractor_readabilityLogsOnlyAtDebug(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(corpusDir, "nytimes-5", "source.html"))
	if err != nil {
		t.Skipf("corpus page not available: %v", err)
	}
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		var buf bytes.Buffer
		e := mustNew(t, Options{Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: level}))})
		a, err := e.Extract(src, "https://www.nytimes.com/es/")
		if err != nil {
			t.Fatal(err)
		}
		if a.Extractor != PathReadability {
			t.Skipf("page no longer takes the fallback path (%s)", a.Extractor)
		}
		logged := bytes.Contains(buf.Bytes(), []byte("content container"))
		if logged != (level == slog.LevelDebug) {
			t.Errorf("at level %v, readability's progress logged = %v:\n%s", level, logged, buf.String())
		}
	}
}
