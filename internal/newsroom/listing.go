package newsroom

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// listed is one story as the section page and the feeds show it.
type listed struct {
	Slug       string
	Section    string
	Round      Round
	Published  time.Time
	Modified   time.Time
	Developing bool
}

type sectionItem struct {
	Href       string
	Headline   string
	Dek        string
	Ago        string
	Developing bool
}

// listing returns the stories a publisher would still list: a story that
// answers 404 or 410 has been taken down and drops out of the feeds too.
func (s *Site) listing() []listed {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []listed
	for _, st := range s.stories {
		if st.fault == FaultGone || st.fault == FaultNotFound {
			continue
		}
		r := s.storyRoundLocked(st)
		cur := st.story.Rounds[r]
		out = append(out, listed{
			Slug:       st.slug,
			Section:    st.story.section(),
			Round:      cur,
			Published:  s.opts.Start,
			Modified:   st.modified[r],
			Developing: cur.Developing,
		})
	}
	return out
}

// serveSection renders the section page. Some links carry tracking
// parameters, chosen per request, as homepage promo modules add them.
func (s *Site) serveSection(w http.ResponseWriter, r *http.Request) {
	rng := rand.New(rand.NewPCG(uint64(s.opts.Seed), s.seq.Add(1)))
	d := s.utilityPage(r, rng)
	for _, l := range s.listing() {
		href := "/news/" + l.Slug
		if rng.IntN(3) == 0 {
			href += fmt.Sprintf("?utm_source=section&utm_medium=referral&utm_campaign=%s", randHex(rng, 6))
		}
		d.Items = append(d.Items, sectionItem{
			Href:       href,
			Headline:   l.Round.Headline,
			Dek:        l.Round.Dek,
			Ago:        relativeAgo(rng),
			Developing: l.Developing,
		})
	}
	body, err := render("section", d)
	if err != nil {
		s.log.Error("newsroom: render section page", "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
}

// serveRobots writes the robots rules for every user agent.
func (s *Site) serveRobots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	if len(s.opts.Disallow) == 0 {
		b.WriteString("Disallow:\n")
	}
	for _, p := range s.opts.Disallow {
		fmt.Fprintf(&b, "Disallow: %s\n", p)
	}
	fmt.Fprintf(&b, "\nSitemap: %s/sitemap-news.xml\n", baseURL(r))
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(b.String()))
}
