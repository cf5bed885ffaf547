package extract

// minLooseWords is the length from which text written straight into the
// container reads as a paragraph rather than a label or a date.
const minLooseWords = 15

// looseProse reports a paragraph written straight into the article
// container, outside any <p>: blog engines of every age put the first
// paragraph, or all of them between <br><br>, there. The container holds
// nearly all of the story's text (see locate), so a sentence-long run of
// text in it that is not mostly links is the story's, though the generic
// extractors often leave such a run out. Datelines and bylines written
// there are short, or are dropped by the noise rules after.
func looseProse(b block) bool {
	return b.sig == ">#" && wordCount(b.text) >= minLooseWords && b.linkLen*3 < len(b.text)
}
