package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/redline-news/redline"
)

// rawCSP is the policy of the stored page itself: a sandbox with no
// scripts, no forms, no plugins and an opaque origin, loading nothing but
// inline data: images, whether it is framed or opened on its own.
const rawCSP = "sandbox; default-src 'none'; img-src data:"

// evidenceData is the Evidence page: a version's stored HTML as fetched.
type evidenceData struct {
	Story     redline.Story
	N         int
	FetchedAt When
	URL       string
	Status    int
	Bytes     int
	// Dropped is set when keep_pages removed the page; the article text
	// of the version is still stored.
	Dropped       bool
	Raw, Download string
}

// evidencePage serves GET /stories/{id}/versions/{n}/evidence.
func (h *Handler) evidencePage(w http.ResponseWriter, r *http.Request) {
	id, n, ok := h.versionParams(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	st, err := h.svc.Story(ctx, strconv.FormatUint(uint64(id), 10))
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	v, err := h.svc.Version(ctx, id, n)
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	raw, err := h.svc.RawHTML(ctx, id, n)
	dropped := errors.Is(err, redline.ErrPageDropped)
	if err != nil && !dropped {
		h.failErr(w, r, err)
		return
	}
	base := fmt.Sprintf("/stories/%d/versions/%d/evidence/raw", id, n)
	h.render(w, r, "evidence", fmt.Sprintf("Evidence: version %d of %s", n, st.Headline), "stories", evidenceData{
		Story: st, N: n, FetchedAt: h.at()(v.FetchedAt), URL: v.URL, Status: v.HTTPStatus, Bytes: len(raw),
		Dropped: dropped, Raw: base, Download: base + "?download=1",
	})
}

// evidenceRaw serves GET /stories/{id}/versions/{n}/evidence/raw: the page
// as stored, for the sandboxed frame, or as a download with ?download=1.
func (h *Handler) evidenceRaw(w http.ResponseWriter, r *http.Request) {
	id, n, ok := h.versionParams(w, r)
	if !ok {
		return
	}
	raw, err := h.svc.RawHTML(r.Context(), id, n)
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	hd := w.Header()
	// The stored page replaces the page policy outright: the sandbox is
	// what makes showing hostile HTML safe, also when the frame's source
	// is opened in a tab of its own.
	hd.Set("Content-Security-Policy", rawCSP)
	// Only our own evidence page may frame it.
	hd.Set("X-Frame-Options", "SAMEORIGIN")
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "private, max-age=3600")
	if r.URL.Query().Get("download") != "" {
		hd.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="redline-story-%d-v%d.html"`, id, n))
	}
	_, _ = w.Write(raw)
}

// versionParams reads {id} and {n} from the path; on a bad one it has
// answered 400.
func (h *Handler) versionParams(w http.ResponseWriter, r *http.Request) (redline.StoryID, int, bool) {
	id, ok := h.storyParam(w, r)
	if !ok {
		return 0, 0, false
	}
	n, err := versionNumber(r.PathValue("n"))
	if err != nil {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: story %d: %v", id, err))
		return 0, 0, false
	}
	return id, n, true
}
