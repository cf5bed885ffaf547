//go:build unix

package tracker_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/extract"
	"github.com/redline-news/redline/internal/newsroom"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
)

// Politeness of the scale benchmarks: each loopback host gets its own
// limits, as every publisher does in production, and the hosts together
// are what lets a pass go faster than one host allows.
const (
	benchHosts           = 20
	benchHostParallelism = 4
	benchHostDelay       = time.Millisecond
	benchMaxParallel     = 16
)

// Words the story generator draws from. Real prose matters: extractors
// score text by sentence shape and stop words, so lorem ipsum would take
// paths that news pages never take.
var (
	benchSubjects = []string{
		"The council", "The harbor authority", "State inspectors", "A spokesperson for the mayor",
		"Residents of the east side", "The transit agency", "Emergency crews", "The school board",
		"Union leaders", "The county prosecutor", "Hospital officials", "Local business owners",
		"The fire marshal", "Two former commissioners", "The utility company", "Volunteers",
	}
	benchVerbs = []string{
		"said on Tuesday that", "confirmed late Wednesday that", "warned in a statement that",
		"told reporters that", "acknowledged in a letter that", "argued during the hearing that",
		"insisted on Friday that", "estimated in a report that",
	}
	benchClauses = []string{
		"the repairs would take at least three more weeks to finish",
		"the budget shortfall had grown to nearly $4 million since spring",
		"more than 200 households were still waiting for a decision",
		"the vote had been delayed until the full audit was published",
		"the old bridge could reopen to light traffic by the end of the month",
		"the contract had never been put out for public bid",
		"water levels along the river were expected to peak overnight",
		"no one had been seriously hurt, although two workers were treated at the scene",
		"the new schedule would cut waiting times during the morning rush",
		"the inspection found cracks in three of the five support beams",
		"the proposal would raise property taxes by about 2 percent",
		"the evacuation order for the low-lying streets would remain in place",
		"investigators were still trying to determine what caused the fire",
		"the agency had received more complaints this year than in the previous five combined",
		"the plan would not be final until after the public comment period",
		"the company had agreed to pay for the cleanup but admitted no wrongdoing",
	}
	benchPlaces = []string{
		"Port Aldane", "Eastmarsh", "Cresset Hill", "the harbor district", "Lantern Row",
		"Quarry Court", "Gull Point", "the old cannery", "Millbrook", "the north shore",
	}
	benchTopics = []string{
		"bridge repairs", "flood barriers", "school closures", "ferry fares", "the transit strike",
		"the water main", "the hospital merger", "the budget vote", "the cannery fire", "road tolls",
	}
	benchAuthors = []string{
		"Mara Lindqvist", "Tomas Okafor", "Jin Park", "Elena Sousa", "Priya Raman", "Owen Delacroix",
	}
	benchSections = []string{"News", "Local", "Politics", "Business", "Weather"}
)

// benchParagraphPool builds paragraphs that stories share. Sharing keeps
// the simulated site's own memory small (a story holds references, not
// text), so heap measurements see the tracker and not the test server.
func benchParagraphPool(rng *rand.Rand, n int) []string {
	pool := make([]string, n)
	for i := range pool {
		var sb strings.Builder
		for s := range 3 + rng.IntN(3) {
			if s > 0 {
				sb.WriteString(" ")
			}
			fmt.Fprintf(&sb, "%s in %s %s %s.",
				benchSubjects[rng.IntN(len(benchSubjects))], benchPlaces[rng.IntN(len(benchPlaces))],
				benchVerbs[rng.IntN(len(benchVerbs))], benchClauses[rng.IntN(len(benchClauses))])
		}
		pool[i] = sb.String()
	}
	return pool
}

// benchStories makes n distinct one-round stories: each has its own
// headline, dek and lede, and a body drawn from a shared paragraph pool,
// sized so that pages come out at about 30 to 80 KB.
func benchStories(n int) []newsroom.Story {
	rng := rand.New(rand.NewPCG(4, 1000))
	pool := benchParagraphPool(rng, 400)
	stories := make([]newsroom.Story, n)
	for i := range stories {
		topic, place := benchTopics[rng.IntN(len(benchTopics))], benchPlaces[rng.IntN(len(benchPlaces))]
		paras := []string{fmt.Sprintf(
			"Officials in %s spent a %d-hour meeting on %s on Monday, the %d%s session on the issue this year, and left without an agreement that %d residents had asked for in a petition.",
			place, 2+rng.IntN(9), topic, 1+i%30, ordinalSuffix(1+i%30), 100+i)}
		for range 32 + rng.IntN(40) {
			paras = append(paras, pool[rng.IntN(len(pool))])
		}
		stories[i] = newsroom.Story{
			Slug:    fmt.Sprintf("%s-story-%d", strings.NewReplacer(" ", "-").Replace(strings.TrimPrefix(topic, "the ")), i),
			Section: benchSections[i%len(benchSections)],
			Rounds: []newsroom.Round{{
				Headline:   fmt.Sprintf("%s: no deal on %s after talks, report %d", place, topic, i),
				Byline:     benchAuthors[i%len(benchAuthors)],
				Dek:        fmt.Sprintf("The %d%s meeting on %s ended without a vote.", 1+i%30, ordinalSuffix(1+i%30), topic),
				Paragraphs: paras,
				Developing: true,
			}},
		}
	}
	return stories
}

func ordinalSuffix(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// benchSite is the simulated newsroom served on benchHosts loopback
// addresses, so the crawler sees benchHosts distinct hosts.
type benchSite struct {
	site   *newsroom.Site
	bases  []string
	urls   []string // story i's page, on host i % benchHosts
	replay bool     // pages are rendered replayVariants times, then replayed
}

// startBenchSite serves stories on 127.0.0.2, 127.0.0.3, ... Linux routes
// all of 127.0.0.0/8 to the loopback interface; where another system does
// not, every host falls back to 127.0.0.1 on its own port, which the
// crawler also treats as a separate host. With replay, every page is
// rendered replayVariants times and then served again (see replay), so
// the timings are redline's and not the site's.
func startBenchSite(b *testing.B, stories []newsroom.Story, replay bool) *benchSite {
	b.Helper()
	bs := &benchSite{site: newsroom.NewSite(newsroom.Options{Stories: stories, Seed: 1}), replay: replay}
	h := bs.site.Handler()
	if replay {
		h = newReplay(h)
	}
	for i := range benchHosts {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+2))
		if err != nil {
			if l, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
				b.Fatalf("listen for bench host %d: %v", i, err)
			}
		}
		srv := httptest.NewUnstartedServer(h)
		srv.Listener.Close()
		srv.Listener = l
		srv.Start()
		b.Cleanup(srv.Close)
		bs.bases = append(bs.bases, srv.URL)
	}
	tmpls := newsroom.Templates()
	for i, st := range stories {
		bs.urls = append(bs.urls, bs.site.TemplateURL(bs.bases[i%benchHosts], tmpls[i%len(tmpls)], st.Slug))
	}
	return bs
}

// warm requests every story page once (each of its replayed renderings,
// with replay), outside any measurement, so the site's per-path hit
// counter and the replayed pages have their final size before heap
// baselines are taken: they belong to the test server, not to the tracker.
func (bs *benchSite) warm(b *testing.B) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	defer client.CloseIdleConnections()
	var (
		wg   sync.WaitGroup
		next = make(chan string)
		errs = make(chan error, 1)
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for u := range next {
				resp, err := client.Get(u)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err == nil && resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
				if err != nil {
					select {
					case errs <- fmt.Errorf("warm %s: %w", u, err):
					default:
					}
				}
			}
		})
	}
	rounds := 1
	if bs.replay {
		rounds = replayVariants
	}
	for range rounds {
		for _, u := range bs.urls {
			next <- u
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
}

// newBenchTracker wires the real store, crawler and extractor the way the
// CLI does (Workers = MaxParallel), with robots.txt respected.
func newBenchTracker(b *testing.B) *tracker.Tracker {
	b.Helper()
	st := testutil.MustOpenStore(b)
	cr, err := crawler.New(crawler.Options{
		HostParallelism: benchHostParallelism,
		HostDelay:       benchHostDelay,
		MaxParallel:     benchMaxParallel,
		Timeout:         30 * time.Second,
		AllowPrivate:    true, // the simulated sites are on loopback
	})
	if err != nil {
		b.Fatalf("crawler: %v", err)
	}
	b.Cleanup(func() { cr.Close() })
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatalf("extractor: %v", err)
	}
	tr, err := tracker.New(tracker.Options{Store: st, Crawler: cr, Extractor: ex, Workers: benchMaxParallel})
	if err != nil {
		b.Fatalf("tracker: %v", err)
	}
	return tr
}

// benchTrack tracks urls and fails the benchmark on any error.
func benchTrack(b *testing.B, tr *tracker.Tracker, urls []string) {
	b.Helper()
	for _, u := range urls {
		if _, err := tr.Track(u, tracker.TrackOptions{}); err != nil {
			b.Fatalf("track %s: %v", u, err)
		}
	}
}

// benchPass runs one pass over every story and fails the benchmark unless
// it checked want stories and each got one of results.
func benchPass(b *testing.B, tr *tracker.Tracker, want int, results ...redline.CheckResult) {
	b.Helper()
	r, err := tr.Once(b.Context(), tracker.OnceOptions{All: true})
	if err != nil {
		b.Fatalf("pass: %v", err)
	}
	var bad int
	var examples []string
	for _, sr := range r.Stories {
		if slices.Contains(results, sr.Result) {
			continue
		}
		if bad++; len(examples) < 5 {
			examples = append(examples, fmt.Sprintf("%s: %s (error %q, summary %q)", sr.URL, sr.Result, sr.Error, sr.Summary))
		}
	}
	if len(r.Stories) != want || bad > 0 {
		b.Fatalf("pass checked %d stories, want %d; %d did not end %v, e.g.\n%s",
			len(r.Stories), want, bad, results, strings.Join(examples, "\n"))
	}
}
