package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// benchLine is one result line of go test -bench: the name without the
// -GOMAXPROCS suffix, and every value by its unit (ns/op, B/op, allocs/op
// and custom metrics such as cpu-ms/story).
type benchLine struct {
	name   string
	values map[string]float64
}

// parseBench reads the result lines of go test -bench output and ignores
// everything else (goos, PASS, logs).
func parseBench(out string) []benchLine {
	var lines []benchLine
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		l := benchLine{name: name, values: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			l.values[f[i+1]] = v
		}
		lines = append(lines, l)
	}
	return lines
}

// goBench runs the tracker's re-check benchmarks, and the bare fetch and
// parse they are measured against, in the module at root.
func goBench(root, benchtime string) ([]benchLine, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "^Benchmark(Tracker_(CheckStory_Unchanged|Once1000)|Baseline_GetParse1000)$",
		"-benchtime", benchtime, "-timeout", "20m", "./tracker/")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("bench: go test -bench ./tracker/: %w\n%s", err, out)
	}
	lines := parseBench(string(out))
	if len(lines) == 0 {
		return nil, fmt.Errorf("bench: go test -bench ./tracker/ printed no results:\n%s", out)
	}
	return lines, nil
}

// timesBare says how many times the bare GET and parse a re-check costs,
// in CPU and in bytes, or nothing when the bare figure is missing.
func timesBare(v, bare map[string]float64) string {
	if bare["cpu-ms/story"] == 0 || bare["B/op"] == 0 {
		return ""
	}
	return fmt.Sprintf(" (%.1f× the bare GET + parse in CPU, %.1f× in bytes)", v["cpu-ms/story"]/bare["cpu-ms/story"], v["B/op"]/bare["B/op"])
}
