// Package diff compares two versions of an article and renders what
// changed, for editors reading a developing story.
//
// Compare works field by field. The headline, byline, dek and notes are
// diffed word by word on their own, so a headline rewrite never hides in
// the body; a change of the developing flag is a field of its own.
//
// The body is aligned paragraph by paragraph first: identical paragraphs
// are matched in order, identical paragraphs found at another place are
// moves, and the remaining removed and added paragraphs are paired as
// changes when they sit in the same gap between unchanged paragraphs and
// share at least half their words (Dice coefficient of case-folded word
// bags; 0.4 for a lone paragraph replaced in place), or as moves with
// edits when they share four fifths of their words anywhere. Only paired paragraphs are diffed word by word.
//
// The word diff tokenizes text into words (numbers such as "1,500" and
// words such as "don't" whole), runs of whitespace and single punctuation
// marks, maps each distinct token to a rune, and runs diffmatchpatch's
// DiffMainRunes and DiffCleanupSemantic on the runes, so no cleanup can
// split a word. Edits are then slid to natural boundaries, and a sentence
// rule replaces confetti: a sentence (delimited by an unchanged terminator
// and space, or an unchanged line break) with two or more separate edits
// and fewer than half of its words unchanged is shown as the whole old
// sentence deleted and the whole new sentence inserted. A single edit is
// never widened, so "12 people" → "15 people" shows just the number and a
// typo fix just the word.
//
// Renderers share one layout: changed fields, then body paragraphs with
// unchanged ones elided beyond RenderOptions.Context, then notes and the
// developing flag. WritePlain marks edits as [-deleted-]{+inserted+},
// WriteANSI colours them for a terminal, WriteHTML writes an escaped
// fragment for a page or (with InlineStyles) an e-mail, and WriteJSON
// writes the Diff itself. Blocks hands the same layout to pages that draw
// it with their own templates, with each paragraph split into the old and
// new columns of a side-by-side view and each folded run counted.
//
// Everything is pure: the package performs no I/O beyond the writer it is
// given, and invalid UTF-8 in an article is replaced before diffing.
package diff
