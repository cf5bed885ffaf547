package redline_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/redline-news/redline"

// allowedDeps is the package layout README's table describes, as the
// module packages each may depend on, directly or not. Imports point down
// only: the transports (web, cmd) over the application service (tracker)
// over the leaf packages over the root. A package missing here is held only
// to the rules every package keeps (nothing depends on cmd/redline).
var allowedDeps = map[string][]string{
	"":                  {},
	"storyurl":          {""},
	"crawler":           {""},
	"extract":           {""},
	"diff":              {""},
	"discover":          {"", "storyurl"},
	"export":            {""},
	"store":             {""},
	"report":            {"", "diff"},
	"deliver":           {"", "report", "diff", "store"},
	"tracker":           {"", "storyurl", "crawler", "discover", "extract", "diff", "export", "store"},
	"web":               {"", "diff", "storyurl"},
	"web/ui":            {"", "web", "diff", "storyurl"},
	"internal/dbowner":  {"", "web", "diff", "storyurl"},
	"metrics":           {"", "crawler", "store", "tracker", "storyurl", "discover", "extract", "diff", "export"},
	"internal/clock":    {},
	"internal/newsroom": {""},
	"internal/testutil": {"", "store"},
	"internal/bench":    {"", "internal/newsroom", "store"},
}

// TestLayout fails on any dependency the layout forbids: web reaching the
// store (even through the tracker), the service reaching up into a
// transport, a leaf reaching sideways or up, the root importing anything
// beyond the standard library.
func TestLayout(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the layout is checked with go list: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := parseDeps(string(out))
	for _, pkg := range []string{"", "web", "tracker", "storyurl", "internal/dbowner"} {
		if _, ok := deps[pkg]; !ok {
			t.Fatalf("go list did not list package %q; the layout check would pass vacuously", pkg)
		}
	}
	for _, problem := range layoutProblems(deps) {
		t.Error(problem)
	}
}

// parseDeps reads `go list` lines of a package and its dependencies into
// module-relative names ("" for the root), dropping everything outside the
// module except non-standard packages of the root, which it keeps by path.
func parseDeps(out string) map[string][]string {
	deps := map[string][]string{}
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg, ok := local(fields[0])
		if !ok {
			continue
		}
		var list []string
		for _, d := range fields[1:] {
			if name, ok := local(d); ok {
				list = append(list, name)
			} else if pkg == "" && !isStdlib(d) {
				list = append(list, d) // the root may use the standard library only
			}
		}
		deps[pkg] = list
	}
	return deps
}

func local(path string) (string, bool) {
	if path == module {
		return "", true
	}
	rest, ok := strings.CutPrefix(path, module+"/")
	return rest, ok
}

// isStdlib tells standard packages by their first element, which never
// holds a dot, as every module path outside the standard library does.
func isStdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func layoutProblems(deps map[string][]string) []string {
	var problems []string
	name := func(p string) string {
		if p == "" {
			return "the root package"
		}
		return p
	}
	for pkg, list := range deps {
		allowed, checked := allowedDeps[pkg]
		for _, d := range list {
			switch {
			case d == "cmd/redline" || strings.HasPrefix(d, "cmd/"):
				problems = append(problems, name(pkg)+" depends on "+d+": nothing imports the CLI")
			case checked && !slices.Contains(allowed, d):
				problems = append(problems, name(pkg)+" depends on "+name(d)+", which the layout does not allow (allowed: "+strings.Join(allowedNames(allowed), ", ")+")")
			}
		}
	}
	slices.Sort(problems)
	return problems
}

func allowedNames(allowed []string) []string {
	if len(allowed) == 0 {
		return []string{"the standard library only"}
	}
	out := make([]string, len(allowed))
	for i, a := range allowed {
		out[i] = a
		if a == "" {
			out[i] = "the root package"
		}
	}
	return out
}

// TestLayout_catchesViolations proves the check fails on the imports the
// refactor removed, so TestLayout passing means something.
func TestLayout_catchesViolations(t *testing.T) {
	out := strings.Join([]string{
		module + " context github.com/some/dependency",
		module + "/web " + module + " " + module + "/tracker " + module + "/store net/http",
		module + "/tracker " + module + " " + module + "/web",
		module + "/store " + module + "/tracker go.etcd.io/bbolt",
		module + "/report " + module + "/store",
		module + "/storyurl " + module + " golang.org/x/net/idna",
		module + "/metrics " + module + "/cmd/redline",
	}, "\n")
	got := layoutProblems(parseDeps(out))
	for _, want := range []string{
		"the root package depends on github.com/some/dependency",
		"web depends on store",
		"web depends on tracker",
		"tracker depends on web",
		"store depends on tracker",
		"report depends on store",
		"metrics depends on cmd/redline",
	} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("no problem reported for %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "storyurl") }) {
		t.Errorf("storyurl's allowed imports reported as problems:\n%s", strings.Join(got, "\n"))
	}
}
