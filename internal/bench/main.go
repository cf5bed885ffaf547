package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

func main() {
	if os.Getenv(spawnEnv) != "" {
		os.Exit(spawnMain(os.Args[1:]))
	}
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type options struct {
	stories, startupStories, runs int
	benchtime                     string
	skipGoBench                   bool
	keep                          string
	gitAggressive                 bool
}

func run(args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.IntVar(&o.stories, "stories", 2000, "stories in the file-size and crawl figures")
	fs.IntVar(&o.startupStories, "startup-stories", 1000, "stories in the database the start-up figures read")
	fs.IntVar(&o.runs, "runs", 7, "runs of each start-up command; the median is printed")
	fs.StringVar(&o.benchtime, "benchtime", "3x", "go test -benchtime for the tracker's re-check benchmarks")
	fs.BoolVar(&o.skipGoBench, "skip-go-bench", false, "leave out the re-check benchmarks")
	fs.BoolVar(&o.gitAggressive, "git-aggressive", false, "pack the peer git repository with git gc --aggressive, not plain git gc")
	fs.StringVar(&o.keep, "keep", "", "keep the binary and databases in this new directory, to look into a figure")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.stories < 1 || o.startupStories < 1 || o.startupStories > o.stories || o.runs < 1 {
		return fmt.Errorf("bench: want 1 ≤ -startup-stories ≤ -stories and -runs ≥ 1, got %d, %d, %d", o.startupStories, o.stories, o.runs)
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir, err := workDir(o.keep)
	if err != nil {
		return err
	}
	if o.keep == "" {
		defer os.RemoveAll(dir)
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "bench: "+format+"\n", a...) }

	bin := filepath.Join(dir, "redline")
	logf("building %s", bin)
	build := exec.Command("go", "build", "-o", bin, "./cmd/redline")
	build.Dir, build.Stdout, build.Stderr = root, stderr, stderr
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as README's install builds it
	if err := build.Run(); err != nil {
		return fmt.Errorf("bench: go build ./cmd/redline: %w", err)
	}
	urls, stop, err := site(o.stories)
	if err != nil {
		return err
	}
	defer stop()

	var t table
	t.loadBefore = loadAverage()
	small, err := newRunner(dir, "startup", bin)
	if err != nil {
		return err
	}
	logf("tracking and crawling %d stories for the start-up figures", o.startupStories)
	if err := fill(small, urls[:o.startupStories]); err != nil {
		return err
	}
	for _, c := range [][]string{{"--help"}, {"list"}, {"log", "1"}, {"show", "1", "--all", "--json"}} {
		wall, rss, err := small.medianRun(o.runs, c...)
		if err != nil {
			return err
		}
		t.add(fmt.Sprintf("start-up: `redline %s`, %d-story DB (median of %d)", strings.Join(c, " "), o.startupStories, o.runs),
			fmt.Sprintf("%.0f ms, %.0f MiB", ms(wall), mib(rss)), "< 30 ms and < 30 MiB")
	}

	big, err := newRunner(dir, "crawl", bin)
	if err != nil {
		return err
	}
	logf("tracking and crawling %d stories (first pass)", o.stories)
	if err := fill(big, urls); err != nil {
		return err
	}
	first, err := measureDB(big.db())
	if err != nil {
		return err
	}
	logf("second pass over %d unchanged stories", o.stories)
	pass, res, err := big.runSampled(10*time.Millisecond, "crawl", "--all", "--json")
	if err != nil {
		return err
	}
	var report struct{ Unchanged, Changed, Failed int }
	if err := json.Unmarshal([]byte(pass.stdout), &report); err != nil {
		return fmt.Errorf("bench: crawl --json: %w", err)
	}
	if report.Unchanged != o.stories {
		return fmt.Errorf("bench: unchanged pass found %d unchanged of %d (changed %d, failed %d)", report.Unchanged, o.stories, report.Changed, report.Failed)
	}
	second, err := measureDB(big.db())
	if err != nil {
		return err
	}
	if _, err := big.run("compact"); err != nil {
		return err
	}
	compacted, err := measureDB(big.db())
	if err != nil {
		return err
	}
	n := int64(o.stories) // one version a story
	for _, row := range []struct {
		when string
		s    dbSizes
	}{{"after one pass", first}, {"after a second, unchanged pass", second}, {"after compact", compacted}} {
		t.add(fmt.Sprintf("DB file, %d stories × 1 version, %s", o.stories, row.when),
			fmt.Sprintf("%.1f MB for %.1f MB live (%.1f×); %s B per story and per version (live: %s)", mb(row.s.file), mb(row.s.live), float64(row.s.file)/float64(row.s.live), thousands(row.s.file/n), row.s.split(n)),
			"≤ 1.5× live; ≤ the git repo of the same versions (below)")
	}
	logf("building the NewsDiffs-style git repository of the same versions")
	g, ok, err := gitRepo(filepath.Join(dir, "newsdiffs"), big.db(), o.gitAggressive)
	switch {
	case err != nil:
		return err
	case !ok:
		t.add("NewsDiffs-style git repo of the same versions", "not measured: no git on PATH", "the DB file ≤ this")
	default:
		gc := "git gc"
		if o.gitAggressive {
			gc += " --aggressive"
		}
		t.add(fmt.Sprintf("NewsDiffs-style git repo of the same %d versions (one file a story: text + HTML; one commit a pass; after `%s`)", g.versions, gc),
			fmt.Sprintf("%.1f MB .git; %s B per version; redline's compacted file is %.1f× it", mb(g.gitDir), thousands(g.gitDir/g.versions), float64(compacted.file)/float64(g.gitDir)),
			"the DB file ≤ this")
	}
	t.add(fmt.Sprintf("peak RSS, `redline crawl --all` of %d unchanged stories", o.stories),
		fmt.Sprintf("%.0f MiB (%.1f s wall); at the highest sample %s", mib(pass.maxRSS), pass.wall.Seconds(), res), "≤ 80 MiB")

	if !o.skipGoBench {
		logf("go test -bench tracker re-checks, -benchtime %s", o.benchtime)
		lines, err := goBench(root, o.benchtime)
		if err != nil {
			return err
		}
		var bare map[string]float64
		for _, l := range lines {
			if strings.HasSuffix(l.name, "Baseline_GetParse1000") {
				bare = l.values
			}
		}
		for _, l := range lines {
			v := l.values
			switch {
			case strings.HasSuffix(l.name, "Baseline_GetParse1000"):
				t.add("bare GET + HTML parse of the same 1,000 pages, nothing else (`BenchmarkBaseline_GetParse1000`)",
					fmt.Sprintf("%.2f ms CPU, %s B and %s allocs per story", v["cpu-ms/story"], thousands(int64(v["B/op"]/1000)), thousands(int64(v["allocs/op"]/1000))),
					"the floor the next row is measured against")
				continue
			case strings.HasSuffix(l.name, "Once1000"):
				t.add("unchanged re-check, 1,000 stories over 20 hosts, all templates (`BenchmarkTracker_Once1000`)",
					fmt.Sprintf("%.2f ms CPU, %s B and %s allocs per story; %.0f stories/s%s", v["cpu-ms/story"], thousands(int64(v["B/op"]/1000)), thousands(int64(v["allocs/op"]/1000)), v["stories/s"], timesBare(v, bare)),
					"≤ 0.4 ms and ≤ 200 KB per story; ≤ 3× the bare GET + parse")
				continue
			}
			tmpl := l.name[strings.LastIndexByte(l.name, '/')+1:]
			t.add(fmt.Sprintf("one unchanged re-check, template %s (`BenchmarkTracker_CheckStory_Unchanged`)", tmpl),
				fmt.Sprintf("%.2f ms wall, %s B, %s allocs", v["ns/op"]/1e6, thousands(int64(v["B/op"])), thousands(int64(v["allocs/op"]))),
				"≤ 0.4 ms and ≤ 200 KB")
		}
	}
	t.loadAfter = loadAverage()
	return t.print(stdout)
}

// loadAverage is the 1-minute load average, printed with the table because
// start-up and wall times on a shared machine mean little without it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

// moduleRoot is the directory of the go.mod this command belongs to, so it
// runs from any directory inside the module.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("bench: go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("bench: run inside the redline module (go run ./internal/bench)")
	}
	return filepath.Dir(mod), nil
}

// newRunner writes a config whose database lives in dir/name.db and whose
// crawler is polite only per host (the hosts are ours, on loopback).
func newRunner(dir, name, bin string) (runner, error) {
	cfg := filepath.Join(dir, name+".yaml")
	body := fmt.Sprintf("db: %s\nallow_private_targets: true\nlog:\n  level: warn\ncrawler:\n  host_delay: 0s\n  host_parallelism: 4\n  max_parallel: 8\n  run_budget: 0s\n", filepath.Join(dir, name+".db"))
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		return runner{}, fmt.Errorf("bench: %w", err)
	}
	env := append(os.Environ(), "REDLINE_ALLOW_PRIVATE=1")
	return runner{bin: bin, cfg: cfg, env: env}, nil
}

func (r runner) db() string { return strings.TrimSuffix(r.cfg, ".yaml") + ".db" }

// fill tracks urls and crawls them once, so each story has one version.
func fill(r runner, urls []string) error {
	for len(urls) > 0 {
		chunk := urls[:min(500, len(urls))]
		urls = urls[len(chunk):]
		if _, err := r.run(append([]string{"track"}, chunk...)...); err != nil {
			return err
		}
	}
	_, err := r.run("crawl", "--all")
	return err
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mib(b int64) float64        { return float64(b) / (1 << 20) }
func mb(b int64) float64         { return float64(b) / 1e6 }

// thousands writes n with comma separators, as README's figures are.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// table is the printed result: each figure beside its goal from issue 14.
type table struct {
	rows                  [][3]string
	loadBefore, loadAfter string
}

func (t *table) add(figure, measured, goal string) {
	t.rows = append(t.rows, [3]string{figure, measured, goal})
}

func (t *table) print(w io.Writer) error {
	fmt.Fprintln(w, "| figure | measured | goal (issue 14) |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, r := range t.rows {
		if _, err := fmt.Fprintf(w, "| %s | %s | %s |\n", r[0], r[1], r[2]); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "\n%d CPUs; 1-minute load average %s at the start, %s at the end.\n", runtime.NumCPU(), t.loadBefore, t.loadAfter)
	return err
}

// workDir is a fresh temporary directory, or keep, which must not exist yet
// so that a kept run never mixes with an earlier one.
func workDir(keep string) (string, error) {
	if keep == "" {
		dir, err := os.MkdirTemp("", "redline-bench-")
		if err != nil {
			return "", fmt.Errorf("bench: %w", err)
		}
		return dir, nil
	}
	if err := os.Mkdir(keep, 0o755); err != nil {
		return "", fmt.Errorf("bench: -keep: %w", err)
	}
	return filepath.Abs(keep)
}
