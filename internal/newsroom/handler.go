package newsroom

import (
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Handler serves the site. Routes:
//
//	GET /                     section page (same as /news/)
//	GET /news/                section page linking every listed story
//	GET /news/{slug}          story page, template per Options.Template
//	GET /t/{template}/{slug}  story page in the named (or numbered) template
//	GET /robots.txt           robots rules (Options.Disallow)
//	GET /feeds/latest.xml     RSS 2.0
//	GET /feeds/atom.xml       Atom
//	GET /feeds/feed.json      JSON Feed 1.1
//	GET /sitemap-news.xml     Google News sitemap
//	GET /static/{file}        stylesheet
//
// Anything else is a 404 page.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveSection)
	mux.HandleFunc("GET /news/{$}", s.serveSection)
	mux.HandleFunc("GET /news/{slug}", s.serveStory)
	mux.HandleFunc("GET /t/{template}/{slug}", s.serveStory)
	mux.HandleFunc("GET /robots.txt", s.serveRobots)
	mux.HandleFunc("GET /feeds/latest.xml", s.serveRSS)
	mux.HandleFunc("GET /feeds/atom.xml", s.serveAtom)
	mux.HandleFunc("GET /feeds/feed.json", s.serveJSONFeed)
	mux.HandleFunc("GET /sitemap-news.xml", s.serveSitemap)
	static, _ := fs.Sub(staticFS, "static") // cannot fail: the directory is embedded
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("/", s.serveNotFound)
	return s.observe(mux)
}

// StoryURL is the canonical URL of a story on a site served at base
// ("http://127.0.0.1:8080").
func (s *Site) StoryURL(base, slug string) string {
	return strings.TrimRight(base, "/") + "/news/" + slug
}

// TemplateURL is the URL of a story rendered by the named template.
func (s *Site) TemplateURL(base, template, slug string) string {
	return strings.TrimRight(base, "/") + "/t/" + template + "/" + slug
}

// FeedURLs are the RSS, Atom and JSON feed URLs and the news sitemap URL.
func (s *Site) FeedURLs(base string) []string {
	base = strings.TrimRight(base, "/")
	return []string{base + "/feeds/latest.xml", base + "/feeds/atom.xml", base + "/feeds/feed.json", base + "/sitemap-news.xml"}
}

// observe counts hits per path and logs each request at debug level.
func (s *Site) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.countHit(r.URL.Path)
		s.log.Debug("newsroom request", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "bytes", sw.bytes, "duration", time.Since(start))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// resolveTemplate maps the {template} path value, a name or an index into
// Templates, to a template name.
func resolveTemplate(v string) (string, bool) {
	if i, err := strconv.Atoi(v); err == nil {
		if i >= 0 && i < len(storyTemplates) {
			return storyTemplates[i], true
		}
		return "", false
	}
	for _, name := range storyTemplates {
		if name == v {
			return name, true
		}
	}
	return "", false
}
