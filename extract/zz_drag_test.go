package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDragnet(t *testing.T) {
	ents, _ := os.ReadDir("../../shared/corpus/dragnet/pages/")
	e := mustNew(t, Options{})
	n, l, m := 0, 0, 0
	for _, ent := range ents {
		b, err := os.ReadFile("../../shared/corpus/dragnet/pages/" + ent.Name() + "/source.html")
		if err != nil {
			continue
		}
		a, err := e.Extract(b, "http://fakehost/x")
		n++
		if err == nil && a.Kind != "" {
			l++
			fmt.Println("LISTING", ent.Name(), a.Headline)
		}
		if err == nil && a.Mojibake {
			m++
			fmt.Println("MOJIBAKE", ent.Name(), a.Headline)
		}
	}
	fmt.Println("pages", n, "listing", l, "mojibake", m)
}
