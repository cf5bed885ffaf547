package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/web"
)

// extractJSON is the documented shape of `extract --json`.
type extractJSON struct {
	web.ArticleView
	Dropped []droppedJSON `json:"dropped,omitempty"`
}

type droppedJSON struct {
	Text string `json:"text"`
	Rule string `json:"rule"`
}

func newExtractCommand(a *app) *cobra.Command {
	var (
		asJSON  bool
		explain bool
		pageURL string
	)
	cmd := &cobra.Command{
		Use:   "extract FILE|URL",
		Short: "Show what redline sees in one page (for checking and writing site rules)",
		Args:  argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(); err != nil {
				return err
			}
			ex, err := a.newExtractor()
			if err != nil {
				return err
			}
			src := args[0]
			html, base, err := a.readPage(cmd, src)
			if err != nil {
				return err
			}
			if pageURL != "" {
				base = pageURL
			}
			art, dropped, err := ex.Explain(html, base)
			if err != nil {
				return err
			}
			out := extractJSON{ArticleView: web.NewArticleView(art)}
			if explain {
				for _, d := range dropped {
					out.Dropped = append(out.Dropped, droppedJSON{Text: d.Text, Rule: d.Rule})
				}
			}
			if asJSON {
				return writeJSON(a.stdout, out)
			}
			printArticle(a, art)
			if explain {
				fmt.Fprintf(a.stdout, "--- dropped as noise (%d) ---\n", len(out.Dropped))
				for _, d := range out.Dropped {
					fmt.Fprintf(a.stdout, "[%s] %s\n", d.Rule, truncate(d.Text, 120))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&explain, "explain", false, "also list what was dropped as noise, and by which rule")
	cmd.Flags().StringVar(&pageURL, "url", "", "the page's URL when reading a FILE (for site rules and links)")
	return cmd
}

func (a *app) readPage(cmd *cobra.Command, src string) ([]byte, string, error) {
	if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
		b, err := os.ReadFile(src)
		if err != nil {
			return nil, "", fmt.Errorf("extract: read %s: %w", src, err)
		}
		// A saved page is decoded as the crawler decodes a fetched one
		// (BOM, then <meta charset>, then UTF-8 when it is valid), so the
		// command shows what a check would store.
		if b, err = crawler.DecodeStored(b, ""); err != nil {
			return nil, "", fmt.Errorf("extract: read %s: %w", src, err)
		}
		return b, "file://" + src, nil
	}
	c, err := a.newCrawler()
	if err != nil {
		return nil, "", err
	}
	defer c.Close()
	page, err := c.Fetch(cmd.Context(), crawler.Request{URL: src})
	if err != nil {
		return nil, "", err
	}
	return page.Body, page.FinalURL, nil
}

func printArticle(a *app, art redline.Article) {
	if art.Kind == redline.KindListing {
		fmt.Fprintln(a.stdout, "not an article: this page lists stories (a homepage or section front)")
	}
	fmt.Fprintf(a.stdout, "headline:   %s\n", art.Headline)
	if art.Site != "" {
		fmt.Fprintf(a.stdout, "site:       %s\n", art.Site)
	}
	fmt.Fprintf(a.stdout, "byline:     %s\n", art.Byline)
	if art.Dek != "" {
		fmt.Fprintf(a.stdout, "dek:        %s\n", art.Dek)
	}
	if !art.Published.IsZero() {
		fmt.Fprintf(a.stdout, "published:  %s\n", art.Published.Format(time.RFC3339))
	}
	if !art.Modified.IsZero() {
		fmt.Fprintf(a.stdout, "modified:   %s\n", art.Modified.Format(time.RFC3339))
	}
	if art.Mojibake {
		fmt.Fprintln(a.stdout, "repaired:   the page's text was double-encoded UTF-8 (mojibake)")
	}
	fmt.Fprintf(a.stdout, "developing: %t\nextractor:  %s\n\n", art.Developing, art.Extractor)
	for _, p := range art.Paragraphs {
		fmt.Fprintf(a.stdout, "%s\n\n", p)
	}
	for _, n := range art.Notes {
		fmt.Fprintf(a.stdout, "note: %s\n\n", n)
	}
}
