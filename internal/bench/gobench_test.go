package main

import (
	"reflect"
	"testing"
)

func TestParseBench(t *testing.T) {
	out := `goos: linux
pkg: github.com/redline-news/redline/tracker
BenchmarkTracker_CheckStory_Unchanged/classic-2    20   7758140 ns/op   315122 B/op   3767 allocs/op
BenchmarkTracker_Once1000-2   3   3512345678 ns/op   290.1 stories/s   5.10 cpu-ms/story   61.2 peak-heap-MB   310000000 B/op   4000000 allocs/op
some log line mentioning Benchmark 12
PASS
`
	want := []benchLine{
		{"BenchmarkTracker_CheckStory_Unchanged/classic", map[string]float64{"ns/op": 7758140, "B/op": 315122, "allocs/op": 3767}},
		{"BenchmarkTracker_Once1000", map[string]float64{"ns/op": 3512345678, "stories/s": 290.1, "cpu-ms/story": 5.10, "peak-heap-MB": 61.2, "B/op": 310000000, "allocs/op": 4000000}},
	}
	if got := parseBench(out); !reflect.DeepEqual(got, want) {
		t.Errorf("parseBench =\n%v\nwant\n%v", got, want)
	}
}

func TestTimesBare(t *testing.T) {
	recheck := map[string]float64{"cpu-ms/story": 0.9, "B/op": 450e6}
	bare := map[string]float64{"cpu-ms/story": 0.3, "B/op": 300e6}
	if got, want := timesBare(recheck, bare), " (3.0× the bare GET + parse in CPU, 1.5× in bytes)"; got != want {
		t.Errorf("timesBare = %q, want %q", got, want)
	}
	if got := timesBare(recheck, nil); got != "" {
		t.Errorf("timesBare without a bare figure = %q, want nothing", got)
	}
}
