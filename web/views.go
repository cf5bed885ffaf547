package web

import (
	"time"

	"github.com/redline-news/redline"
)

// StoryView is a story as the API and `redline list --json` show it.
// Fields may be added, never renamed: scripts depend on them.
type StoryView struct {
	ID          redline.StoryID `json:"id"`
	URL         string          `json:"url"`
	FinalURL    string          `json:"final_url,omitempty"`
	Headline    string          `json:"headline"`
	Status      redline.Status  `json:"status"`
	Versions    int             `json:"versions"`
	AddedAt     time.Time       `json:"added_at"`
	LastChecked *time.Time      `json:"last_checked"`
	LastChanged *time.Time      `json:"last_changed"`
	NextCheck   *time.Time      `json:"next_check"`
	NextReason  string          `json:"next_reason,omitempty"`
	Tags        []string        `json:"tags"`
	Developing  bool            `json:"developing"`
	Failures    int             `json:"failures,omitempty"`
	LastError   string          `json:"last_error,omitempty"`
}

// NewStoryView converts a stored story.
func NewStoryView(st redline.Story) StoryView {
	tags := st.Tags
	if tags == nil {
		tags = []string{}
	}
	return StoryView{
		ID: st.ID, URL: st.URL, FinalURL: st.FinalURL, Headline: st.Headline, Status: st.Status,
		Versions: st.Versions, AddedAt: st.AddedAt, LastChecked: timePtr(st.LastChecked),
		LastChanged: timePtr(st.LastChanged), NextCheck: timePtr(st.NextCheck), NextReason: st.NextReason,
		Tags: tags, Developing: st.Developing, Failures: st.Failures, LastError: st.LastError,
	}
}

// Story turns the view back into a story, for a client of the API.
func (v StoryView) Story() redline.Story {
	return redline.Story{
		ID: v.ID, URL: v.URL, FinalURL: v.FinalURL, Headline: v.Headline, Status: v.Status,
		Versions: v.Versions, AddedAt: v.AddedAt, LastChecked: timeOf(v.LastChecked),
		LastChanged: timeOf(v.LastChanged), NextCheck: timeOf(v.NextCheck), NextReason: v.NextReason,
		Tags: v.Tags, Developing: v.Developing, Failures: v.Failures, LastError: v.LastError,
	}
}

// NewStoryViews converts a list of stories; never nil, so JSON shows [].
func NewStoryViews(stories []redline.Story) []StoryView {
	out := make([]StoryView, len(stories))
	for i, st := range stories {
		out[i] = NewStoryView(st)
	}
	return out
}

// VersionRow is one line of a story's history (`redline log --json`).
type VersionRow struct {
	N          int       `json:"n"`
	FetchedAt  time.Time `json:"fetched_at"`
	Hash       string    `json:"hash"`
	Headline   string    `json:"headline"`
	Words      int       `json:"words"`
	Added      int       `json:"added"`
	Removed    int       `json:"removed"`
	Developing bool      `json:"developing"`
	RevertOf   int       `json:"revert_of,omitempty"`
	// Reread marks a version that records no edit, only a new reading of
	// the same page (see redline.Version.Reread).
	Reread bool   `json:"reread,omitempty"`
	URL    string `json:"url"`
}

// NewVersionRow converts a version's summary.
func NewVersionRow(v redline.VersionSummary) VersionRow {
	return VersionRow(v)
}

// Summary turns the row back into a version summary.
func (r VersionRow) Summary() redline.VersionSummary {
	return redline.VersionSummary(r)
}

// StoryLog is a story with its whole history (`redline log --json`).
type StoryLog struct {
	Story    StoryView       `json:"story"`
	Versions []VersionRow    `json:"versions"`
	Checks   []redline.Check `json:"checks,omitempty"`
}

// NewStoryLog converts a story's history.
func NewStoryLog(l redline.StoryLog) StoryLog {
	out := StoryLog{Story: NewStoryView(l.Story), Versions: make([]VersionRow, len(l.Versions)), Checks: l.Checks}
	for i, v := range l.Versions {
		out.Versions[i] = NewVersionRow(v)
	}
	return out
}

// Log turns the view back into a story's history.
func (l StoryLog) Log() redline.StoryLog {
	out := redline.StoryLog{Story: l.Story.Story(), Versions: make([]redline.VersionSummary, len(l.Versions)), Checks: l.Checks}
	for i, v := range l.Versions {
		out.Versions[i] = v.Summary()
	}
	return out
}

// ArticleView is an article as JSON shows it: unknown times are null, and
// the paragraphs are a list even when empty. `show --json` and
// `extract --json` both print it.
type ArticleView struct {
	Headline   string     `json:"headline"`
	Byline     string     `json:"byline"`
	Dek        string     `json:"dek,omitempty"`
	Published  *time.Time `json:"published"`
	Modified   *time.Time `json:"modified"`
	Paragraphs []string   `json:"paragraphs"`
	Notes      []string   `json:"notes,omitempty"`
	Developing bool       `json:"developing"`
	// Site is the publication's name, kept out of the headline.
	Site string `json:"site"`
	// Kind is "article", or "listing" for a homepage or section front.
	Kind string `json:"kind"`
	// Mojibake is set when the page's text was double-encoded UTF-8 and
	// was repaired.
	Mojibake  bool   `json:"mojibake,omitempty"`
	Extractor string `json:"extractor,omitempty"`
}

// NewArticleView converts an extracted or stored article.
func NewArticleView(a redline.Article) ArticleView {
	paras := a.Paragraphs
	if paras == nil {
		paras = []string{}
	}
	return ArticleView{
		Headline: a.Headline, Byline: a.Byline, Dek: a.Dek,
		Published: timePtr(a.Published), Modified: timePtr(a.Modified),
		Paragraphs: paras, Notes: a.Notes, Developing: a.Developing, Extractor: a.Extractor,
		Site: a.Site, Kind: firstKind(a.Kind), Mojibake: a.Mojibake,
	}
}

// articleKind is how JSON names a page that is not a listing.
const articleKind = "article"

func firstKind(k string) string {
	if k == "" {
		return articleKind
	}
	return k
}

// Article turns the view back into an article, for diffing versions that
// came over the API.
func (v ArticleView) Article() redline.Article {
	a := redline.Article{
		Headline: v.Headline, Byline: v.Byline, Dek: v.Dek, Paragraphs: v.Paragraphs,
		Notes: v.Notes, Developing: v.Developing, Extractor: v.Extractor,
		Site: v.Site, Mojibake: v.Mojibake,
	}
	if v.Kind != articleKind {
		a.Kind = v.Kind
	}
	if v.Published != nil {
		a.Published = *v.Published
	}
	if v.Modified != nil {
		a.Modified = *v.Modified
	}
	return a
}

// VersionView is the full text of one version (`redline show --json`).
type VersionView struct {
	N          int       `json:"n"`
	FetchedAt  time.Time `json:"fetched_at"`
	URL        string    `json:"url"`
	HTTPStatus int       `json:"http_status"`
	ArticleView
	Hash     string `json:"hash"`
	Added    int    `json:"added"`
	Removed  int    `json:"removed"`
	RevertOf int    `json:"revert_of,omitempty"`
	Reread   bool   `json:"reread,omitempty"`
}

// NewVersionView converts a stored version.
func NewVersionView(v redline.Version) VersionView {
	return VersionView{
		N: v.N, FetchedAt: v.FetchedAt, URL: v.URL, HTTPStatus: v.HTTPStatus,
		ArticleView: NewArticleView(v.Article),
		Hash:        v.Hash, Added: v.Added, Removed: v.Removed, RevertOf: v.RevertOf, Reread: v.Reread,
	}
}

// Version turns the view back into a version, for diffing versions that
// came over the API.
func (v VersionView) Version() redline.Version {
	return redline.Version{
		N: v.N, FetchedAt: v.FetchedAt, URL: v.URL, HTTPStatus: v.HTTPStatus,
		Article: v.ArticleView.Article(),
		Hash:    v.Hash, Added: v.Added, Removed: v.Removed, RevertOf: v.RevertOf, Reread: v.Reread,
	}
}

// TrackRequest is the body of POST /api/v1/stories.
type TrackRequest struct {
	URL   string   `json:"url"`
	Tags  []string `json:"tags,omitempty"`
	Every string   `json:"every,omitempty"` // a Go duration, e.g. "10m"
}

// CrawlRequest is the body of POST /api/v1/crawl.
type CrawlRequest struct {
	All    bool              `json:"all,omitempty"`
	IDs    []redline.StoryID `json:"ids,omitempty"`
	Budget string            `json:"budget,omitempty"`
}

// The request bodies carry exactly the service's requests, so they convert
// both ways; a field added to one without the other stops the build.
var (
	_ = redline.TrackRequest(TrackRequest{})
	_ = redline.CrawlRequest(CrawlRequest{})
)

// ErrorBody is every API error: a message for people and a stable code
// for programs.
type ErrorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
	// Story is set when the error concerns an existing story (e.g. the URL
	// is already tracked).
	Story *StoryView `json:"story,omitempty"`
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
