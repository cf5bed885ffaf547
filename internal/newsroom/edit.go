package newsroom

import (
	"slices"
	"time"
)

// EditKind names the kind of change a round makes to its story.
type EditKind string

// The edit kinds a story script uses. Each round makes exactly one of them.
const (
	// EditPublished marks round 0: the story as first published.
	EditPublished           EditKind = "published"
	EditParagraphAdded      EditKind = "paragraph_added"
	EditParagraphRemoved    EditKind = "paragraph_removed"
	EditParagraphsReordered EditKind = "paragraphs_reordered"
	EditNumberChanged       EditKind = "number_changed"
	EditTypoFixed           EditKind = "typo_fixed"
	EditHeadlineChanged     EditKind = "headline_changed"
	EditBylineAdded         EditKind = "byline_added"
	EditCorrectionAppended  EditKind = "correction_appended"
	EditDevelopingRemoved   EditKind = "developing_removed"
	EditSentenceRemoved     EditKind = "sentence_removed"
	// EditNone is a round in which only the per-request noise changes; a
	// tracker must not record a version for it.
	EditNone EditKind = "none"
)

// EditKinds lists every kind a round after the first can make.
func EditKinds() []EditKind {
	return []EditKind{
		EditParagraphAdded, EditParagraphRemoved, EditParagraphsReordered,
		EditNumberChanged, EditTypoFixed, EditHeadlineChanged, EditBylineAdded,
		EditCorrectionAppended, EditDevelopingRemoved, EditSentenceRemoved, EditNone,
	}
}

// Edit describes what changed in a round, for tests and demo output.
type Edit struct {
	Kind        EditKind
	Description string
}

// Field names a part of the article that a round can change.
type Field string

// Fields of a Round, as reported by [Round.ChangedFields].
const (
	FieldHeadline   Field = "headline"
	FieldByline     Field = "byline"
	FieldDek        Field = "dek"
	FieldParagraphs Field = "paragraphs"
	FieldNotes      Field = "notes"
	FieldDeveloping Field = "developing"
)

// EditRound is one round of one story and the fields it changed against the
// round before it.
type EditRound struct {
	Slug  string
	Round int
	Edit  Edit
	// Fields is empty for an EditNone round.
	Fields []Field
	// HashChanged reports whether redline.Article.Hash of this round differs
	// from the round before: whether a tracker should store a version. It is
	// false for EditNone and also for a round whose only field is
	// FieldDeveloping, because Hash leaves the developing flag out.
	HashChanged bool
}

// ChangesContent reports whether the round changes any field at all.
func (e EditRound) ChangesContent() bool { return len(e.Fields) > 0 }

// ChangedFields compares r with the round before it. The fields are derived
// from the data, not from the declared Edit, so tests can check that a
// story script does what its edits claim.
func (r Round) ChangedFields(prev Round) []Field {
	var f []Field
	if r.Headline != prev.Headline {
		f = append(f, FieldHeadline)
	}
	if r.Byline != prev.Byline {
		f = append(f, FieldByline)
	}
	if r.Dek != prev.Dek {
		f = append(f, FieldDek)
	}
	if !slices.Equal(r.Paragraphs, prev.Paragraphs) {
		f = append(f, FieldParagraphs)
	}
	if !slices.Equal(r.Notes, prev.Notes) {
		f = append(f, FieldNotes)
	}
	if r.Developing != prev.Developing {
		f = append(f, FieldDeveloping)
	}
	return f
}

// EditRounds lists rounds 1 and later of the story with the fields each
// changed; round 0, the first publication, is left out.
func (s Story) EditRounds() []EditRound {
	var out []EditRound
	var zero time.Time
	for i := 1; i < len(s.Rounds); i++ {
		out = append(out, EditRound{
			Slug:        s.Slug,
			Round:       i,
			Edit:        s.Rounds[i].Edit,
			Fields:      s.Rounds[i].ChangedFields(s.Rounds[i-1]),
			HashChanged: s.Rounds[i].Article(zero, zero).Hash() != s.Rounds[i-1].Article(zero, zero).Hash(),
		})
	}
	return out
}
