package tracker_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// replayVariants is how many renderings of each page a replay keeps. Two
// are enough for every fetch to differ from the one before it, which is
// what keeps an unchanged re-check honest: its page is never the bytes it
// saw last time, only the same article in other noise.
const replayVariants = 2

// replay serves the first replayVariants answers the site gives for each
// path, then serves them again in turn. The re-check benchmarks measure
// redline; without it a third of what they report is the simulated site
// rendering its templates. Each answer gets an ETag of its own, as a page
// whose noise changes on every request has, so no replayed page is ever
// answered 304.
type replay struct {
	next http.Handler

	mu    sync.Mutex
	pages map[string]*replayed
	seq   int
}

type replayed struct {
	answers []*httptest.ResponseRecorder
	turn    int
}

func newReplay(next http.Handler) *replay {
	return &replay{next: next, pages: map[string]*replayed{}}
}

func (rp *replay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.URL.RequestURI()
	rp.mu.Lock()
	p := rp.pages[key]
	if p == nil {
		p = &replayed{}
		rp.pages[key] = p
	}
	var ans *httptest.ResponseRecorder
	if len(p.answers) == replayVariants {
		ans = p.answers[p.turn%replayVariants]
		p.turn++
	}
	rp.seq++
	etag := fmt.Sprintf(`W/"replay-%d"`, rp.seq)
	rp.mu.Unlock()

	if ans == nil {
		// Rendered without the validators of the request, so what is
		// recorded is always a whole page.
		plain := r.Clone(r.Context())
		plain.Header.Del("If-None-Match")
		plain.Header.Del("If-Modified-Since")
		ans = httptest.NewRecorder()
		rp.next.ServeHTTP(ans, plain)
		rp.mu.Lock()
		if len(p.answers) < replayVariants {
			p.answers = append(p.answers, ans)
		}
		rp.mu.Unlock()
	}
	h := w.Header()
	for k, v := range ans.Header() {
		h[k] = v
	}
	if ans.Code != http.StatusOK {
		w.WriteHeader(ans.Code)
		w.Write(ans.Body.Bytes())
		return
	}
	if h.Get("ETag") != "" {
		h.Set("ETag", etag)
	}
	h.Del("Last-Modified")
	h.Set("Content-Length", strconv.Itoa(ans.Body.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(ans.Body.Bytes())
	}
}
