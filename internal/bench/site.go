package main

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"

	"github.com/redline-news/redline/internal/newsroom"
)

// hosts is how many loopback addresses serve the site, so the crawler's
// per-host politeness works as it does across a newsroom group's sites.
const hosts = 20

var words = strings.Fields(`council budget storm river bridge vote mayor
	residents officials county water schools police court hearing plan
	report funding road closure emergency shelter power outage crews
	district state federal agency statement spokesperson meeting review
	weather forecast flooding evacuation order damage estimate repair`)

// stories makes n one-round stories of 30–70 paragraphs, like the
// tracker's benchmark pages, deterministic for one seed.
func stories(n int) []newsroom.Story {
	rng := rand.New(rand.NewPCG(14, uint64(n)))
	sentence := func() string {
		w := make([]string, 18+rng.IntN(20))
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
		return strings.Join(w, " ") + "."
	}
	pool := make([]string, 400)
	for i := range pool {
		pool[i] = sentence() + " " + sentence()
	}
	out := make([]newsroom.Story, n)
	for i := range out {
		paras := []string{fmt.Sprintf("Story %d opened on Monday when officials met for the %d-hour session.", i, 2+i%9)}
		for range 30 + rng.IntN(40) {
			paras = append(paras, pool[rng.IntN(len(pool))])
		}
		out[i] = newsroom.Story{
			Slug:    fmt.Sprintf("bench-story-%d", i),
			Section: []string{"metro", "politics", "weather"}[i%3],
			Rounds: []newsroom.Round{{
				Headline:   fmt.Sprintf("No deal after talks, report %d", i),
				Byline:     []string{"By Ana Ruiz", "By Tom Beck", "By Lee Park"}[i%3],
				Dek:        fmt.Sprintf("The meeting %d ended without a vote.", i),
				Paragraphs: paras,
				Developing: true,
			}},
		}
	}
	return out
}

// site serves the newsroom on hosts loopback addresses and returns one URL
// per story, templates and hosts in rotation, and a stop function.
func site(n int) (urls []string, stop func(), err error) {
	s := newsroom.NewSite(newsroom.Options{Stories: stories(n), Seed: 1})
	var servers []*http.Server
	var bases []string
	for i := range hosts {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+2))
		if err != nil {
			if l, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
				return nil, nil, fmt.Errorf("bench: listen on loopback: %w", err)
			}
		}
		srv := &http.Server{Handler: s.Handler()}
		go srv.Serve(l)
		servers = append(servers, srv)
		bases = append(bases, "http://"+l.Addr().String())
	}
	tmpls := newsroom.Templates()
	for i, st := range s.Stories() {
		urls = append(urls, s.TemplateURL(bases[i%hosts], tmpls[i%len(tmpls)], st.Slug))
	}
	return urls, func() {
		for _, srv := range servers {
			srv.Close()
		}
	}, nil
}
