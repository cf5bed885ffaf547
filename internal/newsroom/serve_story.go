package newsroom

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

func (s *Site) serveStory(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	tmpl := r.PathValue("template")
	if tmpl != "" {
		name, ok := resolveTemplate(tmpl)
		if !ok {
			s.serveNotFound(w, r)
			return
		}
		tmpl = name
	}

	v, newSlug, ok := s.view(slug)
	switch {
	case !ok:
		s.serveNotFound(w, r)
		return
	case newSlug != "":
		target := strings.TrimSuffix(r.URL.Path, slug) + newSlug
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	if tmpl == "" {
		tmpl = v.template
	}
	rng := s.pageRNG(v, tmpl)
	if tmpl == TemplateRotate || tmpl == "" {
		tmpl = storyTemplates[rng.IntN(len(storyTemplates))]
	}

	switch v.fault {
	case FaultServerError:
		s.serveStatus(w, r, rng, http.StatusInternalServerError, "Something went wrong", "We could not load this page. Please try again in a few minutes.")
		return
	case FaultGone:
		s.serveStatus(w, r, rng, http.StatusGone, "This story has been removed", "This story is no longer available.")
		return
	case FaultNotFound:
		s.serveStatus(w, r, rng, http.StatusNotFound, "Page not found", "We could not find the page you were looking for.")
		return
	case FaultUnavailable:
		w.Header().Set("Retry-After", strconv.Itoa(int(s.opts.RetryAfter/time.Second)))
		s.serveStatus(w, r, rng, http.StatusServiceUnavailable, "Down for maintenance", "The site is briefly down for maintenance. Please check back soon.")
		return
	}

	d := s.articlePage(r, v, rng)
	name := tmpl
	switch v.fault {
	case FaultPaywall:
		name = "paywall"
	case FaultConsentWall:
		name = "consent"
	case FaultWindows1252:
		d.Charset = "windows-1252"
	}
	switch tmpl {
	case "liveblog":
		d.LD = liveBlogLD(d)
	case "related", "metaline", "chunks":
		decorate(d, v.others, rng)
	}
	body, err := render(name, d)
	if err != nil {
		s.log.Error("newsroom: render story", "slug", v.slug, "template", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	switch v.fault {
	case FaultWindows1252:
		enc := encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder())
		if body, err = enc.Bytes(body); err != nil {
			s.log.Error("newsroom: encode windows-1252", "slug", v.slug, "error", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
	case FaultOversized:
		body = pad(body, s.opts.OversizeBytes)
	}

	h := w.Header()
	h.Set("Content-Type", "text/html; charset="+d.Charset)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag(body))
	var modtime time.Time
	if s.opts.Conditional {
		modtime = v.modified
	}
	http.ServeContent(w, r, "", modtime, bytes.NewReader(body))
}

// view snapshots the story behind slug. For a renamed story it returns the
// current slug as newSlug so the caller can redirect.
func (s *Site) view(slug string) (v storyView, newSlug string, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.lookupLocked(slug)
	if st == nil {
		return storyView{}, "", false
	}
	if st.slug != slug {
		return storyView{}, st.slug, true
	}
	round := s.storyRoundLocked(st)
	content := round
	for content > 0 && len(st.story.Rounds[content].ChangedFields(st.story.Rounds[content-1])) == 0 {
		content--
	}
	return storyView{
		story:     st.story,
		slug:      st.slug,
		round:     round,
		content:   content,
		fault:     st.fault,
		template:  cmp.Or(st.template, s.opts.Template),
		published: s.opts.Start,
		modified:  st.modified[round],
		others:    s.othersLocked(st.slug),
	}, "", true
}

// pageRNG draws per-request noise, or in conditional mode noise frozen per
// story, template and content version so unchanged content gives the same
// bytes and the same ETag.
func (s *Site) pageRNG(v storyView, tmpl string) *rand.Rand {
	if !s.opts.Conditional {
		return rand.New(rand.NewPCG(uint64(s.opts.Seed), s.seq.Add(1)))
	}
	h := fnv.New64a()
	h.Write([]byte(v.slug))
	h.Write([]byte{0})
	h.Write([]byte(tmpl))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(v.content)))
	return rand.New(rand.NewPCG(uint64(s.opts.Seed), h.Sum64()))
}

func (s *Site) serveStatus(w http.ResponseWriter, r *http.Request, rng *rand.Rand, code int, title, msg string) {
	d := s.utilityPage(r, rng)
	d.Title, d.Message = title, msg
	body, err := render("status", d)
	if err != nil {
		s.log.Error("newsroom: render status page", "status", code, "error", err)
		http.Error(w, title, code)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(body)
}

func (s *Site) serveNotFound(w http.ResponseWriter, r *http.Request) {
	rng := rand.New(rand.NewPCG(uint64(s.opts.Seed), s.seq.Add(1)))
	s.serveStatus(w, r, rng, http.StatusNotFound, "Page not found", "We could not find the page you were looking for.")
}

// etag is a weak validator of the exact bytes served: stable only when the
// noise is frozen, which is the point of the default mode.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:8]) + `"`
}

// pad grows the page to at least size bytes with markup no extractor
// should read, inserted before </body> so the document stays well formed.
func pad(body []byte, size int) []byte {
	const line = "<!-- prefetch: /static/chunks/vendor.0000000000000000.js -->\n"
	need := size - len(body)
	if need <= 0 {
		return body
	}
	filler := strings.Repeat(line, need/len(line)+1)
	i := bytes.LastIndex(body, []byte("</body>"))
	if i < 0 {
		return append(body, filler...)
	}
	out := make([]byte, 0, len(body)+len(filler))
	out = append(out, body[:i]...)
	out = append(out, filler...)
	return append(out, body[i:]...)
}
