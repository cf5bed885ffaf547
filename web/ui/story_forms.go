package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/redline-news/redline"
)

// The forms change something, so each checks its CSRF token first and
// answers with a redirect and a flash message, never a page of its own:
// reloading the result must not send the form again.

// addStory tracks a URL through the service, which applies the same
// outbound guard, URL caps and tag limits as the API and the CLI.
func (h *Handler) addStory(w http.ResponseWriter, r *http.Request) {
	if !h.checkCSRF(r) {
		h.fail(w, r, http.StatusForbidden, "add story refused: the form expired or came from another page; reload and try again")
		return
	}
	raw := strings.TrimSpace(r.PostFormValue("url"))
	if raw == "" {
		h.setFlash(w, r, "error", "Add story: give the URL of the story to track.")
		h.redirect(w, r, "/stories")
		return
	}
	req := redline.TrackRequest{URL: raw, Tags: splitTags(r.PostFormValue("tags")), Every: strings.TrimSpace(r.PostFormValue("every"))}
	st, err := h.svc.Track(r.Context(), req)
	switch {
	case errors.Is(err, redline.ErrStoryExists):
		h.setFlash(w, r, "ok", fmt.Sprintf("Already tracked as story %d: %s", st.ID, nameOf(st)))
	case errors.Is(err, redline.ErrBadURL), errors.Is(err, redline.ErrForbiddenTarget), errors.Is(err, redline.ErrBadRequest):
		h.setFlash(w, r, "error", "Add story: "+err.Error())
	case err != nil:
		h.logger.Error("ui: add story", "url", raw, "error", err)
		h.setFlash(w, r, "error", "Add story failed: "+err.Error())
	default:
		h.setFlash(w, r, "ok", fmt.Sprintf("Tracking story %d: %s. Its first check runs within a tick; Run now checks it at once.", st.ID, nameOf(st)))
	}
	h.redirect(w, r, "/stories")
}

// splitTags reads "a, b c" as three tags: people type either.
func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

func nameOf(st redline.Story) string {
	if st.Headline != "" {
		return st.Headline
	}
	return st.URL
}

// formStory reads {id} and checks the CSRF token of a per-story form.
func (h *Handler) formStory(w http.ResponseWriter, r *http.Request, what string) (redline.StoryID, bool) {
	if !h.checkCSRF(r) {
		h.fail(w, r, http.StatusForbidden, what+" refused: the form expired or came from another page; reload and try again")
		return 0, false
	}
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("ui: %s: story id %q is not a number from 1", what, r.PathValue("id")))
		return 0, false
	}
	return redline.StoryID(id), true
}

// back is where a per-story form returns: the page it was sent from when
// that is one of ours, else the stories list.
func back(r *http.Request) string {
	if to := r.PostFormValue("back"); to != "" {
		return localPath(to)
	}
	return "/stories"
}

func (h *Handler) untrackStory(w http.ResponseWriter, r *http.Request) {
	id, ok := h.formStory(w, r, "untrack")
	if !ok {
		return
	}
	st, err := h.svc.Untrack(r.Context(), id, false)
	if err != nil {
		h.failErr(w, r, err)
		return
	}
	h.setFlash(w, r, "ok", fmt.Sprintf("Stopped checking story %d: %s. Its %d versions are kept; tracking its URL again resumes it.", st.ID, nameOf(st), st.Versions))
	h.redirect(w, r, back(r))
}

// crawlStory checks one story now, in the request: one story is one
// fetch, bounded by the crawler's own timeouts.
func (h *Handler) crawlStory(w http.ResponseWriter, r *http.Request) {
	id, ok := h.formStory(w, r, "run now")
	if !ok {
		return
	}
	if _, err := h.svc.Story(r.Context(), strconv.FormatUint(uint64(id), 10)); err != nil {
		h.failErr(w, r, err)
		return
	}
	rep, err := h.svc.Crawl(r.Context(), redline.CrawlRequest{IDs: []redline.StoryID{id}})
	switch {
	case errors.Is(err, redline.ErrBusy):
		h.setFlash(w, r, "error", fmt.Sprintf("Story %d was not checked: a crawl pass is running; its result will show here when it ends.", id))
	case err != nil:
		h.setFlash(w, r, "error", fmt.Sprintf("Checking story %d failed: %v", id, err))
	case len(rep.Stories) == 0:
		h.setFlash(w, r, "error", fmt.Sprintf("Story %d was not checked.", id))
	default:
		h.setFlash(w, r, flashKind(rep.Stories[0]), crawlMessage(rep.Stories[0]))
	}
	h.redirect(w, r, back(r))
}

func flashKind(sr redline.StoryResult) string {
	if sr.Result == redline.ResultFailed || sr.Result == "skipped" || sr.Error != "" {
		return "error"
	}
	return "ok"
}

func crawlMessage(sr redline.StoryResult) string {
	switch {
	case sr.Error != "":
		return fmt.Sprintf("Story %d: check %s: %s", sr.ID, sr.Result, sr.Error)
	case sr.Reason != "":
		return fmt.Sprintf("Story %d: %s: %s", sr.ID, sr.Result, sr.Reason)
	case sr.Version > 0 && (sr.Result == redline.ResultNew || sr.Result == redline.ResultChanged):
		return fmt.Sprintf("Story %d checked: %s, version %d.", sr.ID, sr.Result, sr.Version)
	}
	return fmt.Sprintf("Story %d checked: %s.", sr.ID, strings.ReplaceAll(string(sr.Result), "_", " "))
}
