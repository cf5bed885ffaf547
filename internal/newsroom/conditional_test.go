package newsroom

import (
	"bytes"
	"net/http"
	"testing"
)

func TestSite_Handler_Conditional(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 1, Conditional: true})
	slug := "storm-surge-floods-harbor-district"
	path := "/news/" + slug
	noneRound := -1
	for _, er := range site.EditRounds() {
		if er.Slug == slug && er.Edit.Kind == EditNone {
			noneRound = er.Round
		}
	}
	if noneRound < 1 {
		t.Fatal("storm story has no none round")
	}
	site.SetRound(noneRound - 1)

	resp1, body1 := fetch(t, srv, path, nil)
	resp2, body2 := fetch(t, srv, path, nil)
	etag, lastMod := resp1.Header.Get("ETag"), resp1.Header.Get("Last-Modified")
	if etag == "" || lastMod == "" {
		t.Fatalf("ETag %q, Last-Modified %q: want both", etag, lastMod)
	}
	if !bytes.Equal(body1, body2) || resp2.Header.Get("ETag") != etag {
		t.Fatal("frozen noise: two requests of one round differ")
	}

	tests := []struct {
		name   string
		round  int
		header http.Header
		want   int
	}{
		{"matching etag", noneRound - 1, http.Header{"If-None-Match": {etag}}, http.StatusNotModified},
		{"not modified since", noneRound - 1, http.Header{"If-Modified-Since": {lastMod}}, http.StatusNotModified},
		{"other etag", noneRound - 1, http.Header{"If-None-Match": {`W/"0000"`}}, http.StatusOK},
		{"none round keeps etag", noneRound, http.Header{"If-None-Match": {etag}}, http.StatusNotModified},
		{"content edit", noneRound + 1, http.Header{"If-None-Match": {etag}}, http.StatusOK},
		{"content edit since", noneRound + 1, http.Header{"If-Modified-Since": {lastMod}}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site.SetRound(tt.round)
			resp, body := fetch(t, srv, path, tt.header)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusNotModified && len(body) != 0 {
				t.Errorf("304 with a %d-byte body", len(body))
			}
			if tt.want == http.StatusOK && tt.round > noneRound && resp.Header.Get("ETag") == etag {
				t.Error("edited content kept the old ETag")
			}
		})
	}
}

// TestSite_Handler_UnstableETag checks the default mode, where the ETag
// covers the noise as a real CMS's would, so revalidation never succeeds.
func TestSite_Handler_UnstableETag(t *testing.T) {
	site, srv := startSite(t, Options{Seed: 1})
	path := "/news/" + site.Slugs()[0]
	resp1, _ := fetch(t, srv, path, nil)
	etag := resp1.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	resp2, _ := fetch(t, srv, path, http.Header{"If-None-Match": {etag}})
	if resp2.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp2.StatusCode)
	}
	if resp2.Header.Get("ETag") == etag {
		t.Error("ETag stable although the noise changed")
	}
}
