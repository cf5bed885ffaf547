package redline_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStartupDeps fails when the redline binary links a package whose
// initialisation third_party/ patched out of every start-up (see README,
// "Start-up RSS, second round"), or builds a dependency from upstream
// instead of the patched copy, as a dependency bump or a dropped replace
// line would.
func TestStartupDeps(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the dependencies are checked with go list: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", "-f", "{{.ImportPath}} {{with .Module}}{{.Path}} {{with .Replace}}{{.Path}}{{end}}{{end}}", "./cmd/redline").Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list -deps ./cmd/redline: %v\n%s", err, stderr)
	}
	patched := map[string]string{
		"github.com/gocolly/colly/v2":             "./third_party/colly",
		"github.com/markusmobius/go-dateparser":   "./third_party/go-dateparser",
		"github.com/markusmobius/go-domdistiller": "./third_party/go-domdistiller",
		"github.com/forPelevin/gomoji":            "./third_party/gomoji",
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if strings.HasPrefix(f[0], "google.golang.org/appengine") {
			t.Errorf("redline links %s again (through colly's Appengine method, see third_party/colly/REDLINE.md)", f[0])
		}
		if len(f) < 2 {
			continue
		}
		if want, ok := patched[f[1]]; ok {
			seen[f[1]] = true
			if len(f) < 3 || f[2] != want {
				t.Errorf("package %s is built from module %s, not from its patched copy %s", f[0], f[1], want)
			}
		}
	}
	for mod := range patched {
		if !seen[mod] {
			t.Errorf("redline no longer links %s: drop its replace line and third_party copy", mod)
		}
	}
}
