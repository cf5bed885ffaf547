package newsroom

import (
	"slices"
	"strings"
)

// DemoStories returns the built-in stories of the fictional Aldane Courier
// in Port Aldane: a storm with a round for every edit kind, a bridge closure,
// a council budget vote, and a finished story that never changes. Each call
// returns fresh copies.
func DemoStories() []Story {
	return []Story{stormStory(), bridgeStory(), budgetStory(), libraryStory()}
}

// replaceText swaps old for new in the one paragraph that contains it.
func replaceText(old, new string) func(r *Round) {
	return func(r *Round) {
		for i, p := range r.Paragraphs {
			if strings.Contains(p, old) {
				r.Paragraphs[i] = strings.Replace(p, old, new, 1)
				return
			}
		}
	}
}

// insertParagraph puts text before the paragraph that starts with before.
func insertParagraph(before, text string) func(r *Round) {
	return func(r *Round) {
		i := paragraphIndex(r, before)
		if i < 0 {
			i = len(r.Paragraphs)
		}
		r.Paragraphs = slices.Insert(r.Paragraphs, i, text)
	}
}

// appendParagraph adds text after the last paragraph.
func appendParagraph(text string) func(r *Round) {
	return func(r *Round) { r.Paragraphs = append(r.Paragraphs, text) }
}

// removeParagraph drops the paragraph that starts with prefix.
func removeParagraph(prefix string) func(r *Round) {
	return func(r *Round) {
		if i := paragraphIndex(r, prefix); i >= 0 {
			r.Paragraphs = slices.Delete(r.Paragraphs, i, i+1)
		}
	}
}

// moveParagraph moves the paragraph that starts with prefix to just before
// the paragraph that starts with before.
func moveParagraph(prefix, before string) func(r *Round) {
	return func(r *Round) {
		i := paragraphIndex(r, prefix)
		if i < 0 {
			return
		}
		p := r.Paragraphs[i]
		r.Paragraphs = slices.Delete(r.Paragraphs, i, i+1)
		j := paragraphIndex(r, before)
		if j < 0 {
			j = len(r.Paragraphs)
		}
		r.Paragraphs = slices.Insert(r.Paragraphs, j, p)
	}
}

func paragraphIndex(r *Round, prefix string) int {
	if prefix == "" {
		return -1
	}
	return slices.IndexFunc(r.Paragraphs, func(p string) bool { return strings.HasPrefix(p, prefix) })
}
