package newsroom

import (
	"errors"
	"fmt"
	"slices"
)

// Fault is a failure mode a story's pages can be switched into.
type Fault string

// The failure modes a crawler must survive.
const (
	// FaultNone serves the story normally.
	FaultNone Fault = ""
	// FaultServerError answers 500.
	FaultServerError Fault = "server_error"
	// FaultGone answers 410: the publisher took the story down.
	FaultGone Fault = "gone"
	// FaultNotFound answers 404, as if the story never existed.
	FaultNotFound Fault = "not_found"
	// FaultUnavailable answers 503 with Retry-After (Options.RetryAfter).
	FaultUnavailable Fault = "unavailable"
	// FaultWindows1252 serves the normal page encoded as windows-1252,
	// declared in both the Content-Type header and a <meta charset>.
	FaultWindows1252 Fault = "windows_1252"
	// FaultPaywall answers 200 with the headline, the first paragraph and
	// a subscription prompt instead of the rest of the story.
	FaultPaywall Fault = "paywall"
	// FaultConsentWall answers 200 with a cookie-consent interstitial and
	// no article at all.
	FaultConsentWall Fault = "consent_wall"
	// FaultOversized pads the normal page to at least
	// Options.OversizeBytes with invisible markup.
	FaultOversized Fault = "oversized"
)

// Faults lists every fault except FaultNone.
func Faults() []Fault {
	return []Fault{
		FaultServerError, FaultGone, FaultNotFound, FaultUnavailable,
		FaultWindows1252, FaultPaywall, FaultConsentWall, FaultOversized,
	}
}

// ErrUnknownStory is returned when a slug names no story on the site.
var ErrUnknownStory = errors.New("unknown story")

// ErrSlugTaken is returned by Rename when the new slug is, or was, in use.
var ErrSlugTaken = errors.New("slug already in use")

// SetFault switches the story's pages into the failure mode f; FaultNone
// restores them. The slug may be current or one the story had before.
func (s *Site) SetFault(slug string, f Fault) error {
	if f != FaultNone && !slices.Contains(Faults(), f) {
		return fmt.Errorf("newsroom: set fault %q on %q: unknown fault", f, slug)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.lookupLocked(slug)
	if st == nil {
		return fmt.Errorf("newsroom: set fault on %q: %w", slug, ErrUnknownStory)
	}
	st.fault = f
	return nil
}

// Rename changes a story's slug, as a CMS does when an editor rewrites the
// headline: the story is served at the new slug, and the old one answers
// 301 Moved Permanently with the new URL.
func (s *Site) Rename(oldSlug, newSlug string) error {
	if !slugPattern.MatchString(newSlug) {
		return fmt.Errorf("newsroom: rename %q to %q: invalid slug", oldSlug, newSlug)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.lookupLocked(oldSlug)
	if st == nil {
		return fmt.Errorf("newsroom: rename %q: %w", oldSlug, ErrUnknownStory)
	}
	if other := s.lookupLocked(newSlug); other != nil && other != st {
		return fmt.Errorf("newsroom: rename %q to %q: %w", oldSlug, newSlug, ErrSlugTaken)
	}
	if st.slug == newSlug {
		return nil
	}
	delete(s.bySlug, st.slug)
	delete(s.moved, newSlug) // renaming back to an old slug ends its redirect
	s.moved[st.slug] = newSlug
	st.slug = newSlug
	s.bySlug[newSlug] = st
	return nil
}

// TemplateFor is the template that serves the story at /news/{slug}, or
// TemplateRotate.
func (s *Site) TemplateFor(slug string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if st := s.lookupLocked(slug); st != nil && st.template != "" {
		return st.template
	}
	return s.opts.Template
}
