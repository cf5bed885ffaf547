package ui_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/web"
)

func TestStoryPage_History(t *testing.T) {
	s := servePages(t, web.Access{})
	code, _, body := s.get(t, "/stories/1", "")
	if code != http.StatusOK {
		t.Fatalf("GET /stories/1 = %d, want 200\n%s", code, body)
	}
	for _, want := range []string{
		// headline history, oldest first
		"<q>Warehouse fire kills 12 in harbour district</q>",
		"<q>Warehouse fire kills 15; owner arrested</q>",
		// one-line summaries
		"first version",
		"no edit: re-read",
		"headline changed",
		// developing flag and when it was dropped
		"Developing flag dropped in version 4",
		// the live URL, linked
		`href="http://127.0.0.1:9/news/warehouse-fire"`,
		// the slug change the tracker noted
		`Moved to <span class="url">http://127.0.0.1:9/news/warehouse-fire-owner-arrested</span>`,
		// a compare form that works without JavaScript, latest edit preselected
		`<form method="get" action="/stories/1/diff"`,
		`name="from" value="3" aria-label="compare from version 3" checked`,
		`name="to" value="4" aria-label="compare to version 4" checked`,
		// links to each edit's diff and each version's evidence
		`href="/stories/1/diff/1/2"`,
		`href="/stories/1/versions/1/evidence"`,
		// the story's change feed, for feed readers and people
		`rel="alternate" type="application/atom+xml" title="redline: changes of this story" href="/feeds/stories/1.atom"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
	// Newest first: version 4's row comes before version 1's.
	if strings.Index(body, `id="v4"`) > strings.Index(body, `id="v1"`) {
		t.Errorf("versions are not listed newest first")
	}
}

func TestStoryPage_URLThatIsNoWebAddressIsNotALink(t *testing.T) {
	s := servePages(t, web.Access{})
	code, _, body := s.get(t, "/stories/2", "")
	if code != http.StatusOK {
		t.Fatalf("GET /stories/2 = %d, want 200", code)
	}
	if strings.Contains(body, `href="javascript:`) || strings.Contains(body, `class="live"`) {
		t.Errorf("a javascript: story URL became a link")
	}
	if !strings.Contains(body, "javascript:alert(&#39;url&#39;)") {
		t.Errorf("the story URL is not shown as text")
	}
}

func TestCompareForm_RedirectsToPermalink(t *testing.T) {
	s := servePages(t, web.Access{})
	for _, tc := range []struct{ query, want string }{
		{"from=1&to=3", "/stories/1/diff/1/3"},
		{"from=3&to=1", "/stories/1/diff/1/3"},
	} {
		code, h, _ := s.get(t, "/stories/1/diff?"+tc.query, "")
		if code != http.StatusSeeOther || h.Get("Location") != tc.want {
			t.Errorf("compare %s = %d %q, want 303 %q", tc.query, code, h.Get("Location"), tc.want)
		}
	}
}

func TestDiffPage_Inline(t *testing.T) {
	s := servePages(t, web.Access{})
	code, _, body := s.get(t, "/stories/1/diff/1/2", "")
	if code != http.StatusOK {
		t.Fatalf("GET diff = %d\n%s", code, body)
	}
	for _, want := range []string{
		`<del class="rl-del">12</del>`,
		`<ins class="rl-ins">15</ins>`,
		`<ins class="rl-ins">Firefighters remained at the scene on Wednesday morning.</ins>`,
		`href="/stories/1/diff/2/3" rel="next"`,
		`<span class="off">← Older edit</span>`,
		`href="/stories/1/diff/1/2" rel="bookmark"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("diff page lacks %q", want)
		}
	}
	if strings.Contains(body, "intermediate") {
		t.Errorf("adjacent versions claim intermediate revisions")
	}
}

func TestDiffPage_MovesFieldsAndIntermediate(t *testing.T) {
	s := servePages(t, web.Access{})
	_, _, body := s.get(t, "/stories/1/diff/1/4", "")
	for _, want := range []string{
		"(2 intermediate revisions not shown)",
		`class="rl-para rl-move"><span class="rl-moved">moved from paragraph 4</span>`,
		`<p class="rl-field rl-headline"><span class="rl-label">Headline:</span>`,
		`<p class="rl-field rl-notes">`,
		`<span class="off">Newer edit →</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("diff 1→4 lacks %q", want)
		}
	}
	// Every field change, notes and the developing flag included, comes
	// before the body.
	for _, f := range []string{"rl-headline", "rl-notes", "rl-developing"} {
		if i := strings.Index(body, `class="rl-field `+f+`"`); i < 0 || i > strings.Index(body, `class="rl-para`) {
			t.Errorf("%s change is not above the body", f)
		}
	}
}

func TestDiffPage_SideBySideAndChangesOnly(t *testing.T) {
	s := servePages(t, web.Access{})
	_, _, side := s.get(t, "/stories/1/diff/1/2?view=side", "")
	if !strings.Contains(side, `<table class="sbs">`) {
		t.Fatalf("side-by-side view has no columns")
	}
	if !strings.Contains(side, `<td class="before">A fire at a warehouse in the harbour district killed <del class="rl-del">12</del>`) {
		t.Errorf("old column does not hold the old paragraph with its deletion")
	}
	if !strings.Contains(side, `<td class="after">A fire at a warehouse in the harbour district killed <ins class="rl-ins">15</ins>`) {
		t.Errorf("new column does not hold the new paragraph with its insertion")
	}
	for _, cell := range strings.Split(side, `<td class="before">`)[1:] {
		cell, _, _ = strings.Cut(cell, "</td>")
		if strings.Contains(cell, "<ins") {
			t.Errorf("an insertion shows in the old column: %s", cell)
		}
	}
	for _, cell := range strings.Split(side, `<td class="after">`)[1:] {
		cell, _, _ = strings.Cut(cell, "</td>")
		if strings.Contains(cell, "<del") {
			t.Errorf("a deletion shows in the new column: %s", cell)
		}
	}
	// Neighbour links keep the view.
	if !strings.Contains(side, `href="/stories/1/diff/2/3?view=side" rel="next"`) {
		t.Errorf("newer-edit link drops view=side")
	}

	_, _, all := s.get(t, "/stories/1/diff/1/2", "")
	_, _, only := s.get(t, "/stories/1/diff/1/2?only=changes", "")
	if strings.Contains(all, "unchanged paragraph") {
		t.Errorf("the whole-article view folds paragraphs")
	}
	if !strings.Contains(only, "… 2 unchanged paragraphs …") {
		t.Errorf("changes-only view does not fold the unchanged middle")
	}
	if strings.Contains(only, "Mayor Ana Ruiz") || !strings.Contains(all, "Mayor Ana Ruiz") {
		t.Errorf("changes-only view shows paragraph 3, two away from any change, or the whole view lacks it")
	}
	if !strings.Contains(only, "Roads around the harbour remain closed.") {
		t.Errorf("changes-only view lacks the line of context before the added paragraph")
	}
}

func TestPages_BadInput(t *testing.T) {
	s := servePages(t, web.Access{})
	tests := []struct {
		path string
		code int
		says string
	}{
		{"/stories/x", http.StatusBadRequest, "x"},
		{"/stories/99", http.StatusNotFound, "99"},
		{"/stories/1/diff/x/2", http.StatusBadRequest, `version &#34;x&#34; is not a version number`},
		{"/stories/1/diff/0/2", http.StatusBadRequest, `version &#34;0&#34;`},
		{"/stories/1/diff/2/2", http.StatusBadRequest, "against itself"},
		{"/stories/1/diff/1/9", http.StatusNotFound, "no version 9: the story has 4"},
		{"/stories/99/diff/1/2", http.StatusNotFound, "99"},
		{"/stories/1/diff/1/2?view=fancy", http.StatusBadRequest, "fancy"},
		{"/stories/1/diff/1/2?only=some", http.StatusBadRequest, "some"},
		{"/stories/1/diff?from=&to=2", http.StatusBadRequest, "not a version number"},
		{"/stories/1/versions/0/evidence", http.StatusBadRequest, `version &#34;0&#34;`},
		{"/stories/1/versions/9/evidence", http.StatusNotFound, "9"},
		{"/stories/1/versions/9/evidence/raw", http.StatusNotFound, "9"},
		{"/?hours=0", http.StatusBadRequest, "hours &#34;0&#34;"},
		{"/?hours=day", http.StatusBadRequest, "hours &#34;day&#34;"},
		{"/?hours=100000", http.StatusBadRequest, "from 1 to 744"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			code, _, body := s.get(t, tc.path, "")
			if code != tc.code {
				t.Errorf("GET %s = %d, want %d", tc.path, code, tc.code)
			}
			if !strings.Contains(body, tc.says) {
				t.Errorf("GET %s: page does not say %q:\n%s", tc.path, tc.says, body)
			}
		})
	}
	// A pair picked newest first is the same diff under its permalink.
	code, h, _ := s.get(t, "/stories/1/diff/3/1?view=side", "")
	if code != http.StatusSeeOther || h.Get("Location") != "/stories/1/diff/1/3?view=side" {
		t.Errorf("diff 3/1 = %d %q, want 303 to /stories/1/diff/1/3?view=side", code, h.Get("Location"))
	}
}

func TestEvidencePage_Sandboxed(t *testing.T) {
	s := servePages(t, web.Access{})
	code, h, body := s.get(t, "/stories/2/versions/2/evidence", "")
	if code != http.StatusOK {
		t.Fatalf("evidence page = %d\n%s", code, body)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("evidence page CSP = %q, want the page policy with frame-src 'self'", csp)
	}
	if !strings.Contains(body, `<iframe class="evidence-frame" sandbox="" src="/stories/2/versions/2/evidence/raw"`) {
		t.Errorf("evidence page has no sandboxed frame of the raw page:\n%s", body)
	}
	if !strings.Contains(body, `href="/stories/2/versions/2/evidence/raw?download=1"`) {
		t.Errorf("evidence page has no download link")
	}
	assertNoPayload(t, "evidence page", body)

	code, h, raw := s.get(t, "/stories/2/versions/2/evidence/raw", "")
	if code != http.StatusOK || raw != evidenceHTML {
		t.Fatalf("raw = %d %q, want 200 and the stored page byte for byte", code, raw)
	}
	if got, want := h.Get("Content-Security-Policy"), "sandbox; default-src 'none'; img-src data:"; got != want {
		t.Errorf("raw CSP = %q, want %q", got, want)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("raw Content-Type = %q, want text/html", ct)
	}
	if cd := h.Get("Content-Disposition"); cd != "" {
		t.Errorf("framed raw page has Content-Disposition %q", cd)
	}
	_, h, _ = s.get(t, "/stories/2/versions/2/evidence/raw?download=1", "")
	if cd := h.Get("Content-Disposition"); cd != `attachment; filename="redline-story-2-v2.html"` {
		t.Errorf("download Content-Disposition = %q", cd)
	}
}

func TestEvidencePage_DroppedPageSaysSo(t *testing.T) {
	s := servePages(t, web.Access{})
	res, err := s.store.DropPagesBefore(pagesNow.Add(-4*time.Hour - 30*time.Minute))
	if err != nil || res.Pages != 1 {
		t.Fatalf("drop pages = %+v, %v; want 1 page dropped", res, err)
	}
	code, _, body := s.get(t, "/stories/1/versions/1/evidence", "")
	if code != http.StatusOK || !strings.Contains(body, "dropped by <code>keep_pages</code>") {
		t.Errorf("evidence of a dropped page = %d, does not say it was dropped:\n%s", code, body)
	}
	if strings.Contains(body, "<iframe") {
		t.Errorf("evidence of a dropped page still frames it")
	}
	if code, _, _ := s.get(t, "/stories/1/versions/1/evidence/raw", ""); code != http.StatusGone {
		t.Errorf("raw of a dropped page = %d, want 410", code)
	}
	// The version's diff does not need its page.
	if code, _, _ := s.get(t, "/stories/1/diff/1/2", ""); code != http.StatusOK {
		t.Errorf("diff of a version whose page was dropped = %d, want 200", code)
	}
}

// The desk's front page refreshes itself (through redline.js); a story
// page, read at length, does not.
func TestChangesPage_LiveRefresh(t *testing.T) {
	s := servePages(t, web.Access{})
	if _, _, body := s.get(t, "/", ""); !strings.Contains(body, `data-refresh="60"`) {
		t.Errorf("the changes page is not marked for live refresh")
	}
	if _, _, body := s.get(t, "/stories/1", ""); strings.Contains(body, "data-refresh") {
		t.Errorf("the story page is marked for live refresh")
	}
}

func TestChangesPage_Window(t *testing.T) {
	s := servePages(t, web.Access{})
	tests := []struct {
		query string
		diffs []string
		not   []string
	}{
		{"", []string{"/stories/2/diff/1/2", "/stories/1/diff/3/4", "/stories/1/diff/1/2"}, []string{"/stories/1/diff/2/3"}},
		{"?hours=3", []string{"/stories/2/diff/1/2", "/stories/1/diff/3/4"}, []string{"/stories/1/diff/1/2"}},
		{"?hours=1", nil, []string{"/stories/1/diff/3/4", "/stories/2/diff/1/2"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			code, _, body := s.get(t, "/"+tc.query, "")
			if code != http.StatusOK {
				t.Fatalf("GET /%s = %d", tc.query, code)
			}
			last := -1
			for _, d := range tc.diffs {
				i := strings.Index(body, `href="`+d+`"`)
				if i < 0 {
					t.Errorf("changes page lacks %s", d)
					continue
				}
				if i < last {
					t.Errorf("%s is listed out of newest-first order", d)
				}
				last = i
			}
			for _, d := range tc.not {
				if strings.Contains(body, `href="`+d+`"`) {
					t.Errorf("changes page lists %s, outside the window or a re-read", d)
				}
			}
			if !strings.Contains(body, `href="/feeds/changes.atom"`) {
				t.Errorf("changes page does not link its Atom feed")
			}
			if len(tc.diffs) == 0 && !strings.Contains(body, "No story changed in the last hour.") {
				t.Errorf("empty window does not say so")
			}
		})
	}
	_, _, body := s.get(t, "/", "")
	if !strings.Contains(body, "was <q>Warehouse fire kills 12 in harbour district</q>") ||
		!strings.Contains(body, "was <q>Quiet start") {
		t.Errorf("a headline change does not show the old headline")
	}
}

// TestPages_HostileStoryRendersInert opens every page of the story whose
// every field holds a payload, in every view.
func TestPages_HostileStoryRendersInert(t *testing.T) {
	s := servePages(t, web.Access{})
	for _, path := range []string{
		"/", "/stories/2", "/stories/2/diff/1/2", "/stories/2/diff/1/2?view=side",
		"/stories/2/diff/1/2?only=changes", "/stories/2/versions/1/evidence",
	} {
		code, _, body := s.get(t, path, "")
		if code != http.StatusOK {
			t.Errorf("GET %s = %d", path, code)
			continue
		}
		assertNoPayload(t, path, body)
		if !strings.Contains(body, "&lt;script&gt;alert") && !strings.Contains(body, "&lt;/title&gt;&lt;script&gt;") {
			t.Errorf("GET %s: the payload is not shown as text", path)
		}
	}
}

func TestPages_Tokens(t *testing.T) {
	s := servePages(t, web.Access{ReadToken: "read-token", WriteToken: "write-token"})
	routes := []string{
		"/", "/stories/1", "/stories/1/diff/1/2", "/stories/1/diff/1/2?view=side&only=changes",
		"/stories/2/versions/2/evidence", "/stories/2/versions/2/evidence/raw",
	}
	for _, path := range routes {
		for _, tc := range []struct {
			token string
			code  int
		}{
			{"", http.StatusUnauthorized},
			{"wrong-token", http.StatusUnauthorized},
			{"read-token", http.StatusOK},
			{"write-token", http.StatusOK},
		} {
			code, _, body := s.get(t, path, tc.token)
			if code != tc.code {
				t.Errorf("GET %s with token %q = %d, want %d", path, tc.token, code, tc.code)
			}
			if code == http.StatusUnauthorized && strings.Contains(body, "Warehouse fire") {
				t.Errorf("GET %s with token %q: refused, but the page shows the story", path, tc.token)
			}
		}
	}
	// The compare form's redirect is no way around the login either.
	if code, _, _ := s.get(t, "/stories/1/diff?from=1&to=2", ""); code != http.StatusUnauthorized {
		t.Errorf("compare form without a token = %d, want 401", code)
	}
}

func TestPages_PagePolicy(t *testing.T) {
	s := servePages(t, web.Access{})
	const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	for _, path := range []string{"/", "/stories/1", "/stories/1/diff/1/2", "/stories/1/diff/9/10"} {
		_, h, _ := s.get(t, path, "")
		if got := h.Get("Content-Security-Policy"); got != csp {
			t.Errorf("GET %s: CSP = %q, want %q", path, got, csp)
		}
	}
	_, h, _ := s.get(t, "/stories/1/versions/1/evidence", "")
	if got := h.Get("Content-Security-Policy"); got != csp+"; frame-src 'self'" {
		t.Errorf("evidence page CSP = %q, want the page policy plus frame-src 'self'", got)
	}
}

// TestAssertNoPayload_Catches keeps the XSS checker honest: each of these
// pages must fail it.
func TestAssertNoPayload_Catches(t *testing.T) {
	for _, page := range []string{
		`<title>a</title><p><img src=x onerror=alert(1)></p>`,
		`<title>a</title><script>alert(1)</script>`,
		`<title>a</title><a href=" JavaScript:alert(1)">x</a>`,
		`<title>a</title></title><title>b</title>`,
		`<title>a</title><iframe src="/stories/1/versions/1/evidence/raw"></iframe>`,
		`<title>a</title><svg onload=alert(1)>`,
	} {
		inner := &recorder{TB: t}
		assertNoPayload(inner, "probe", page)
		if !inner.failed {
			t.Errorf("assertNoPayload passed %q", page)
		}
	}
	// A payload shown as text is not a failure.
	inner := &recorder{TB: t}
	assertNoPayload(inner, "probe", `<title>&lt;/title&gt;</title><p>&lt;img src=x onerror=alert(1)&gt;</p>`)
	if inner.failed {
		t.Errorf("assertNoPayload failed escaped text")
	}
}

// recorder notes failures instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

// TestStoryPage_LongHistory lists a story of 120 versions: the newest
// 100 edits are summarised from their diffs, the older ones from the log,
// and every version keeps its row.
func TestStoryPage_LongHistory(t *testing.T) {
	st := testutil.MustOpenStore(t)
	s := redline.Story{URL: "http://127.0.0.1:9/news/count"}
	if err := st.AddStory(&s); err != nil {
		t.Fatal(err)
	}
	for i := range 120 {
		v := redline.Version{StoryID: s.ID, FetchedAt: pagesNow.Add(time.Duration(i-120) * time.Minute), URL: s.URL,
			Article: redline.Article{Headline: "Counting", Paragraphs: []string{fmt.Sprintf("The count is %d now.", i), "Steady."}}}
		if i > 0 {
			v.Added, v.Removed = 1, 1
		}
		if _, err := st.SaveVersion(&v, nil); err != nil {
			t.Fatal(err)
		}
	}
	srv := serveStore(t, st, web.Access{})
	code, _, body := srv.get(t, "/stories/1", "")
	if code != http.StatusOK {
		t.Fatalf("GET /stories/1 = %d", code)
	}
	if n := strings.Count(body, `<tr id="v`); n != 120 {
		t.Errorf("%d version rows, want 120", n)
	}
	row := func(n int) string {
		_, after, _ := strings.Cut(body, fmt.Sprintf(`<tr id="v%d">`, n))
		r, _, _ := strings.Cut(after, "</tr>")
		return r
	}
	// Version 21 is the oldest of the newest 100 edits (versions 21–120).
	for _, n := range []int{120, 21} {
		if !strings.Contains(row(n), ">&#43;1 −1 words; 1 paragraph changed</a>") {
			t.Errorf("version %d is not summarised from its diff: %s", n, row(n))
		}
	}
	for _, n := range []int{20, 2} {
		if !strings.Contains(row(n), ">&#43;1 −1 words</a>") {
			t.Errorf("version %d is not summarised from the log: %s", n, row(n))
		}
	}
}

// TestPages_ReadOnlyRoutesRefuseWrites: the pages of this file only read;
// a POST to them is no form: it is refused (405, or 404 where the
// catch-all page claims the method) and draws nothing of the story.
func TestPages_ReadOnlyRoutesRefuseWrites(t *testing.T) {
	s := servePages(t, web.Access{})
	for _, path := range []string{"/stories/1/diff/1/2", "/stories/1/versions/1/evidence", "/stories/1/versions/1/evidence/raw", "/stories/1/diff"} {
		resp, err := http.Post(s.URL+path, "application/x-www-form-urlencoded", strings.NewReader("csrf=x"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s = %d, want 405 or 404", path, resp.StatusCode)
		}
		if strings.Contains(string(b), "harbour") {
			t.Errorf("POST %s drew the story", path)
		}
	}
}

// TestChangesPage_Limited: a window with more changes than the page lists
// shows the newest 200 and says that there are more.
func TestChangesPage_Limited(t *testing.T) {
	st := testutil.MustOpenStore(t)
	s := redline.Story{URL: "http://127.0.0.1:9/news/busy"}
	if err := st.AddStory(&s); err != nil {
		t.Fatal(err)
	}
	for i := range 205 {
		v := redline.Version{StoryID: s.ID, FetchedAt: pagesNow.Add(time.Duration(i-205) * time.Minute), URL: s.URL,
			Article: redline.Article{Headline: "Busy", Paragraphs: []string{fmt.Sprintf("Edit number %d.", i)}}}
		if _, err := st.SaveVersion(&v, nil); err != nil {
			t.Fatal(err)
		}
	}
	srv := serveStore(t, st, web.Access{})
	code, _, body := srv.get(t, "/", "")
	if code != http.StatusOK {
		t.Fatalf("GET / = %d", code)
	}
	if n := strings.Count(body, `<li class="change">`); n != 200 {
		t.Errorf("%d changes listed, want 200", n)
	}
	if !strings.Contains(body, "Only the newest 200 changes are listed") {
		t.Errorf("the page does not say it left changes out")
	}
	// Newest first: the last edit is listed, the first edit is not.
	if !strings.Contains(body, `href="/stories/1/diff/204/205"`) || strings.Contains(body, `href="/stories/1/diff/1/2"`) {
		t.Errorf("the listed 200 are not the newest")
	}
}
