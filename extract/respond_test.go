package extract

import (
	"fmt"
	"strings"
	"testing"
)

// The comment form a blog theme prints inside the post's element
// (<div id="respond">: "Leave a Reply", the field labels, the allowed
// tags) is not the post, even when the post is short and go-readability,
// asked about it, takes the form along.
func TestExtractor_Extract_commentForm(t *testing.T) {
	page := func(v int) []byte {
		var b strings.Builder
		b.WriteString(`<div class="post"><h2>` + storyHeadline + `</h2><div class="entry">`)
		for _, p := range storyParagraphs[:2] {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		fmt.Fprintf(&b, `<div id="respond"><h3 id="reply-title">Leave a Reply</h3><form action="/wp-comments-post.php" method="post" id="commentform-%d">
<p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<p class="comment-form-author"><label for="author">Name</label> <span class="required">*</span><input id="author" name="author" type="text"></p>
<p class="comment-form-url"><label for="url">Website</label><input id="url" name="url" type="text"></p>
<p class="form-allowed-tags">You may use these HTML tags and attributes: &lt;a href="" title=""&gt; &lt;abbr title=""&gt; &lt;b&gt; &lt;blockquote cite=""&gt; &lt;cite&gt; &lt;code&gt; &lt;em&gt; &lt;strong&gt;</p>
<textarea id="comment" name="comment"></textarea><input name="submit" type="submit" value="Post Comment"></form></div></div></div>`, v)
		return classPage(b.String())
	}
	checkRenders(t, mustNew(t, Options{}), 2, page, wantStory(2))
}
